import request from 'supertest';
import { createUserJwt } from '../../helpers/agents';
import { newsroom } from '../../helpers/fixtures';
import type { TestApp } from '../../helpers/strapi';
import { aComment, bootCommentsApp, COMMENT, graphqlAs, ipHashOf, nextIp, storedComment } from './support';

const SECRET_EMAIL = 'secret.reader@example.org';
const SECRET_AGENT = 'SecretAgent/7.7 (privacy test)';
const SECRET_IP = '192.0.2.77';
/** Field names that must never appear in a public response, whatever their value. */
const PRIVATE_KEYS = ['authorEmail', 'ipHash', 'userAgent', 'moderationReason', 'reportCount', 'reportReasons', 'notifyReplies', 'password', 'resetPasswordToken', 'confirmationToken'];

describe('privacy: nothing personal in any public response', () => {
  let app: TestApp;
  let article: { documentId: string };
  let commentId: string;
  let secrets: string[];
  let readerJwt: string;
  const scanned: string[] = [];

  /**
   * Fails if the body names a private field or contains any secret value; records what was
   * scanned. A refusal may repeat the field name the client itself asked for, never a value.
   */
  const expectNothingPrivate = (label: string, body: unknown, { keys = true } = {}) => {
    const text = JSON.stringify(body);
    scanned.push(label);
    if (keys) for (const key of PRIVATE_KEYS) expect({ label, found: text.includes(`"${key}"`) ? key : null }).toEqual({ label, found: null });
    for (const secret of secrets) expect({ label, found: text.includes(secret) ? secret : null }).toEqual({ label, found: null });
  };

  beforeAll(async () => {
    app = await bootCommentsApp();
    const make = newsroom(app);
    await make.site();
    const category = await make.category('Diplomatie');
    article = await make.article('Vie privée', { category: category.documentId, published: true });

    const account = await createUserJwt(app);
    readerJwt = account.jwt;
    // A signed-in reader's comment: the row links the account, whose password hash must stay home.
    const posted = await request(app.server)
      .post('/api/comments')
      .set('Authorization', `Bearer ${readerJwt}`)
      .set('X-Forwarded-For', SECRET_IP)
      .set('User-Agent', SECRET_AGENT)
      .send({ data: aComment(article.documentId, { authorEmail: SECRET_EMAIL }) })
      .expect(201);
    commentId = posted.body.data.documentId;
    await app.strapi.db.query(COMMENT as any).update({ where: { documentId: commentId }, data: { commentStatus: 'approved' } });
    await storedComment(app, article.documentId, { parent: commentId, authorEmail: 'replier.secret@example.org' });

    const user = await app.strapi.db.query('plugin::users-permissions.user').findOne({ where: { id: account.id } });
    const admin = await app.strapi.db.query('admin::user').findMany({});
    secrets = [
      SECRET_EMAIL,
      'replier.secret@example.org',
      SECRET_AGENT,
      SECRET_IP,
      ipHashOf(SECRET_IP),
      account.email,
      user.password,
      ...admin.map((a: { password: string }) => a.password).filter(Boolean),
    ];
    expect((await app.strapi.db.query(COMMENT as any).findOne({ where: { documentId: commentId } })).ipHash).toBe(ipHashOf(SECRET_IP));
  });
  afterAll(async () => {
    await app?.stop();
  });

  describe.each([
    ['Public', () => undefined],
    ['a signed-in reader', () => readerJwt],
  ])('as %s', (_who, jwt) => {
    const get = (path: string, query: Record<string, unknown> = {}) => {
      const call = request(app.server).get(path).query(query);
      const token = jwt();
      return token ? call.set('Authorization', `Bearer ${token}`) : call;
    };

    it.each([
      ['/api/comments', { populate: '*' }],
      ['/api/comments', { 'populate[article][populate]': '*' }],
      ['/api/articles', { populate: '*', locale: 'fr' }],
      ['/api/articles', { 'populate[category][populate]': '*', 'populate[credits][populate]': '*', locale: 'fr' }],
    ])('GET %s %o', async (path, query) => {
      const response = await get(path, query).expect(200);
      expect(response.body.data.length).toBeGreaterThan(0);
      expectNothingPrivate(`${path} ${JSON.stringify(query)}`, response.body);
    });

    it.each([
      ['the private relations', { 'populate[parent]': '*', 'populate[user]': '*' }],
      ['private fields', { 'fields[0]': 'authorEmail', 'fields[1]': 'ipHash', 'fields[2]': 'userAgent' }],
    ])('GET /api/comments asking for %s is refused, and the refusal tells nothing', async (_what, query) => {
      const response = await get('/api/comments', query).expect(400);
      expectNothingPrivate(`refused ${JSON.stringify(query)}`, response.body, { keys: false });
    });

    it('GET one comment and one article, everything populated', async () => {
      expectNothingPrivate('comment', (await get(`/api/comments/${commentId}`, { populate: '*' }).expect(200)).body);
      expectNothingPrivate('article', (await get(`/api/articles/${article.documentId}`, { populate: '*', locale: 'fr' }).expect(200)).body);
    });

    it('GraphQL: comments with their article nested, the connection, articles', async () => {
      const token = jwt();
      const queries = [
        `{ comments { documentId authorName body bodyHtml commentStatus parentDocumentId depth createdAt
            article { documentId title commentCount category { name articles { title } } } } }`,
        '{ comments_connection { nodes { documentId authorName article { title } } pageInfo { total } } }',
        '{ articles(locale: "fr") { title commentCount category { name } } }',
      ];
      for (const query of queries) {
        const response = await graphqlAs(app, query, {}, { jwt: token });
        expect(response.body.errors).toBeUndefined();
        expectNothingPrivate(query, response.body);
      }
    });
  });

  it('answers a new comment without echoing anything private', async () => {
    const ip = nextIp();
    const posted = await request(app.server)
      .post('/api/comments')
      .set('X-Forwarded-For', ip)
      .set('User-Agent', SECRET_AGENT)
      .send({ data: aComment(article.documentId, { authorEmail: 'new.poster@example.org' }) })
      .expect(201);
    secrets.push('new.poster@example.org', ipHashOf(ip));
    expectNothingPrivate('POST /api/comments', posted.body);

    const viaGraphql = await graphqlAs(
      app,
      'mutation ($data: CommentInput!) { createComment(data: $data) { documentId commentStatus authorName body bodyHtml } }',
      { data: aComment(article.documentId, { authorEmail: 'graphql.poster@example.org' }) },
      { userAgent: SECRET_AGENT }
    );
    secrets.push('graphql.poster@example.org');
    expectNothingPrivate('createComment', viaGraphql.body);
  });

  it('offers no private field in the GraphQL Comment type at all', async () => {
    const response = await graphqlAs(app, '{ __type(name: "Comment") { fields { name } } }');
    const fields = response.body.data.__type.fields.map((f: { name: string }) => f.name);
    expect(fields).toEqual(expect.arrayContaining(['documentId', 'authorName', 'body', 'bodyHtml', 'parentDocumentId', 'depth', 'createdAt']));
    for (const secret of ['authorEmail', 'ipHash', 'userAgent', 'moderationReason', 'user', 'parent']) expect(fields).not.toContain(secret);
  });

  it('never stores the IP itself, in any column of any comment', async () => {
    const rows = await app.strapi.db.connection(app.strapi.db.metadata.get(COMMENT as any).tableName).select('*');
    expect(JSON.stringify(rows)).not.toContain(SECRET_IP);
  });

  afterAll(() => {
    // A guard against a scan that silently covered nothing.
    expect(scanned.length).toBeGreaterThanOrEqual(20);
  });
});
