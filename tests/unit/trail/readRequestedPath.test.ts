import { readPathLocale, readRequestedPath } from '../../../src/core/trail';

describe('readRequestedPath', () => {
  it('keeps a stored-form path as it is', () => {
    expect(readRequestedPath('/blog/monde/ukraine')).toBe('/blog/monde/ukraine');
    expect(readRequestedPath('/')).toBe('/');
  });

  it('drops a trailing slash, doubled slashes, a query and a fragment', () => {
    expect(readRequestedPath('/blog/monde/')).toBe('/blog/monde');
    expect(readRequestedPath('//blog//monde')).toBe('/blog/monde');
    expect(readRequestedPath('/blog/monde?utm=x#top')).toBe('/blog/monde');
  });

  it.each([
    ['not a string', 42],
    ['empty', ''],
    ['relative', 'blog/monde'],
    ['a dot segment', '/blog/../admin'],
    ['a control character', '/blog/\u0000'],
    ['a backslash', '/blog\\monde'],
    ['too long', `/${'a'.repeat(1500)}`],
  ])('refuses %s', (_name, raw) => {
    expect(readRequestedPath(raw)).toBeNull();
  });
});

describe('readPathLocale', () => {
  const locales = ['fr', 'en', 'pt-BR'];
  it('reads the locale of a prefixed path, as the site spells it', () => {
    expect(readPathLocale('/en/blog/x', locales)).toBe('en');
    expect(readPathLocale('/pt-br/blog', locales)).toBe('pt-BR');
  });
  it('returns null for an unprefixed path or an unknown first segment', () => {
    expect(readPathLocale('/blog/x', locales)).toBeNull();
    expect(readPathLocale('/', locales)).toBeNull();
    expect(readPathLocale('/de/x', locales)).toBeNull();
  });
});
