import { buildArticleTrail } from '../../../src/core/trail';

const site = { name: 'Cellule44', baseUrl: 'https://example.org/' };
const article = {
  title: 'Derrière les portes closes : un haut diplomate nord-coréen arrive à Moscou',
  slug: 'derriere-les-portes-closes',
};

describe('buildArticleTrail', () => {
  it('puts the article under its category', () => {
    const trail = buildArticleTrail(site, [{ label: 'Corée du Nord', slug: 'coree-du-nord' }], article);
    expect(trail.path).toBe('/blog/coree-du-nord/derriere-les-portes-closes');
    expect(trail.breadcrumbs.map((crumb) => crumb.label)).toEqual(['Cellule44', 'Blog', 'Corée du Nord', article.title]);
    expect(trail.breadcrumbs[3]?.url).toBe('https://example.org/blog/coree-du-nord/derriere-les-portes-closes');
    expect(trail.breadcrumbText).toBe(
      'Cellule44 > Blog > Corée du Nord > Derrière les portes closes : un haut diplomate nord-coréen arrive à Moscou',
    );
  });

  it('files an uncategorised article directly under the blog', () => {
    const trail = buildArticleTrail(site, [], article);
    expect(trail.path).toBe('/blog/derriere-les-portes-closes');
    expect(trail.breadcrumbs.map((crumb) => crumb.path)).toEqual(['/', '/blog', '/blog/derriere-les-portes-closes']);
  });

  it('does not produce a double slash when the blog is the root', () => {
    expect(buildArticleTrail({ ...site, blogPath: '/' }, [], article).path).toBe('/derriere-les-portes-closes');
    expect(
      buildArticleTrail({ ...site, blogPath: '' }, [{ label: 'A', slug: 'a' }], article).path,
    ).toBe('/a/derriere-les-portes-closes');
  });

  it('has one root crumb, not two, when the blog is the site root', () => {
    const trail = buildArticleTrail({ ...site, blogPath: '' }, [{ label: 'A', slug: 'a' }], article);
    expect(trail.breadcrumbs.map((crumb) => [crumb.label, crumb.path])).toEqual([
      ['Cellule44', '/'],
      ['A', '/a'],
      [article.title, '/a/derriere-les-portes-closes'],
    ]);
    expect(trail.breadcrumbText).toBe(`Cellule44 > A > ${article.title}`);
  });

  it('uses the site separator, and the default when it is empty', () => {
    expect(buildArticleTrail({ ...site, breadcrumbSeparator: ' / ' }, [], article).breadcrumbText).toBe(
      `Cellule44 / Blog / ${article.title}`,
    );
    expect(buildArticleTrail({ ...site, breadcrumbSeparator: '' }, [], article).breadcrumbText).toBe(
      `Cellule44 > Blog > ${article.title}`,
    );
  });
});
