import { asPublic, createFullAccessToken, graphql, loginAsSuperAdmin } from '../../helpers/agents';
import { labels, newsroom } from '../../helpers/fixtures';
import { bootStrapi, type TestApp } from '../../helpers/strapi';

const CM = '/content-manager/collection-types/api::article.article';

describe('the hook runs on every write path', () => {
  let app: TestApp;
  let token: string;
  let adminToken: string;
  let category: { documentId: string; id: number };
  let englishCategory: { id: number };

  beforeAll(async () => {
    app = await bootStrapi();
    const make = newsroom(app);
    await make.site();
    category = await make.category('Corée du Nord');
    englishCategory = await make.translateCategory(category.documentId, 'en', 'North Korea');
    token = await createFullAccessToken(app);
    adminToken = await loginAsSuperAdmin(app);
  });
  afterAll(async () => {
    await app?.stop();
  });

  const expectTrail = (crumbs: Array<{ label: string }>, title: string, categoryName = 'Corée du Nord') =>
    expect(labels(crumbs)).toEqual(['Cellule44', 'Blog', categoryName, title]);

  it('REST: create, update and publish with an API token', async () => {
    const created = await asPublic(app)
      .post('/api/articles')
      .query({ locale: 'fr' })
      .set('Authorization', `Bearer ${token}`)
      .send({ data: { title: 'Par REST', category: category.documentId } })
      .expect(201);
    expectTrail(created.body.data.breadcrumbs, 'Par REST');

    const updated = await asPublic(app)
      .put(`/api/articles/${created.body.data.documentId}`)
      .query({ locale: 'fr', status: 'published' })
      .set('Authorization', `Bearer ${token}`)
      .send({ data: { title: 'Par REST, corrigé' } })
      .expect(200);
    expectTrail(updated.body.data.breadcrumbs, 'Par REST, corrigé');
    expect(updated.body.data.publishedAt).toEqual(expect.any(String));
    const rows = await newsroom(app).articleRows(created.body.data.documentId);
    expect(rows).toHaveLength(2);
    for (const row of rows) expectTrail(row.breadcrumbs, 'Par REST, corrigé');
  });

  it('GraphQL: createArticle and updateArticle', async () => {
    const created = await graphql(
      app,
      `mutation ($category: ID!) {
        createArticle(locale: "fr", status: PUBLISHED, data: { title: "Par GraphQL", category: $category }) {
          documentId breadcrumbs breadcrumbText
        }
      }`,
      { category: category.documentId },
      token
    );
    expect(created.errors).toEqual([]);
    expectTrail(created.data.createArticle.breadcrumbs, 'Par GraphQL');

    const updated = await graphql(
      app,
      `mutation ($id: ID!) { updateArticle(documentId: $id, locale: "fr", data: { title: "Par GraphQL, bis" }) { breadcrumbText } }`,
      { id: created.data.createArticle.documentId },
      token
    );
    expect(updated.errors).toEqual([]);
    expect(updated.data.updateArticle.breadcrumbText).toBe('Cellule44 > Blog > Corée du Nord > Par GraphQL, bis');
  });

  it('Content Manager: create, publish, and create a new locale as an editor in the admin', async () => {
    const created = await asPublic(app)
      .post(CM)
      .query({ locale: 'fr' })
      .set('Authorization', `Bearer ${adminToken}`)
      .send({ title: 'Par l’admin', category: { connect: [{ id: category.id, documentId: category.documentId, locale: 'fr' }] } })
      .expect(201);
    const documentId = created.body.data.documentId;
    expectTrail(created.body.data.breadcrumbs, 'Par l’admin');

    await asPublic(app)
      .post(`${CM}/${documentId}/actions/publish`)
      .query({ locale: 'fr' })
      .set('Authorization', `Bearer ${adminToken}`)
      .send({})
      .expect(200);

    const english = await asPublic(app)
      .put(`${CM}/${documentId}`)
      .query({ locale: 'en' })
      .set('Authorization', `Bearer ${adminToken}`)
      .send({ title: 'From the admin', category: { connect: [{ id: englishCategory.id, documentId: category.documentId, locale: 'en' }] } })
      .expect(200);
    expectTrail(english.body.data.breadcrumbs, 'From the admin', 'North Korea');

    const rows = await newsroom(app).articleRows(documentId);
    const byVersion = rows
      .map((row: any) => [row.locale, row.publishedAt ? 'published' : 'draft', row.breadcrumbText])
      .sort((a: string[], b: string[]) => `${a[0]}${a[1]}`.localeCompare(`${b[0]}${b[1]}`));
    expect(byVersion).toEqual([
      ['en', 'draft', 'Cellule44 > Blog > North Korea > From the admin'],
      ['fr', 'draft', 'Cellule44 > Blog > Corée du Nord > Par l’admin'],
      ['fr', 'published', 'Cellule44 > Blog > Corée du Nord > Par l’admin'],
    ]);
  });

  it('code: strapi.documents() in a script or a plugin', async () => {
    const created = await app.strapi.documents('api::article.article').create({
      locale: 'fr',
      data: { title: 'Par le code', category: category.documentId } as any,
    });
    expectTrail((created as any).breadcrumbs, 'Par le code');
    const published = await app.strapi.documents('api::article.article').publish({ documentId: created.documentId, locale: 'fr' });
    expectTrail((published.entries[0] as any).breadcrumbs, 'Par le code');
  });

  it('keeps the published trail while the draft moves on: each version matches its own data', async () => {
    const make = newsroom(app);
    const article = await make.article('Version publiée', { category: category.documentId, published: true });
    await app.strapi.documents('api::article.article').update({
      documentId: article.documentId,
      locale: 'fr',
      data: { title: 'Brouillon en cours', category: null } as any,
    });

    const rows = await make.articleRows(article.documentId);
    const published = rows.find((row: any) => row.publishedAt);
    const draft = rows.find((row: any) => !row.publishedAt);
    expect(labels(published.breadcrumbs)).toEqual(['Cellule44', 'Blog', 'Corée du Nord', 'Version publiée']);
    expect(labels(draft.breadcrumbs)).toEqual(['Cellule44', 'Blog', 'Brouillon en cours']);

    const publicView = await asPublic(app).get(`/api/articles/${article.documentId}`).query({ locale: 'fr' }).expect(200);
    expect(publicView.body.data.breadcrumbText).toBe('Cellule44 > Blog > Corée du Nord > Version publiée');
  });

  it('overwrites derived fields a client sends: they are never stored as sent', async () => {
    const forged = [{ label: 'Forged', path: '/evil', url: 'https://evil.example/' }];
    const created = await asPublic(app)
      .post('/api/articles')
      .query({ locale: 'fr' })
      .set('Authorization', `Bearer ${token}`)
      .send({ data: { title: 'Honnête', breadcrumbs: forged, breadcrumbText: 'Forged', path: '/evil', structuredData: { forged: true } } })
      .expect(201);

    const [row] = await newsroom(app).articleRows(created.body.data.documentId);
    expect(labels(row.breadcrumbs)).toEqual(['Cellule44', 'Blog', 'Honnête']);
    expect(row.breadcrumbText).toBe('Cellule44 > Blog > Honnête');
    expect(row.path).toBe('/blog/honnete');
    expect(row.structuredData).not.toHaveProperty('forged');

    const viaAdmin = await asPublic(app)
      .put(`${CM}/${created.body.data.documentId}`)
      .query({ locale: 'fr' })
      .set('Authorization', `Bearer ${adminToken}`)
      .send({ title: 'Honnête', breadcrumbs: forged })
      .expect(200);
    expect(labels(viaAdmin.body.data.breadcrumbs)).toEqual(['Cellule44', 'Blog', 'Honnête']);
  });
});
