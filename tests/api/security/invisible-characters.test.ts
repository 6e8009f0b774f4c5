import { createFullAccessToken, asPublic, graphql, loginAsSuperAdmin } from '../../helpers/agents';
import { newsroom } from '../../helpers/fixtures';
import type { TestApp } from '../../helpers/strapi';
import { aComment, bootCommentsApp, commentRow, nextIp, publishedArticle } from '../comments/support';

const RLO = '\u202E';
const ZWSP = '\u200B';
const INVISIBLE = /[\u202A-\u202E\u2066-\u2069\u200B\u2060\uFEFF]/;

/**
 * Bidi overrides and zero-width characters make text display otherwise than it reads
 * (`https://evil.test/\u202Egpj.exe` shows as `…/exe.jpg`). They never reach a public field:
 * every public text field of every type and of the credit component (listed below from the
 * schemas), through REST, GraphQL, the Content Manager and code, and everything derived from them.
 */
describe('invisible characters never reach public text', () => {
  let app: TestApp;
  let token: string;
  let admin: string;

  beforeAll(async () => {
    app = await bootCommentsApp();
    token = await createFullAccessToken(app);
    admin = await loginAsSuperAdmin(app);
    await newsroom(app).site({ name: `Cellule${ZWSP}44` });
  });
  afterAll(async () => {
    await app?.stop();
  });

  it('a comment’s name and body, and the HTML rendered from them', async () => {
    const article = await publishedArticle(app, 'Commentée');
    const response = await asPublic(app)
      .post('/api/comments')
      .set('X-Forwarded-For', nextIp())
      .send({ data: aComment(article.documentId, { authorName: `Jea${RLO}nne`, body: `Voir https://evil.test/${RLO}gpj.exe${ZWSP}` }) });
    expect(response.status).toBe(201);
    const row = await commentRow(app, response.body.data.documentId);
    for (const value of [row.authorName, row.body, row.bodyHtml]) expect(value).not.toMatch(INVISIBLE);
    expect(row.body).toBe('Voir https://evil.test/gpj.exe');
  });

  it('a name made only of invisible characters is empty: a 400 naming it', async () => {
    const article = await publishedArticle(app, 'Vide');
    const response = await asPublic(app)
      .post('/api/comments')
      .set('X-Forwarded-For', nextIp())
      .send({ data: aComment(article.documentId, { authorName: `${RLO}${ZWSP}` }) });
    expect(response.status).toBe(400);
    expect(response.body.error.details.field).toBe('authorName');
  });

  it('an article’s title and category name, and the trail, path and JSON-LD derived from them', async () => {
    const category = await asPublic(app)
      .post('/api/categories')
      .query({ locale: 'fr' })
      .set('Authorization', `Bearer ${token}`)
      .send({ data: { name: `Mon${RLO}de` } });
    expect(category.status).toBe(201);
    const created = await asPublic(app)
      .post('/api/articles')
      .query({ locale: 'fr', status: 'published' })
      .set('Authorization', `Bearer ${token}`)
      .send({ data: { title: `Rapport${RLO}fdp.exe`, category: category.body.data.documentId, credits: [{ role: 'author', person: `Jeanne${ZWSP} Martin` }] } });
    expect(created.status).toBe(201);
    const [row] = await newsroom(app).articleRows(created.body.data.documentId);
    expect(row.title).toBe('Rapportfdp.exe');
    expect(row.breadcrumbText).toBe('Cellule44 > Blog > Monde > Rapportfdp.exe');
    for (const value of [row.breadcrumbs, row.structuredData, row.attribution, row.path]) {
      expect(JSON.stringify(value)).not.toMatch(INVISIBLE);
    }
  });

  /**
   * Public text, read from the schemas: string, text and blocks fields that are not private,
   * not held to a pattern (slugs, paths), not derived by the hook, and not URL fields (those
   * follow the URL rule, tested in url-fields.test.ts). A field added to a schema shows up here.
   */
  const DERIVED = new Set(['breadcrumbs', 'breadcrumbText', 'path', 'structuredData', 'structuredDataHtml', 'attribution', 'seo', 'bodyHtml', 'parentDocumentId']);
  // i18n's own attribute: a locale code the request names, checked against the locales Strapi knows.
  DERIVED.add('locale');
  const URL_FIELDS = new Set(['baseUrl', 'logoUrl', 'url', 'website', 'licenseUrl', 'acquireLicensePage']);
  const publicText = (attributes: Record<string, any>) =>
    Object.entries(attributes)
      .filter(([name, a]) => ['string', 'text', 'blocks'].includes(a.type) && !a.private && !a.regex && !DERIVED.has(name) && !URL_FIELDS.has(name))
      .map(([name]) => name)
      .sort();
  // Short: the Site's breadcrumbSeparator holds 12 characters at most.
  const hidden = (_field: string) => `${RLO}a${ZWSP}\u2066b\u2069`;
  const shown = (_field: string) => 'ab';
  const filled = (fields: string[], attributes: Record<string, any>) =>
    Object.fromEntries(
      fields.map((field) => [
        field,
        attributes[field].type === 'blocks' ? [{ type: 'paragraph', children: [{ type: 'text', text: hidden(field) }] }] : hidden(field),
      ])
    );
  const expectShown = (row: Record<string, any>, fields: string[]) => {
    for (const field of fields) {
      expect([field, JSON.stringify(row[field])]).toEqual([field, JSON.stringify(row[field]).replace(/[\u202A-\u202E\u2066-\u2069\u200B]/g, '')]);
      expect(JSON.stringify(row[field])).toContain(shown(field));
    }
  };

  it('finds the public text fields it covers in the schemas', () => {
    const { strapi } = app;
    expect({
      article: publicText(strapi.contentType('api::article.article').attributes),
      category: publicText(strapi.contentType('api::category.category').attributes),
      source: publicText(strapi.contentType('api::source.source').attributes),
      site: publicText(strapi.contentType('api::site.site').attributes),
      credit: publicText(strapi.components['editorial.credit'].attributes),
      comment: publicText(strapi.contentType('api::comment.comment').attributes),
    }).toEqual({
      article: ['body', 'coverCaption', 'excerpt', 'title'],
      category: ['description', 'name'],
      source: ['language', 'license', 'name'],
      site: ['blogLabel', 'breadcrumbSeparator', 'defaultLocale', 'name'],
      credit: ['caption', 'language', 'note', 'person', 'sourceName', 'title'],
      // Cleaned by the comment pipeline: see the first tests above.
      comment: ['authorName', 'body'],
    });
  });

  it('every public text field of an article and of its credits, over REST', async () => {
    const articleFields = publicText(app.strapi.contentType('api::article.article').attributes);
    const creditFields = publicText(app.strapi.components['editorial.credit'].attributes);
    const credit = { role: 'photo', ...filled(creditFields, app.strapi.components['editorial.credit'].attributes) };
    const created = await asPublic(app)
      .post('/api/articles')
      .query({ locale: 'fr' })
      .set('Authorization', `Bearer ${token}`)
      .send({ data: { ...filled(articleFields, app.strapi.contentType('api::article.article').attributes), credits: [credit] } });
    expect(created.status).toBe(201);
    const row = await app.strapi.db
      .query('api::article.article')
      .findOne({ where: { documentId: created.body.data.documentId }, populate: { credits: true } });
    expectShown(row, articleFields);
    expectShown(row.credits[0], creditFields);
    for (const value of [row.attribution, row.structuredData, row.structuredDataHtml, row.breadcrumbText]) {
      expect(JSON.stringify(value)).not.toMatch(INVISIBLE);
    }
  });

  it('every public text field of a Source, over REST, and of the Site, in code', async () => {
    const sourceFields = publicText(app.strapi.contentType('api::source.source').attributes);
    const source = await asPublic(app)
      .post('/api/sources')
      .set('Authorization', `Bearer ${token}`)
      .send({ data: { kind: 'outlet', ...filled(sourceFields, app.strapi.contentType('api::source.source').attributes) } });
    expect(source.status).toBe(201);
    expectShown(await app.strapi.db.query('api::source.source').findOne({ where: { documentId: source.body.data.documentId } }), sourceFields);

    // defaultLocale must name one of the site's locales: it is checked with one of its own.
    const siteFields = publicText(app.strapi.contentType('api::site.site').attributes).filter((field) => field !== 'defaultLocale');
    const before = await app.strapi.db.query('api::site.site').findOne({});
    try {
      await newsroom(app).site({ ...filled(siteFields, app.strapi.contentType('api::site.site').attributes), defaultLocale: `${RLO}f${ZWSP}r` });
      const site = await app.strapi.db.query('api::site.site').findOne({});
      expectShown(site, siteFields);
      expect(site.defaultLocale).toBe('fr');
    } finally {
      await newsroom(app).site({ name: before.name, blogLabel: before.blogLabel, breadcrumbSeparator: before.breadcrumbSeparator, defaultLocale: before.defaultLocale });
    }
  });

  it('a category’s description, over REST', async () => {
    const created = await asPublic(app)
      .post('/api/categories')
      .query({ locale: 'fr' })
      .set('Authorization', `Bearer ${token}`)
      .send({ data: { name: 'Décrite', description: hidden('description') } });
    expect(created.status).toBe(201);
    expectShown(await newsroom(app).categoryRow(created.body.data.documentId), ['description']);
  });

  it('an article’s excerpt and a credit’s person in the Content Manager', async () => {
    const created = await asPublic(app)
      .post('/content-manager/collection-types/api::article.article')
      .query({ locale: 'fr' })
      .set('Authorization', `Bearer ${admin}`)
      .send({ title: 'Par l’admin', excerpt: hidden('excerpt'), credits: [{ role: 'author', person: hidden('person') }] });
    expect(created.status).toBe(201);
    const row = await app.strapi.db
      .query('api::article.article')
      .findOne({ where: { documentId: created.body.data.documentId }, populate: { credits: true } });
    expectShown(row, ['excerpt']);
    expectShown(row.credits[0], ['person']);
  });

  it('a credit’s note and a Source’s licence over GraphQL', async () => {
    const source = await graphql(
      app,
      'mutation ($data: SourceInput!) { createSource(data: $data) { documentId license } }',
      { data: { name: 'Agence', kind: 'agency', license: hidden('license') } },
      token
    );
    expect(source.errors).toEqual([]);
    expect(source.data.createSource.license).toBe(shown('license'));
    const article = await graphql(
      app,
      'mutation ($data: ArticleInput!) { createArticle(data: $data, locale: "fr") { credits { note } attribution } }',
      { data: { title: 'Par GraphQL', credits: [{ role: 'via', source: source.data.createSource.documentId, note: hidden('note') }] } },
      token
    );
    expect(article.errors).toEqual([]);
    expect(article.data.createArticle.credits[0].note).toBe(shown('note'));
    expect(JSON.stringify(article.data.createArticle.attribution)).not.toMatch(INVISIBLE);
  });

  it('a Source or Site name made only of invisible characters is a 400 naming it, and nothing changes', async () => {
    const source = await asPublic(app)
      .post('/api/sources')
      .set('Authorization', `Bearer ${token}`)
      .send({ data: { name: `${RLO}${ZWSP}`, kind: 'outlet' } });
    expect(source.status).toBe(400);
    expect(source.body.error.details.errors[0].path).toEqual(['name']);

    const site = await asPublic(app)
      .put('/content-manager/single-types/api::site.site')
      .set('Authorization', `Bearer ${admin}`)
      .send({ name: `\u2066${ZWSP}\u2069` });
    expect(site.status).toBe(400);
    expect(site.body.error.details.errors[0].path).toEqual(['name']);
    expect((await app.strapi.db.query('api::site.site').findOne({})).name).toBe('Cellule44');
  });
});
