import fc from 'fast-check';
import { buildArticleTrail, buildCategoryTrail, findReservedConflicts, planReservedPaths, rootSlugAt } from '../../../src/core/trail';

const site = (overrides: Record<string, unknown> = {}) => ({ name: 'Cellule44', blogPath: '/blog', defaultLocale: 'fr', localePrefix: 'prefix-except-default' as const, ...overrides });

describe('planReservedPaths', () => {
  it('reserves each locale’s home and blog index, and the other locales’ prefixes in the unprefixed one', () => {
    expect(planReservedPaths(site(), ['fr', 'en'])).toEqual([
      { locale: 'fr', path: '/', reason: 'the home page of locale fr' },
      { locale: 'fr', path: '/blog', reason: 'the blog index of locale fr' },
      { locale: 'fr', path: '/en', reason: 'the URL space of locale en (/en/…)' },
      { locale: 'en', path: '/en', reason: 'the home page of locale en' },
      { locale: 'en', path: '/en/blog', reason: 'the blog index of locale en' },
    ]);
  });

  it('has no blog index when the blog is the site root, and no prefixes to reserve when every locale has one', () => {
    expect(planReservedPaths(site({ blogPath: '', localePrefix: 'prefix-always' }), ['fr', 'en'])).toEqual([
      { locale: 'fr', path: '/fr', reason: 'the home page of locale fr' },
      { locale: 'en', path: '/en', reason: 'the home page of locale en' },
    ]);
  });

  it('gives every locale its own unprefixed space under `none`', () => {
    expect(planReservedPaths(site({ localePrefix: 'none' }), ['fr', 'en']).map((entry) => `${entry.locale} ${entry.path}`)).toEqual([
      'fr /',
      'fr /blog',
      'en /',
      'en /blog',
    ]);
  });
});

describe('findReservedConflicts', () => {
  it('finds nothing wrong with sound settings', () => {
    expect(findReservedConflicts(site(), ['fr', 'en'])).toEqual([]);
    expect(findReservedConflicts(site({ blogPath: '' }), ['fr', 'en'])).toEqual([]);
  });

  it('refuses a blog index on another locale’s home, or inside its URL space', () => {
    expect(findReservedConflicts(site({ blogPath: '/en' }), ['fr', 'en'])).toEqual([
      'the blog index of locale fr would be /en, inside the URL space of locale en (/en/…)',
      'the blog index of locale fr and the URL space of locale en (/en/…) would both be /en',
    ]);
    expect(findReservedConflicts(site({ blogPath: '/en/blog' }), ['fr', 'en'])[0]).toBe(
      'the blog index of locale fr would be /en/blog, inside the URL space of locale en (/en/…)'
    );
  });
});

describe('rootSlugAt', () => {
  it('names the root slug that would land on a reserved path, and nothing deeper or outside the blog', () => {
    expect(rootSlugAt(site({ blogPath: '' }), 'fr', '/en')).toBe('en');
    expect(rootSlugAt(site(), 'fr', '/blog/en')).toBe('en');
    expect(rootSlugAt(site(), 'fr', '/en')).toBeNull();
    expect(rootSlugAt(site(), 'fr', '/blog/a/b')).toBeNull();
    expect(rootSlugAt(site(), 'en', '/en/blog/x')).toBe('x');
  });

  it('agrees with the trails: a root page with that slug lives exactly at the path', () => {
    const settings = fc.record({
      blogPath: fc.constantFrom('', '/blog', '/news/archive'),
      localePrefix: fc.constantFrom('prefix-except-default', 'prefix-always', 'none') as fc.Arbitrary<'prefix-except-default' | 'prefix-always' | 'none'>,
      defaultLocale: fc.constantFrom('fr', 'en'),
    });
    fc.assert(
      fc.property(settings, fc.constantFrom('fr', 'en'), fc.stringMatching(/^[a-z0-9]{1,8}$/), (settingsValue, locale, slug) => {
        const s = { name: 'Site', ...settingsValue };
        const category = buildCategoryTrail(s, [{ label: 'X', slug }], locale).path;
        const article = buildArticleTrail(s, [], { title: 'X', slug }, locale).path;
        expect(category).toBe(article);
        expect(rootSlugAt(s, locale, category)).toBe(slug);
      }),
      { seed: 22, numRuns: 200 }
    );
  });
});
