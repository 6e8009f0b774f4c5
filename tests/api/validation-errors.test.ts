import type { Response } from 'supertest';
import { asPublic, createFullAccessToken, graphql, loginAsSuperAdmin } from '../helpers/agents';
import { newsroom } from '../helpers/fixtures';
import { bootStrapi, type TestApp } from '../helpers/strapi';
import { storedComment } from './comments/support';

/**
 * Every refusal from Colophon's rules reaches clients as a ValidationError whose details have
 * the shape of Strapi's own (`errors: [{ path, message }]`), which the admin reads to mark the
 * field. A `details` without `errors` made the admin's error handler throw
 * "messages.join is not a function" in the page and left every field unmarked.
 */
describe('refusals name their field in the shape the admin reads', () => {
  let app: TestApp;
  let token: string;
  let adminJwt: string;
  let category: { documentId: string };
  let child: { documentId: string };
  let published: { documentId: string };
  let closed: { documentId: string };
  let orphan: { documentId: string };

  const api = (method: 'post' | 'put' | 'get', url: string, body?: object, query: Record<string, string> = {}) => {
    const call = asPublic(app)[method](url).query({ locale: 'fr', ...query }).set('Authorization', `Bearer ${token}`);
    return body === undefined ? call : call.send(body);
  };

  beforeAll(async () => {
    app = await bootStrapi();
    token = await createFullAccessToken(app);
    adminJwt = await loginAsSuperAdmin(app);
    const make = newsroom(app);
    await make.site();
    category = await make.category('Monde');
    child = await make.category('Europe', { parent: category.documentId });
    published = await make.article('Ouvert aux commentaires', { published: true, category: category.documentId });
    closed = await make.article('Fermé', { published: true, data: { allowComments: false } });
    orphan = await make.article('Traduction orpheline', { data: { credits: [{ role: 'translation', person: 'Avic' }] } });
    await storedComment(app, published.documentId);
  });
  afterAll(async () => {
    await app?.stop();
  });

  const cases: Array<[string, () => Promise<Response>, Array<string | number>]> = [
    ['an empty category name', () => api('put', `/api/categories/${category.documentId}`, { data: { name: '  ' } }), ['name']],
    ['a category moved under its own child', () => api('put', `/api/categories/${category.documentId}`, { data: { parent: child.documentId } }), ['parent']],
    ['an article filed in an unknown category', () => api('post', '/api/articles', { data: { title: 'Perdu', category: 'nosuchcategory0000000000' } }), ['category']],
    ['an explicit slug that is not a slug', () => api('post', '/api/articles', { data: { title: 'Mauvais slug', slug: 'Not A Slug' } }), ['slug']],
    [
      'a publish the publish policy refuses (REST)',
      () => api('put', `/api/articles/${orphan.documentId}`, { data: {} }, { status: 'published' }),
      ['credits'],
    ],
    [
      'a publish the publish policy refuses (Content Manager)',
      () =>
        asPublic(app)
          .post(`/content-manager/collection-types/api::article.article/${orphan.documentId}/actions/publish`)
          .query({ locale: 'fr' })
          .set('Authorization', `Bearer ${adminJwt}`)
          .send({}),
      ['credits'],
    ],
    ['a comment with a field readers may not set', () => asPublic(app).post('/api/comments').send({ data: { article: published.documentId, authorName: 'A', authorEmail: 'a@colophon.test', body: 'Bonjour à tous.', commentStatus: 'approved' } }), ['commentStatus']],
    ['a comment on a closed article', () => asPublic(app).post('/api/comments').send({ data: { article: closed.documentId, authorName: 'A', authorEmail: 'b@colophon.test', body: 'Bonjour à tous.' } }), ['article']],
    ['a reply to a comment that does not exist', () => asPublic(app).post('/api/comments').send({ data: { article: published.documentId, parent: 'nosuchcomment00000000000', authorName: 'A', authorEmail: 'c@colophon.test', body: 'Bonjour à tous.' } }), ['parent']],
    ['a reader sorting by drafts', () => asPublic(app).get('/api/categories').query({ locale: 'fr', sort: 'articles.title:asc' }), ['sort']],
    ['a NUL in a filter', () => asPublic(app).get('/api/articles').query({ 'filters[title][$eq]': '\u0000' }), ['filters', 'title', '$eq']],
  ];

  it.each(cases)('%s', async (_label, send, path) => {
    const response = await send();
    expect(response.status).toBe(400);
    expect(response.body.error.name).toBe('ValidationError');
    const { errors } = response.body.error.details;
    expect(Array.isArray(errors)).toBe(true);
    expect(errors[0].path).toEqual(path);
    expect(errors[0].message).toEqual(expect.any(String));
    expect(errors[0].message.length).toBeGreaterThan(0);
  });

  it('gives GraphQL clients the same details', async () => {
    const result = await graphql(
      app,
      `mutation { updateCategory(documentId: "${category.documentId}", locale: "fr", data: { name: " " }) { name } }`,
      {},
      token
    );
    const error = result.errors[0] as unknown as { extensions: { code: string; error: { details: { errors: Array<{ path: unknown }> } } } };
    expect(error.extensions.code).toBe('BAD_USER_INPUT');
    expect(error.extensions.error.details.errors[0].path).toEqual(['name']);
  });
});
