import { anonymousLabels } from '../../../src/core/privacy';

describe('anonymousLabels', () => {
  it("names an erased commenter in the site's language, by its primary subtag", () => {
    expect(anonymousLabels('fr').name).toBe('Anonyme');
    expect(anonymousLabels('fr-CA').name).toBe('Anonyme');
    expect(anonymousLabels('EL').name).toBe('Ανώνυμος');
  });

  it('falls back to English for a language it has no label for, or none', () => {
    expect(anonymousLabels('tlh')).toEqual(anonymousLabels('en'));
    expect(anonymousLabels(null).name).toBe('Anonymous');
  });
});
