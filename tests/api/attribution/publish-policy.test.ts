import { asPublic, createFullAccessToken, graphql, loginAsSuperAdmin } from '../../helpers/agents';
import { newsroom } from '../../helpers/fixtures';
import { bootStrapi, type TestApp } from '../../helpers/strapi';

describe('the publishing policy for republished work', () => {
  let app: TestApp;
  let token: string;
  let closedSource: { documentId: string };

  const publishedRows = (documentId: string) =>
    app.strapi.db.query('api::article.article').count({ where: { documentId, publishedAt: { $notNull: true } } });

  beforeAll(async () => {
    app = await bootStrapi();
    token = await createFullAccessToken(app);
    await newsroom(app).site();
    closedSource = await app.strapi.documents('api::source.source').create({
      data: { name: 'Paywalled Daily', kind: 'outlet', allowsRepublication: false } as any,
    });
  });
  afterAll(async () => {
    await app?.stop();
  });

  it('keeps an incomplete translation as a draft, but refuses to publish it without the original URL (REST)', async () => {
    // The REST API publishes on create unless asked for a draft.
    const draft = await asPublic(app)
      .post('/api/articles')
      .query({ locale: 'fr', status: 'draft' })
      .set('Authorization', `Bearer ${token}`)
      .send({ data: { title: 'Traduction orpheline', credits: [{ role: 'translation', person: 'Avic' }] } })
      .expect(201);
    const documentId = draft.body.data.documentId;

    const refused = await asPublic(app)
      .put(`/api/articles/${documentId}`)
      .query({ locale: 'fr', status: 'published' })
      .set('Authorization', `Bearer ${token}`)
      .send({ data: { excerpt: 'Publions' } })
      .expect(400);
    expect(refused.body.error.name).toBe('ValidationError');
    expect(refused.body.error.message).toMatch(/translation credit needs an original credit with the original article's URL/);
    expect(await publishedRows(documentId)).toBe(0);
    // All or nothing: the excerpt sent with the refused publish was not saved either.
    const [row] = await newsroom(app).articleRows(documentId);
    expect(row.excerpt).toBeNull();
  });

  it('refuses the same through the Content Manager’s publish action', async () => {
    const adminToken = await loginAsSuperAdmin(app);
    const draft = await newsroom(app).article('Brouillon traduit', { data: { credits: [{ role: 'translation', person: 'Avic' }] } });
    const refused = await asPublic(app)
      .post(`/content-manager/collection-types/api::article.article/${draft.documentId}/actions/publish`)
      .query({ locale: 'fr' })
      .set('Authorization', `Bearer ${adminToken}`)
      .send({})
      .expect(400);
    expect(refused.body.error.message).toMatch(/original article's URL/);
    expect(await publishedRows(draft.documentId)).toBe(0);
  });

  it('refuses to publish from a source that does not allow republication (GraphQL)', async () => {
    const result = await graphql(
      app,
      `mutation ($source: ID!) {
        createArticle(locale: "fr", status: PUBLISHED, data: {
          title: "Copié", credits: [{ role: original, url: "https://paywalled.example/story", source: $source }]
        }) { documentId }
      }`,
      { source: closedSource.documentId },
      token
    );
    expect(result.errors[0].message).toMatch(/Source "Paywalled Daily" does not allow republication/);
    expect(await app.strapi.db.query('api::article.article').count({ where: { title: 'Copié' } })).toBe(0);
  });

  it('publishes once the missing piece is there', async () => {
    const draft = await newsroom(app).article('Traduction complète', {
      data: { credits: [{ role: 'original', url: 'https://example.com/story' }, { role: 'translation', person: 'Avic' }] },
    });
    await app.strapi.documents('api::article.article').publish({ documentId: draft.documentId, locale: 'fr' });
    expect(await publishedRows(draft.documentId)).toBe(1);
  });

  it('can be turned off in config/colophon.ts', async () => {
    app.strapi.config.set('colophon.attribution.publishPolicy', false);
    try {
      const article = await newsroom(app).article('Libre', { published: true, data: { credits: [{ role: 'translation', person: 'X' }] } });
      expect(await publishedRows(article.documentId)).toBe(1);
    } finally {
      app.strapi.config.set('colophon.attribution.publishPolicy', true);
    }
  });
});
