import { asPublic, graphql } from '../helpers/agents';
import { bootStrapi, type TestApp } from '../helpers/strapi';

const FRENCH_TITLE =
  'Derrière les portes closes : un haut diplomate nord-coréen arrive à Moscou pour des entretiens (VIDEO)';
const FRENCH_SLUG =
  'derriere-les-portes-closes-un-haut-diplomate-nord-coreen-arrive-a-moscou-pour-des-entretiens-video';
const OWN_TRANSLATION_SLUG = 'le-double-gel-explique-ce-que-chaque-camp-devrait-conceder';

describe('demo newsroom, seeded on the first boot of an empty database', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await bootStrapi({ seedDemo: true });
  });
  afterAll(async () => {
    await app?.stop();
  });

  it('publishes the French article of the seed page, readable by Public through REST', async () => {
    const response = await asPublic(app)
      .get('/api/articles')
      .query({ 'filters[slug][$eq]': FRENCH_SLUG, locale: 'fr', populate: '*' })
      .expect(200);

    expect(response.body.data).toHaveLength(1);
    const article = response.body.data[0];
    expect(article.title).toBe(FRENCH_TITLE);
    expect(article.locale).toBe('fr');
    expect(article.publishedAt).toEqual(expect.any(String));
    expect(article.category).toMatchObject({ name: 'Corée du Nord', slug: 'coree-du-nord' });
    expect(article.credits.map((credit: { role: string }) => credit.role)).toEqual(['original', 'photo', 'translation']);
    expect(article.credits[0].url).toBe('https://www.rt.com/news/405007-north-korea-russia-meeting/');
    expect(article.credits[2].person).toBe('Avic');
  });

  it('serves the same article through GraphQL', async () => {
    const result = await graphql(
      app,
      `query ($slug: String!) {
        articles(filters: { slug: { eq: $slug } }, locale: "fr") {
          documentId title slug locale publishedAt
          category { name slug parent { name } }
          credits { role person url caption source { name website } }
        }
      }`,
      { slug: FRENCH_SLUG }
    );

    expect(result.errors).toEqual([]);
    expect(result.data.articles).toHaveLength(1);
    const [article] = result.data.articles;
    expect(article).toMatchObject({ title: FRENCH_TITLE, locale: 'fr', category: { name: 'Corée du Nord', parent: null } });
    expect(article.credits[1]).toMatchObject({ role: 'photo', source: { name: 'RT', website: 'https://www.rt.com' } });
    expect(article.credits[2]).toMatchObject({ role: 'translation', person: 'Avic', source: { name: 'Réseau International' } });
  });

  it('has an English article one category level deeper, so that locales show', async () => {
    const response = await asPublic(app)
      .get('/api/articles')
      .query({ locale: 'en', 'populate[category][populate][parent]': 'true' })
      .expect(200);

    expect(response.body.data).toHaveLength(1);
    const [article] = response.body.data;
    expect(article.locale).toBe('en');
    expect(article.seo).toMatchObject({ robots: 'index, follow', googlebotNews: null });
    expect(article.category).toMatchObject({ name: 'Diplomacy', parent: { name: 'North Korea' } });
  });

  it('localizes the category tree: the same documents in French and English', async () => {
    const french = await asPublic(app).get('/api/categories').query({ locale: 'fr', sort: 'name' }).expect(200);
    const english = await asPublic(app).get('/api/categories').query({ locale: 'en', sort: 'name' }).expect(200);

    expect(french.body.data.map((c: { name: string }) => c.name)).toEqual(['Corée du Nord', 'Diplomatie']);
    expect(english.body.data.map((c: { name: string }) => c.name)).toEqual(['Diplomacy', 'North Korea']);
    const frenchIds = french.body.data.map((c: { documentId: string }) => c.documentId).sort();
    const englishIds = english.body.data.map((c: { documentId: string }) => c.documentId).sort();
    expect(englishIds).toEqual(frenchIds);
  });

  it('exposes the Site settings and the sources to Public', async () => {
    const site = await asPublic(app).get('/api/site').expect(200);
    expect(site.body.data).toMatchObject({ name: 'Cellule44', blogLabel: 'Blog', blogPath: '/blog', breadcrumbSeparator: ' > ' });

    const sources = await asPublic(app).get('/api/sources').query({ sort: 'name' }).expect(200);
    expect(sources.body.data.map((s: { name: string }) => s.name)).toEqual(['Example Wire', 'RT', 'Réseau International']);
  });

  const newsArticleOf = (article: any) =>
    article.structuredData['@graph'].find((node: { '@type': string }) => node['@type'] === 'NewsArticle');

  it('keeps the seed page’s republication out of the index, as Réseau International’s default agreement says, and credits RT’s original', async () => {
    const response = await asPublic(app).get('/api/articles').query({ 'filters[slug][$eq]': FRENCH_SLUG, locale: 'fr' }).expect(200);
    const [article] = response.body.data;
    expect(article.seo).toEqual({ canonicalUrl: article.structuredData['@graph'][0].url, robots: 'noindex, follow', googlebotNews: null, alternates: [], feeds: expect.any(Array) });
    expect(article.seo.canonicalUrl).toMatch(/^https:\/\/example\.org\/blog\/coree-du-nord\//);
    const news = newsArticleOf(article);
    expect(news.translationOfWork).toEqual({
      '@type': 'CreativeWork',
      '@id': 'https://www.rt.com/news/405007-north-korea-russia-meeting/',
      url: 'https://www.rt.com/news/405007-north-korea-russia-meeting/',
      inLanguage: 'en',
    });
    expect(news.author).toEqual([{ '@type': 'Organization', name: 'RT', url: 'https://www.rt.com' }]);
    expect(Date.parse(news.dateModified)).toBeGreaterThanOrEqual(Date.parse(news.datePublished));
  });

  it('shows our own translation, indexed under its own canonical URL, with what it translates', async () => {
    const response = await asPublic(app).get('/api/articles').query({ 'filters[slug][$eq]': OWN_TRANSLATION_SLUG, locale: 'fr' }).expect(200);
    expect(response.body.data).toHaveLength(1);
    const [article] = response.body.data;
    const ownUrl = `https://example.org/blog/coree-du-nord/diplomatie/${OWN_TRANSLATION_SLUG}`;
    const english = await asPublic(app).get(`/api/articles/${article.documentId}`).query({ locale: 'en' }).expect(200);
    expect(english.body.data.seo.canonicalUrl).toMatch(/^https:\/\/example\.org\/en\/blog\//);
    // One story in two languages: each page names the other, itself, and the French one as x-default.
    const alternates = [
      { hreflang: 'en', url: english.body.data.seo.canonicalUrl },
      { hreflang: 'fr', url: ownUrl },
      { hreflang: 'x-default', url: ownUrl },
    ];
    expect(article.seo).toEqual({ canonicalUrl: ownUrl, robots: 'index, follow', googlebotNews: null, alternates, feeds: expect.any(Array) });
    expect(english.body.data.seo.alternates).toEqual(alternates);
    const news = newsArticleOf(article);
    expect(news).toMatchObject({
      url: article.seo.canonicalUrl,
      isBasedOn: 'https://news.example.net/2017/10/double-freeze-explained',
      translationOfWork: { '@type': 'CreativeWork', url: 'https://news.example.net/2017/10/double-freeze-explained', inLanguage: 'en' },
      translator: { '@type': 'Person', name: 'Jeanne Martin' },
    });
    expect(article.attribution.text).toContain('Traduction\u00a0: Jeanne Martin');
  });
  it('has readers’ comments in every status, a thread three levels deep and a reported one, so the moderation queue shows its work', async () => {
    const [seed] = (
      await asPublic(app).get('/api/articles').query({ 'filters[slug][$eq]': FRENCH_SLUG, locale: 'fr' }).expect(200)
    ).body.data;
    expect(seed.commentCount).toBe(4);
    const threads = (await asPublic(app).get('/api/comment-threads').query({ article: seed.documentId }).expect(200)).body;
    expect(threads.meta.pagination.total).toBe(2);
    expect(threads.data[0]).toMatchObject({ authorName: 'Marc Delorme', descendantCount: 2 });
    expect(threads.data[0].replies[0].replies[0]).toMatchObject({ depth: 3, authorName: 'Marc Delorme' });
    const rows = await app.strapi.db.query('api::comment.comment').findMany({ select: ['commentStatus', 'reportCount', 'reportReasons'] });
    expect(new Set(rows.map((row: any) => row.commentStatus))).toEqual(new Set(['approved', 'pending', 'spam', 'trash']));
    expect(rows.filter((row: any) => row.reportCount > 0)).toEqual([expect.objectContaining({ commentStatus: 'approved', reportCount: 1, reportReasons: 'off-topic' })]);
  });
});

describe('seeding on a restart', () => {
  it('creates nothing twice when the same database boots again', async () => {
    const first = await bootStrapi({ seedDemo: true });
    const countRows = async (app: TestApp) => ({
      articles: await app.strapi.db.query('api::article.article').count(),
      categories: await app.strapi.db.query('api::category.category').count(),
      sources: await app.strapi.db.query('api::source.source').count(),
      sites: await app.strapi.db.query('api::site.site').count(),
      permissions: await app.strapi.db.query('plugin::users-permissions.permission').count(),
      locales: await app.strapi.db.query('plugin::i18n.locale').count(),
    });
    const before = await countRows(first);
    // Three articles, each with a draft and a published row; two categories in two locales.
    expect(before).toMatchObject({ articles: 6, categories: 4, sources: 3, sites: 1, locales: 2 });
    await first.stop({ keepDatabase: true });

    const second = await bootStrapi({ seedDemo: true, database: first.database });
    try {
      expect(await countRows(second)).toEqual(before);
    } finally {
      await second.stop();
    }
  });

  it('seeds nothing when SEED_DEMO is off', async () => {
    const app = await bootStrapi({ seedDemo: false });
    try {
      expect(await app.strapi.db.query('api::article.article').count()).toBe(0);
      expect(await app.strapi.db.query('api::site.site').count()).toBe(0);
    } finally {
      await app.stop();
    }
  });
});
