import { newsroom } from '../../helpers/fixtures';
import type { TestApp } from '../../helpers/strapi';
import {
  aComment,
  allPosters,
  bootCommentsApp,
  commentRow,
  countComments,
  ipHashOf,
  nextIp,
  publishedArticle,
  storedComment,
  type Poster,
} from './support';

describe('posting a comment, over REST and GraphQL, as Public and signed in', () => {
  let app: TestApp;
  let posters: Poster[];
  let article: { documentId: string };

  beforeAll(async () => {
    app = await bootCommentsApp();
    await newsroom(app).site();
    article = await publishedArticle(app, 'Derrière les portes closes');
    posters = await allPosters(app);
  });
  afterAll(async () => {
    await app?.stop();
  });

  describe.each(['REST as Public', 'REST as Authenticated', 'GraphQL as Public', 'GraphQL as Authenticated'])('%s', (label) => {
    const poster = () => posters.find((p) => p.label === label)!;

    it('answers 201 with the documentId, the status and the public fields, and stores the comment as pending', async () => {
      const sent = aComment(article.documentId, { body: 'Très éclairant.\n\nVoir https://example.org/source' });
      const posted = await poster().post(sent);

      expect(posted.status).toBe(201);
      expect(posted.comment).toMatchObject({
        documentId: expect.any(String),
        commentStatus: 'pending',
        authorName: 'Jeanne Lecteur',
        body: 'Très éclairant.\n\nVoir https://example.org/source',
        bodyHtml:
          '<p>Très éclairant.</p>\n<p>Voir <a href="https://example.org/source" rel="nofollow ugc noopener">https://example.org/source</a></p>',
        depth: 1,
        parentDocumentId: null,
      });
      for (const secret of ['authorEmail', 'ipHash', 'userAgent', 'moderationReason', 'user']) {
        expect(posted.comment).not.toHaveProperty(secret);
      }
      const row = await commentRow(app, posted.comment.documentId);
      expect(row.commentStatus).toBe('pending');
      expect(row.authorEmail).toBe(sent.authorEmail);
      expect(row.article.documentId).toBe(article.documentId);
    });

    it('records the IP only as an HMAC of it, the user agent, and the account of a signed-in reader', async () => {
      const ip = nextIp();
      const posted = await poster().post(aComment(article.documentId), { ip, userAgent: 'Lynx/2.9 (test)' });
      expect(posted.status).toBe(201);

      const row = await commentRow(app, posted.comment.documentId);
      expect(row.ipHash).toBe(ipHashOf(ip));
      expect(row.ipHash).not.toContain(ip);
      expect(row.userAgent).toBe('Lynx/2.9 (test)');
      expect(row.user?.id ?? null).toBe(poster().account?.id ?? null);
    });

    it.each([
      ['status', { commentStatus: 'approved' }],
      ['ipHash', { ipHash: 'forged' }],
      ['userAgent', { userAgent: 'forged' }],
      ['user', { user: 1 }],
      ['bodyHtml', { bodyHtml: '<script>alert(1)</script>' }],
      ['depth', { depth: 1 }],
      ['parentDocumentId', { parentDocumentId: 'x' }],
      ['moderationReason', { moderationReason: 'trusted' }],
      ['an unknown key', { isAdmin: true }],
    ])('refuses a comment that sets %s with a 400, and stores nothing', async (_field, extra) => {
      const before = await countComments(app);
      const posted = await poster().post(aComment(article.documentId, extra));
      expect(posted.status).toBe(400);
      expect(await countComments(app)).toBe(before);
    });

    it('lets a signed-in reader leave out their name and email: the account’s are used', async () => {
      if (!poster().account) return;
      const { authorName: _n, authorEmail: _e, ...rest } = aComment(article.documentId);
      const posted = await poster().post(rest);
      expect(posted.status).toBe(201);
      const row = await commentRow(app, posted.comment.documentId);
      expect(row.authorEmail).toBe(poster().account!.email);
      expect(row.authorName).toBe(poster().account!.email);
    });
  });

  describe('where comments cannot go, nothing is stored', () => {
    it.each(['REST as Public', 'GraphQL as Authenticated'])('an unknown article is a 404 (%s)', async (label) => {
      const before = await countComments(app);
      const posted = await posters.find((p) => p.label === label)!.post(aComment('nosuchdocumentid0000000000'));
      expect(posted.status).toBe(404);
      expect(await countComments(app)).toBe(before);
    });

    it.each(['REST as Authenticated', 'GraphQL as Public'])('an unpublished article is a 404, like an unknown one (%s)', async (label) => {
      const draft = await newsroom(app).article('Brouillon sous embargo');
      const before = await countComments(app);
      const posted = await posters.find((p) => p.label === label)!.post(aComment(draft.documentId));
      expect(posted.status).toBe(404);
      expect(await countComments(app)).toBe(before);
    });

    it.each(['REST as Public', 'REST as Authenticated', 'GraphQL as Public', 'GraphQL as Authenticated'])(
      'an article with comments closed is a 400 (%s)',
      async (label) => {
        const closed = await publishedArticle(app, `Commentaires fermés ${label}`, { allowComments: false });
        const before = await countComments(app);
        const posted = await posters.find((p) => p.label === label)!.post(aComment(closed.documentId));
        expect(posted.status).toBe(400);
        expect(posted.error?.message).toMatch(/closed/i);
        expect(await countComments(app)).toBe(before);
      }
    );

    it('closes comments as soon as an editor saves allowComments false, before the article is republished', async () => {
      const open = await publishedArticle(app, 'Bientôt fermé');
      await (app.strapi.documents('api::article.article' as any) as any).update({
        documentId: open.documentId,
        locale: 'fr',
        data: { allowComments: false },
      });
      const posted = await posters[0].post(aComment(open.documentId));
      expect(posted.status).toBe(400);
    });

    it('a missing article is a 400 naming the field', async () => {
      const { article: _a, ...rest } = aComment(article.documentId);
      const posted = await posters[0].post(rest);
      expect(posted.status).toBe(400);
      expect(posted.error?.details?.field).toBe('article');
    });

    it('keeps accepting comments on the article after a refusal (a sanity check on the refusals above)', async () => {
      const posted = await posters[0].post(aComment(article.documentId));
      expect(posted.status).toBe(201);
    });
  });

  it('gives GraphQL clients the same error codes as REST statuses', async () => {
    const rest = posters.find((p) => p.label === 'REST as Public')!;
    const gql = posters.find((p) => p.label === 'GraphQL as Public')!;
    const bad = aComment(article.documentId, { authorEmail: 'not-an-email' });

    const viaRest = await rest.post(bad);
    const viaGraphql = await gql.post(bad);
    expect(viaRest.status).toBe(400);
    expect(viaRest.error).toMatchObject({ name: 'ValidationError', details: { field: 'authorEmail' } });
    expect(viaGraphql.error).toMatchObject({ code: 'BAD_USER_INPUT', name: 'ValidationError', details: { field: 'authorEmail' } });
    expect(viaGraphql.error?.message).toBe(viaRest.error?.message);
  });

  it('lets editors post through the document service without moderation (staff replies)', async () => {
    const staff = await storedComment(app, article.documentId, { authorName: 'La rédaction', commentStatus: 'approved' });
    const row = await commentRow(app, staff.documentId);
    expect(row.commentStatus).toBe('approved');
    expect(row.bodyHtml).toMatch(/^<p>/);
    expect(row.depth).toBe(1);
  });
});

describe('the client IP behind a proxy', () => {
  it('ignores X-Forwarded-For unless server.proxy is on, so a client cannot choose its own address', async () => {
    const app = await bootCommentsApp({ SERVER_PROXY: 'false' });
    try {
      await newsroom(app).site();
      const article = await publishedArticle(app, 'Sans proxy');
      const [rest] = await allPosters(app);
      const posted = await rest.post(aComment(article.documentId), { ip: '203.0.113.9' });
      expect(posted.status).toBe(201);
      const row = await commentRow(app, posted.comment.documentId);
      expect(row.ipHash).not.toBe(ipHashOf('203.0.113.9'));
      expect([ipHashOf('127.0.0.1'), ipHashOf('::ffff:127.0.0.1'), ipHashOf('::1')]).toContain(row.ipHash);
    } finally {
      await app.stop();
    }
  });
});
