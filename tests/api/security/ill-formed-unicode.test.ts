import request from 'supertest';
import { asPublic, createFullAccessToken, graphql, loginAsSuperAdmin } from '../../helpers/agents';
import { newsroom } from '../../helpers/fixtures';
import { bootStrapi, type TestApp } from '../../helpers/strapi';

const ARTICLE = 'api::article.article';
const LONE = '\uD800';

/**
 * A string that is not well-formed Unicode (a lone surrogate: JSON's "\ud800" without its other
 * half) used to be stored as U+FFFD or three bytes of garbage ("Titre ��� seul"). It is a 400
 * naming where it is, before anything runs, for every field of every type and through every
 * door: REST, GraphQL (variables and string literals, raw or escaped) and the Content Manager.
 */
describe('a lone surrogate is a 400 naming where it is, never stored', () => {
  let app: TestApp;
  let token: string;
  let admin: string;
  let article: { documentId: string };

  beforeAll(async () => {
    app = await bootStrapi();
    token = await createFullAccessToken(app);
    admin = await loginAsSuperAdmin(app);
    await newsroom(app).site();
    article = await newsroom(app).article('Intacte', { published: false });
  });
  afterAll(async () => {
    await app?.stop();
  });

  const expectRefused = (response: request.Response, path: Array<string | number>) => {
    expect(response.status).toBe(400);
    expect(response.body.error).toMatchObject({ name: 'ValidationError', message: expect.stringMatching(/well-formed Unicode|lone surrogate/) });
    expect(response.body.error.details.errors[0].path).toEqual(path);
  };
  const titles = async () => (await app.strapi.db.query(ARTICLE as any).findMany({ select: ['title'] })).map((row: any) => row.title);

  it('in an article’s title over REST, and the article keeps its title', async () => {
    expectRefused(
      await asPublic(app).put(`/api/articles/${article.documentId}`).query({ locale: 'fr' }).set('Authorization', `Bearer ${token}`).send({ data: { title: `Titre ${LONE} seul` } }),
      ['title']
    );
    expectRefused(
      await asPublic(app).post('/api/articles').query({ locale: 'fr' }).set('Authorization', `Bearer ${token}`).send({ data: { title: `Titre ${LONE} seul` } }),
      ['title']
    );
    expect(await titles()).toEqual(['Intacte']);
  });

  it('in a credit’s field, a Source’s name and the Site’s name, over REST', async () => {
    expectRefused(
      await asPublic(app)
        .post('/api/articles')
        .query({ locale: 'fr' })
        .set('Authorization', `Bearer ${token}`)
        .send({ data: { title: 'Créditée', credits: [{ role: 'author', person: 'A' }, { role: 'photo', caption: `fin \uDC00` }] } }),
      ['credits', 1, 'caption']
    );
    expectRefused(await asPublic(app).post('/api/sources').set('Authorization', `Bearer ${token}`).send({ data: { name: `R${LONE}T`, kind: 'outlet' } }), ['name']);
    expectRefused(await asPublic(app).put('/api/site').set('Authorization', `Bearer ${token}`).send({ data: { name: `Cellule${LONE}` } }), ['name']);
    expect(await titles()).toEqual(['Intacte']);
    expect(await app.strapi.db.query('api::source.source' as any).count({})).toBe(0);
    expect((await app.strapi.db.query('api::site.site' as any).findOne({})).name).toBe('Cellule44');
  });

  it('in a reader’s comment', async () => {
    const response = await asPublic(app)
      .post('/api/comments')
      .send({ data: { article: article.documentId, authorName: 'Jeanne', authorEmail: 'j@example.org', body: `Bonjour ${LONE}` } });
    expectRefused(response, ['body']);
  });

  it('in the Content Manager, for a collection type and for the Site', async () => {
    expectRefused(
      await asPublic(app)
        .post(`/content-manager/collection-types/${ARTICLE}`)
        .query({ locale: 'fr' })
        .set('Authorization', `Bearer ${admin}`)
        .send({ title: 'Admin', excerpt: `Résumé ${LONE}` }),
      ['excerpt']
    );
    expectRefused(
      await asPublic(app).put('/content-manager/single-types/api::site.site').set('Authorization', `Bearer ${admin}`).send({ name: 'Cellule44', blogLabel: `Blog${LONE}` }),
      ['blogLabel']
    );
    expect(await titles()).toEqual(['Intacte']);
  });

  it('in a GraphQL variable', async () => {
    const response = await asPublic(app)
      .post('/graphql')
      .set('Authorization', `Bearer ${token}`)
      .send({
        query: 'mutation ($data: ArticleInput!) { createArticle(data: $data, locale: "fr") { documentId } }',
        variables: { data: { title: `Titre ${LONE} seul` } },
      });
    expectRefused(response, ['variables', 'data', 'title']);
    expect(await titles()).toEqual(['Intacte']);
  });

  it.each([
    ['escaped', 'mutation { createArticle(data: { title: "Titre \\ud800 seul" }, locale: "fr") { documentId } }', /\\ud800 is a lone surrogate.*line 1, column \d+/],
    ['escaped with braces', 'mutation { createArticle(data: { title: "Titre \\u{DC00}" }, locale: "fr") { documentId } }', /lone surrogate/],
    ['raw, in the document itself', `mutation { createArticle(data: { title: "Titre ${LONE} seul" }, locale: "fr") { documentId } }`, /well-formed Unicode/],
  ])('in a GraphQL string literal, %s', async (_label, query, mentions) => {
    const response = await asPublic(app).post('/graphql').set('Authorization', `Bearer ${token}`).send({ query });
    expectRefused(response, ['query']);
    expect(response.body.error.message).toMatch(/^body\.query /);
    expect(response.body.error.message).toMatch(mentions);
    expect(await titles()).toEqual(['Intacte']);
  });

  it('an escaped NUL written with braces is refused like one written \\u0000', async () => {
    const response = await asPublic(app)
      .post('/graphql')
      .set('Authorization', `Bearer ${token}`)
      .send({ query: 'mutation { createArticle(data: { title: "a\\u{0}b" }, locale: "fr") { documentId } }' });
    expect(response.status).toBe(400);
    expect(response.body.error.message).toMatch(/NUL/);
    expect(await titles()).toEqual(['Intacte']);
  });

  it('accepts text outside the Basic Multilingual Plane, raw or escaped as a pair', async () => {
    const rest = await asPublic(app)
      .post('/api/articles')
      .query({ locale: 'fr' })
      .set('Authorization', `Bearer ${token}`)
      .send({ data: { title: 'Famille 👩‍👩‍👧 𝔘𝔫𝔦𝔠𝔬𝔡𝔢' } });
    expect(rest.status).toBe(201);
    const result = await graphql(app, 'mutation { createArticle(data: { title: "Sourire \\uD83D\\uDE00" }, locale: "fr") { title } }', {}, token);
    expect(result.errors).toEqual([]);
    expect(result.data.createArticle.title).toBe('Sourire 😀');
  });
});
