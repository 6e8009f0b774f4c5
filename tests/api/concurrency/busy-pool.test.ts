import { asPublic, createFullAccessToken } from '../../helpers/agents';
import { databaseClient } from '../../helpers/database';
import { newsroom } from '../../helpers/fixtures';
import { bootStrapi, type TestApp } from '../../helpers/strapi';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** How long a request waits for a connection before knex gives up, in this app only. */
const CONNECTION_TIMEOUT_MS = 700;

/**
 * When every connection is busy for longer than DATABASE_CONNECTION_TIMEOUT (on SQLite its one
 * writer, held by a long cascade over a large archive; on PostgreSQL a full pool), knex gives
 * up with KnexTimeoutError. Wherever that happens (a document service write, the API token's
 * lastUsedAt update during authentication, a read on PostgreSQL), the client must hear "busy,
 * try again" (503 with Retry-After), not a 500, and nothing may be half-written.
 */
describe('every connection busy: requests that cannot get one are answered 503, never 500', () => {
  let app: TestApp;
  let usedToken: string;
  let article: { documentId: string };

  /**
   * Holds every connection of the pool in an open transaction for `ms`; resolves once it is
   * held, to a `release` promise (wrapped: an async function returning a promise would wait
   * for it).
   */
  const holdEveryConnection = async (ms: number) => {
    const released = app.strapi.db.connection.transaction(async () => sleep(ms));
    await sleep(50); // the transaction has its connection once BEGIN has run
    return { released };
  };

  beforeAll(async () => {
    app = await bootStrapi({
      env: { DATABASE_CONNECTION_TIMEOUT: String(CONNECTION_TIMEOUT_MS), DATABASE_POOL_MIN: '1', DATABASE_POOL_MAX: '1' },
    });
    await newsroom(app).site();
    const category = await newsroom(app).category('World');
    article = await newsroom(app).article('Before', { category: category.documentId });
    usedToken = await createFullAccessToken(app);
    // Its first use records lastUsedAt (a write); later ones within the hour do not.
    expect((await asPublic(app).get('/api/articles').set('Authorization', `Bearer ${usedToken}`)).status).toBe(200);
  });
  afterAll(async () => {
    await app?.stop();
  });

  const expectBusy = (response: { status: number; headers: Record<string, string>; body: any }) => {
    expect(response.status).toBe(503);
    expect(Number(response.headers['retry-after'])).toBeGreaterThan(0);
    expect(response.body.error).toMatchObject({ status: 503, name: 'ServiceUnavailableError' });
    expect(response.body.error.message).toMatch(/busy/i);
  };

  it('a REST save is a 503 with Retry-After, and nothing of it is written', async () => {
    const { released } = await holdEveryConnection(CONNECTION_TIMEOUT_MS * 3);
    const response = await asPublic(app)
      .put(`/api/articles/${article.documentId}`)
      .query({ locale: 'fr', status: 'draft' })
      .set('Authorization', `Bearer ${usedToken}`)
      .send({ data: { title: 'After' } });
    await released;
    expectBusy(response);
    const rows = await newsroom(app).articleRows(article.documentId);
    expect(rows.map((row: any) => row.title)).toEqual(['Before']);
  });

  it('a token whose first use must be recorded is a 503 too (the write is in authentication, before any route)', async () => {
    const freshToken = await createFullAccessToken(app);
    const { released } = await holdEveryConnection(CONNECTION_TIMEOUT_MS * 3);
    const response = await asPublic(app).get('/api/categories').set('Authorization', `Bearer ${freshToken}`);
    await released;
    expectBusy(response);
  });

  it('a GraphQL mutation is refused the same way: in extensions, or as an HTTP 503 when even authentication could not run', async () => {
    const { released } = await holdEveryConnection(CONNECTION_TIMEOUT_MS * 3);
    const response = await asPublic(app)
      .post('/graphql')
      .set('Authorization', `Bearer ${usedToken}`)
      .send({
        query: `mutation($id: ID!) { updateArticle(documentId: $id, locale: "fr", status: DRAFT, data: { title: "Via GraphQL" }) { title } }`,
        variables: { id: article.documentId },
      });
    await released;
    if (databaseClient() === 'postgres') {
      // The API token itself is looked up on the held pool, before GraphQL runs.
      expectBusy(response);
    } else {
      // On SQLite that lookup is a read, answered by the reader connection; the write is not.
      expect(response.body.errors[0].extensions).toMatchObject({
        code: 'STRAPI_SERVICE_UNAVAILABLE_ERROR',
        error: { name: 'ServiceUnavailableError', details: { retryAfterSeconds: expect.any(Number) } },
      });
    }
    const rows = await newsroom(app).articleRows(article.documentId);
    expect(rows.map((row: any) => row.title)).toEqual(['Before']);
  });

  // On SQLite a read goes to the reader connection beside the held writer and is answered; on
  // PostgreSQL, with the pool held, it cannot be, and must say so the same way.
  const onPostgres = databaseClient() === 'postgres' ? it : it.skip;
  onPostgres('on PostgreSQL, a public read that cannot get a connection is a 503 too', async () => {
    const { released } = await holdEveryConnection(CONNECTION_TIMEOUT_MS * 3);
    const response = await asPublic(app).get('/api/articles').query({ locale: 'fr' });
    await released;
    expectBusy(response);
  });

  it('once the connection is free, the same save succeeds', async () => {
    const response = await asPublic(app)
      .put(`/api/articles/${article.documentId}`)
      .query({ locale: 'fr', status: 'draft' })
      .set('Authorization', `Bearer ${usedToken}`)
      .send({ data: { title: 'After' } });
    expect(response.status).toBe(200);
    expect(response.body.data.title).toBe('After');
  });
});
