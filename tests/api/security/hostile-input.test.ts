import request from 'supertest';
import { asPublic, createFullAccessToken } from '../../helpers/agents';
import { newsroom } from '../../helpers/fixtures';
import { bootStrapi, type TestApp } from '../../helpers/strapi';

const nested = (depth: number, leaf: unknown): unknown => {
  let value = leaf;
  for (let i = 0; i < depth; i += 1) value = [value];
  return value;
};
const nestedAnd = (depth: number): Record<string, unknown> => {
  let filter: Record<string, unknown> = { title: { eq: 'x' } };
  for (let i = 0; i < depth; i += 1) filter = { and: [filter] };
  return filter;
};

/**
 * Inputs that used to end in a 500 (a NUL byte PostgreSQL refuses, a fragment cycle that
 * overflowed the depth limiter's stack, nesting that overflowed Strapi's parsers) are a 400
 * that names the problem, over REST and GraphQL, and the server stays up.
 */
describe('hostile input gets a 400, never a 5xx', () => {
  let app: TestApp;
  let token: string;
  let article: { documentId: string };

  beforeAll(async () => {
    app = await bootStrapi();
    token = await createFullAccessToken(app);
    await newsroom(app).site();
    article = await newsroom(app).article('Cible', { published: true });
  });
  afterAll(async () => {
    await app?.stop();
  });

  const expect400 = (response: request.Response, mentions: RegExp) => {
    expect(response.status).toBe(400);
    expect(JSON.stringify(response.body)).toMatch(mentions);
  };

  it.each([
    ['a NUL in the path', '/api/articles/%00', /NUL/],
    ['a NUL in the locale', '/api/articles?locale=%00', /query\.locale.*NUL/],
    ['a NUL in a filter value', '/api/articles?filters[title][$eq]=%00', /query\.filters\.title\.\$eq.*NUL/],
    ['a NUL in a filter key', '/api/articles?filters[ti%00tle][$eq]=x', /NUL/],
    ['broken percent-encoding', '/api/articles/%E0%A4%A', /percent-encoding/],
  ])('GET with %s', async (_label, url, mentions) => {
    expect400(await asPublic(app).get(url), mentions);
  });

  it.each([
    ['article', { article: '\u0000' }],
    ['parent', { article: 'x', parent: 'a\u0000' }],
    ['body', { article: 'x', body: 'bonjour\u0000' }],
  ])('a comment whose %s holds a NUL', async (_field, data) => {
    expect400(
      await asPublic(app).post('/api/comments').send({ data: { authorName: 'A', authorEmail: 'a@example.org', body: 'b', ...data } }),
      /body\.data\.\w+.*NUL/
    );
  });

  it('an editor’s write with a NUL in a title', async () => {
    const response = await asPublic(app)
      .put(`/api/articles/${article.documentId}`)
      .set('Authorization', `Bearer ${token}`)
      .send({ data: { title: 'a\u0000b' } });
    expect400(response, /body\.data\.title.*NUL/);
  });

  it('a JSON body nested 100 arrays deep is a 400 naming the nesting; 5 000 deep is never a 5xx', async () => {
    // Written out by hand: a client library's serializer may refuse to write it at all.
    const send = (depth: number) =>
      asPublic(app)
        .post('/api/comments')
        .set('Content-Type', 'application/json')
        .serialize((raw: string) => raw)
        .send(`{"data":{"body":${'['.repeat(depth)}1${']'.repeat(depth)}}}`);
    expect400(await send(100), /body\.data\.body.*nested deeper than 32/);
    const deeper = await send(5000);
    expect(deeper.status).toBeGreaterThanOrEqual(400);
    expect(deeper.status).toBeLessThan(500);
  });

  it('a JSON body over 1 MB is a 413, before anything reads it', async () => {
    const response = await asPublic(app).post('/api/comments').send({ data: { body: 'x'.repeat(1_100_000) } });
    expect(response.status).toBe(413);
  });

  it('GraphQL filter variables nested 3 000 `and` levels are never a 5xx', async () => {
    // 6 000 levels of JSON: more than JSON.stringify itself can write, so written out by hand.
    const variables = `${'{"and":['.repeat(3000)}{"title":{"eq":"x"}}${']}'.repeat(3000)}`;
    const response = await asPublic(app)
      .post('/graphql')
      .set('Content-Type', 'application/json')
      .serialize((raw: string) => raw)
      .send(`{"query":"query($f: ArticleFiltersInput) { articles(filters: $f) { title } }","variables":{"f":${variables}}}`);
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(response.status).toBeLessThan(500);
  });

  it.each([
    ['a NUL in a variable', { query: 'query($id: ID!) { article(documentId: $id) { title } }', variables: { id: 'a\u0000' } }, /NUL/],
    ['an escaped NUL in a string literal', { query: '{ article(documentId: "a\\u0000") { title } }' }, /NUL/],
    ['a fragment cycle', { query: 'query { ...A } fragment A on Query { ...B } fragment B on Query { ...A }' }, /cycle: A -> B -> A/],
    ['filters nested 300 levels', { query: 'query($f: ArticleFiltersInput) { articles(filters: $f) { title } }', variables: { f: nestedAnd(300) } }, /nested deeper/],
    ['a document of 20 000 tokens', { query: `{ ${'articles { title } '.repeat(5000)} }` }, /tokens/],
  ])('GraphQL with %s', async (_label, body, mentions) => {
    expect400(await asPublic(app).post('/graphql').send(body), mentions);
  });

  it('still answers everything else, and stays up', async () => {
    const fine = await asPublic(app).get('/api/articles').query({ 'filters[title][$eq]': 'Cible', locale: 'fr' });
    expect(fine.status).toBe(200);
    expect(fine.body.data).toHaveLength(1);
    const graph = await asPublic(app).post('/graphql').send({ query: 'query { ...A } fragment A on Query { articles(locale: "fr") { title } }' });
    expect(graph.body.errors).toBeUndefined();
    expect((await asPublic(app).get('/_health')).status).toBe(204);
  });
});
