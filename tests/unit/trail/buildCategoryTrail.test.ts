import { buildCategoryTrail, type SiteTrailSettings } from '../../../src/core/trail';

const site: SiteTrailSettings = { name: 'Cellule44', baseUrl: 'https://example.org' };
const coree = { label: 'Corée du Nord', slug: 'coree-du-nord' };
const diplomatie = { label: 'Diplomatie', slug: 'diplomatie' };

describe('buildCategoryTrail', () => {
  it('builds home, blog and every ancestor with absolute urls', () => {
    const trail = buildCategoryTrail(site, [coree, diplomatie]);
    expect(trail.path).toBe('/blog/coree-du-nord/diplomatie');
    expect(trail.breadcrumbs).toEqual([
      { label: 'Cellule44', path: '/', url: 'https://example.org/' },
      { label: 'Blog', path: '/blog', url: 'https://example.org/blog' },
      { label: 'Corée du Nord', path: '/blog/coree-du-nord', url: 'https://example.org/blog/coree-du-nord' },
      { label: 'Diplomatie', path: '/blog/coree-du-nord/diplomatie', url: 'https://example.org/blog/coree-du-nord/diplomatie' },
    ]);
  });

  it('uses the configured blog label and normalises the blog path', () => {
    const trail = buildCategoryTrail({ ...site, blogLabel: 'Actualités', blogPath: 'actu/' }, [coree]);
    expect(trail.breadcrumbs[1]).toEqual({ label: 'Actualités', path: '/actu', url: 'https://example.org/actu' });
    expect(trail.path).toBe('/actu/coree-du-nord');
  });

  it.each(['', '/'])('hangs categories off the root when blogPath is %j', (blogPath) => {
    const trail = buildCategoryTrail({ ...site, blogPath }, [coree]);
    expect(trail.path).toBe('/coree-du-nord');
    // The blog index is the home page: one root crumb, not "Cellule44 > Blog" both at "/".
    expect(trail.breadcrumbs.map((crumb) => crumb.path)).toEqual(['/', '/coree-du-nord']);
  });

  it('falls back to the defaults when settings are null', () => {
    const trail = buildCategoryTrail({ name: 'S', baseUrl: null, blogLabel: null, blogPath: null }, [coree]);
    expect(trail.breadcrumbs[1]).toEqual({ label: 'Blog', path: '/blog', url: '/blog' });
  });

  it('keeps urls relative without a base url, and strips trailing slashes from one', () => {
    expect(buildCategoryTrail({ name: 'S', baseUrl: '' }, [coree]).breadcrumbs[0]?.url).toBe('/');
    const trail = buildCategoryTrail({ name: 'S', baseUrl: 'https://example.org//' }, [coree]);
    expect(trail.breadcrumbs.map((crumb) => crumb.url)).toEqual([
      'https://example.org/',
      'https://example.org/blog',
      'https://example.org/blog/coree-du-nord',
    ]);
  });

  it('refuses an empty ancestry', () => {
    expect(() => buildCategoryTrail(site, [])).toThrow(RangeError);
  });
});

describe('a base URL stored before Site writes refused queries and fragments', () => {
  it('builds every URL on its origin and path only', () => {
    const trail = buildCategoryTrail({ name: 'S', baseUrl: 'https://example.org/#top' }, [{ label: 'Monde', slug: 'monde' }]);
    expect(trail.breadcrumbs.map((crumb) => crumb.url)).toEqual(['https://example.org/', 'https://example.org/blog', 'https://example.org/blog/monde']);
    expect(buildCategoryTrail({ name: 'S', baseUrl: 'https://example.org/news?x=1' }, [{ label: 'A', slug: 'a' }]).breadcrumbs[2].url).toBe(
      'https://example.org/news/blog/a'
    );
  });
});
