import { asPublic, graphql } from '../../helpers/agents';
import { labels, newsroom, paths } from '../../helpers/fixtures';
import { bootStrapi, type TestApp } from '../../helpers/strapi';

const TITLE = 'Derrière les portes closes : un haut diplomate nord-coréen arrive à Moscou pour des entretiens (VIDEO)';

describe('the breadcrumb contract frontends render as it is', () => {
  let app: TestApp;
  let northKorea: { documentId: string };
  let diplomacy: { documentId: string };
  let article: { documentId: string; slug: string };

  beforeAll(async () => {
    app = await bootStrapi();
    const make = newsroom(app);
    await make.site();
    northKorea = await make.category('Corée du Nord');
    await make.translateCategory(northKorea.documentId, 'en', 'North Korea');
    diplomacy = await make.category('Diplomatie', { parent: northKorea.documentId });
    await make.translateCategory(diplomacy.documentId, 'en', 'Diplomacy', northKorea.documentId);
    article = await make.article(TITLE, { category: northKorea.documentId, published: true });
  });
  afterAll(async () => {
    await app?.stop();
  });

  it('starts at the site home, then the blog, then each category, and ends with the article', async () => {
    const response = await asPublic(app).get(`/api/articles/${article.documentId}`).query({ locale: 'fr' }).expect(200);
    const slug = 'derriere-les-portes-closes-un-haut-diplomate-nord-coreen-arrive-a-moscou-pour-des-entretiens-video';

    expect(response.body.data.slug).toBe(slug);
    expect(response.body.data.breadcrumbs).toEqual([
      { label: 'Cellule44', path: '/', url: 'https://example.org/' },
      { label: 'Blog', path: '/blog', url: 'https://example.org/blog' },
      { label: 'Corée du Nord', path: '/blog/coree-du-nord', url: 'https://example.org/blog/coree-du-nord' },
      { label: TITLE, path: `/blog/coree-du-nord/${slug}`, url: `https://example.org/blog/coree-du-nord/${slug}` },
    ]);
    expect(response.body.data.breadcrumbText).toBe(`Cellule44 > Blog > Corée du Nord > ${TITLE}`);
  });

  it('carries the same trail as a schema.org BreadcrumbList in the structured data', async () => {
    const response = await asPublic(app).get(`/api/articles/${article.documentId}`).query({ locale: 'fr' }).expect(200);
    const { structuredData, breadcrumbs } = response.body.data;

    expect(structuredData['@context']).toBe('https://schema.org');
    const list = structuredData['@graph'].find((node: { '@type': string }) => node['@type'] === 'BreadcrumbList');
    expect(list.itemListElement).toEqual(
      breadcrumbs.map((crumb: { label: string; url: string }, index: number) => ({
        '@type': 'ListItem',
        position: index + 1,
        name: crumb.label,
        item: crumb.url,
      }))
    );
  });

  it('returns the same data through GraphQL', async () => {
    const rest = await asPublic(app).get(`/api/articles/${article.documentId}`).query({ locale: 'fr' }).expect(200);
    const result = await graphql(
      app,
      'query ($id: ID!) { article(documentId: $id, locale: "fr") { breadcrumbs breadcrumbText structuredData } }',
      { id: article.documentId }
    );
    expect(result.errors).toEqual([]);
    expect(result.data.article).toEqual({
      breadcrumbs: rest.body.data.breadcrumbs,
      breadcrumbText: rest.body.data.breadcrumbText,
      structuredData: rest.body.data.structuredData,
    });
  });

  it('gives categories their own path and breadcrumbs, ending at the category', async () => {
    const response = await asPublic(app).get(`/api/categories/${diplomacy.documentId}`).query({ locale: 'fr' }).expect(200);
    expect(response.body.data.path).toBe('/blog/coree-du-nord/diplomatie');
    expect(labels(response.body.data.breadcrumbs)).toEqual(['Cellule44', 'Blog', 'Corée du Nord', 'Diplomatie']);
    expect(paths(response.body.data.breadcrumbs)).toEqual(['/', '/blog', '/blog/coree-du-nord', '/blog/coree-du-nord/diplomatie']);
  });

  it('files an article without a category directly under the blog', async () => {
    const loose = await newsroom(app).article('Sans rubrique', { published: true });
    const response = await asPublic(app).get(`/api/articles/${loose.documentId}`).query({ locale: 'fr' }).expect(200);
    expect(response.body.data.breadcrumbs).toEqual([
      { label: 'Cellule44', path: '/', url: 'https://example.org/' },
      { label: 'Blog', path: '/blog', url: 'https://example.org/blog' },
      { label: 'Sans rubrique', path: '/blog/sans-rubrique', url: 'https://example.org/blog/sans-rubrique' },
    ]);
  });

  it('speaks the article’s locale: English articles get the English category names and slugs', async () => {
    const english = await newsroom(app).article('Talks in Moscow', {
      locale: 'en',
      category: diplomacy.documentId,
      published: true,
    });
    const response = await asPublic(app).get(`/api/articles/${english.documentId}`).query({ locale: 'en' }).expect(200);
    expect(labels(response.body.data.breadcrumbs)).toEqual(['Cellule44', 'Blog', 'North Korea', 'Diplomacy', 'Talks in Moscow']);
    // English is not the Site's default locale (fr): its URL space starts at /en.
    expect(response.body.data.breadcrumbs.at(-1).path).toBe('/en/blog/north-korea/diplomacy/talks-in-moscow');
  });

  it('stores trails longer than 255 characters (PostgreSQL makes a plain string a varchar(255))', async () => {
    const title = `Un très long titre ${'de dépêche '.repeat(21)}`.trim().slice(0, 250);
    const long: any = await newsroom(app).article(title, { category: diplomacy.documentId, published: true });
    expect(long.breadcrumbText.length).toBeGreaterThan(255);
    const [row] = await newsroom(app).articleRows(long.documentId);
    expect(row.breadcrumbText).toBe(`Cellule44 > Blog > Corée du Nord > Diplomatie > ${title}`);
    expect(row.path.length).toBeGreaterThan(120);
  });

  it('uses bare paths as urls while the site has no base URL', async () => {
    await newsroom(app).site({ baseUrl: '' });
    try {
      const response = await asPublic(app).get(`/api/categories/${northKorea.documentId}`).query({ locale: 'fr' }).expect(200);
      expect(response.body.data.breadcrumbs.map((crumb: { url: string }) => crumb.url)).toEqual(['/', '/blog', '/blog/coree-du-nord']);
    } finally {
      await newsroom(app).site();
    }
  });
});
