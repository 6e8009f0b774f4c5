import { findReservedPath } from '../../../src/core/trail';

const site = { name: 'S', defaultLocale: 'fr', blogPath: '' };
const locales = ['fr', 'en'];

describe('findReservedPath', () => {
  it('keeps an unprefixed path out of another locale’s URL space when the blog is the site root', () => {
    expect(findReservedPath('/en', site, 'fr', locales)).toMatch(/locale en/);
    expect(findReservedPath('/en/brexit', site, 'fr', locales)).toMatch(/locale en/);
    expect(findReservedPath('/enquete', site, 'fr', locales)).toBeNull();
    expect(findReservedPath('/monde', site, 'fr', locales)).toBeNull();
  });

  it('has nothing to reserve when every locale or none is prefixed', () => {
    expect(findReservedPath('/en', { ...site, localePrefix: 'none' }, 'fr', locales)).toBeNull();
    expect(findReservedPath('/fr/en', { ...site, localePrefix: 'prefix-always' }, 'fr', locales)).toBeNull();
  });

  it('leaves a prefixed locale its own paths', () => {
    expect(findReservedPath('/en/fr', site, 'en', locales)).toBeNull();
  });
});
