import { isValidSlug } from '../../../src/core/slug';

describe('isValidSlug', () => {
  it.each(['a', 'coree-du-nord', '2017-09-29', 'a'.repeat(120)])('accepts %s', (slug) => {
    expect(isValidSlug(slug)).toBe(true);
  });

  it.each([
    ['empty', ''],
    ['uppercase', 'Coree'],
    ['accent', 'corée'],
    ['leading hyphen', '-a'],
    ['trailing hyphen', 'a-'],
    ['double hyphen', 'a--b'],
    ['slash', 'a/b'],
    ['space', 'a b'],
    ['too long', 'a'.repeat(121)],
  ])('rejects %s', (_name, slug) => {
    expect(isValidSlug(slug)).toBe(false);
  });

  it('rejects non-strings', () => {
    expect(isValidSlug(null)).toBe(false);
    expect(isValidSlug(42)).toBe(false);
  });
});
