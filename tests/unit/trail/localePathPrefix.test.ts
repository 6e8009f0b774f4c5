import { buildArticleTrail, buildCategoryTrail, localePathPrefix } from '../../../src/core/trail';

const site = { name: 'Cellule44', baseUrl: 'https://example.org', defaultLocale: 'fr' };
const europe = [{ label: 'Europe', slug: 'europe' }];
const brexit = { title: 'Brexit', slug: 'brexit' };

describe('localePathPrefix', () => {
  it('prefixes every locale but the default one by default', () => {
    expect(localePathPrefix(site, 'fr')).toBe('');
    expect(localePathPrefix(site, 'en')).toBe('/en');
    expect(localePathPrefix(site, null)).toBe('');
  });

  it('prefixes every locale with prefix-always, none with none', () => {
    expect(localePathPrefix({ ...site, localePrefix: 'prefix-always' }, 'fr')).toBe('/fr');
    expect(localePathPrefix({ ...site, localePrefix: 'none' }, 'en')).toBe('');
  });

  it('lowercases a regional locale, as URLs are', () => {
    expect(localePathPrefix(site, 'pt-BR')).toBe('/pt-br');
  });
});

describe('trails in a prefixed locale', () => {
  it('start at the locale home and carry the prefix through every crumb', () => {
    const trail = buildArticleTrail(site, europe, brexit, 'en');
    expect(trail.path).toBe('/en/blog/europe/brexit');
    expect(trail.breadcrumbs.map((crumb) => crumb.path)).toEqual(['/en', '/en/blog', '/en/blog/europe', '/en/blog/europe/brexit']);
    expect(trail.breadcrumbs[0].url).toBe('https://example.org/en');
  });

  it('keep the default locale unprefixed', () => {
    expect(buildArticleTrail(site, europe, brexit, 'fr').path).toBe('/blog/europe/brexit');
    expect(buildCategoryTrail(site, europe, 'fr').path).toBe('/blog/europe');
  });

  it('work with a blog at the site root', () => {
    const trail = buildCategoryTrail({ ...site, blogPath: '' }, europe, 'en');
    expect(trail.path).toBe('/en/europe');
    expect(trail.breadcrumbs.map((crumb) => crumb.path)).toEqual(['/en', '/en/europe']);
  });
});
