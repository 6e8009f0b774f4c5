import { asPublic, createFullAccessToken } from '../../helpers/agents';
import { newsroom } from '../../helpers/fixtures';
import { bootStrapi, type TestApp } from '../../helpers/strapi';

const newsArticleOf = (body: any) =>
  body.data.structuredData['@graph'].find((node: { '@type': string }) => node['@type'] === 'NewsArticle');

describe('datePublished is the first publication and never moves', () => {
  let app: TestApp;
  let token: string;

  beforeAll(async () => {
    app = await bootStrapi();
    token = await createFullAccessToken(app);
    await newsroom(app).site();
  });
  afterAll(async () => {
    await app?.stop();
  });

  const read = async (documentId: string) =>
    newsArticleOf((await asPublic(app).get(`/api/articles/${documentId}`).query({ locale: 'fr' }).expect(200)).body);

  it('keeps datePublished when a corrected version is republished, and moves dateModified forward', async () => {
    const article: any = await newsroom(app).article('Première version', {
      published: true,
      data: { credits: [{ role: 'author', person: 'Jeanne Martin' }] },
    });
    const first = await read(article.documentId);
    expect(first.datePublished).toEqual(expect.stringMatching(/^\d{4}-\d\d-\d\dT/));
    expect(Date.parse(first.dateModified)).toBeGreaterThanOrEqual(Date.parse(first.datePublished));

    await new Promise((resolve) => setTimeout(resolve, 1100));
    await asPublic(app)
      .put(`/api/articles/${article.documentId}`)
      .query({ locale: 'fr', status: 'published' })
      .set('Authorization', `Bearer ${token}`)
      .send({ data: { title: 'Première version, corrigée' } })
      .expect(200);

    const second = await read(article.documentId);
    expect(second.headline).toBe('Première version, corrigée');
    expect(second.datePublished).toBe(first.datePublished);
    expect(Date.parse(second.dateModified)).toBeGreaterThan(Date.parse(first.dateModified));
  });

  it('keeps it through an unpublish and a new publish', async () => {
    const article: any = await newsroom(app).article('Retirée puis remise', { published: true });
    const first = await read(article.documentId);
    const documents = app.strapi.documents('api::article.article');
    await documents.unpublish({ documentId: article.documentId, locale: 'fr' });
    await new Promise((resolve) => setTimeout(resolve, 1100));
    await documents.publish({ documentId: article.documentId, locale: 'fr' });
    expect((await read(article.documentId)).datePublished).toBe(first.datePublished);
  });
});
