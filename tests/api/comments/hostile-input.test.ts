import request from 'supertest';
import { newsroom } from '../../helpers/fixtures';
import type { TestApp } from '../../helpers/strapi';
import { aComment, allPosters, bootCommentsApp, commentRow, countComments, publishedArticle, type Poster } from './support';

/** bodyHtml may hold paragraphs, line breaks and http(s) links with the fixed rel, nothing else. */
function expectSafeHtml(html: string) {
  const tags = html.match(/<[^>]*>/g) ?? [];
  for (const tag of tags) {
    expect(tag).toMatch(/^(<p>|<\/p>|<br>|<\/a>|<a href="https?:\/\/[^"<>\s]+" rel="nofollow ugc noopener">)$/);
  }
  // No stray angle bracket can open a tag: the text between tags is escaped.
  expect(html.replace(/<[^>]*>/g, '')).not.toMatch(/[<>]/);
}

const XSS = [
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '"><svg/onload=alert(1)>',
  '<a href="javascript:alert(1)">click</a>',
  'javascript:alert(1)',
  '[click](javascript:alert(1))',
  'https://example.org/"onmouseover="alert(1)',
  "https://example.org/'><script>alert(1)</script>",
  'https://example.org/<img src=x onerror=alert(1)>',
  '<iframe src="https://evil.example"></iframe>',
  '&lt;script&gt;alert(1)&lt;/script&gt;',
  '<<script>script>alert(1)<</script>/script>',
  'data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==',
  '<style>body{display:none}</style>',
  '{{constructor.constructor("alert(1)")()}}',
];

const UNICODE = [
  'Émile a écrit : « très juste » — merci ! 🎉👩🏽‍💻',
  'e\u0301 combining accent versus \u00e9 precomposed',
  'line\u2028separator and paragraph\u2029separator',
  'full-width \uFF1Cscript\uFF1E not a tag',
  '𝕬𝖘𝖙𝖗𝖆𝖑 plane 𝟘𝟙𝟚 and 🏳️‍🌈',
  'مرحبا بالعالم — עברית — 中文评论 — русский',
];

describe('hostile input: a 400 or safe output, and the server stays up', () => {
  let app: TestApp;
  let posters: Poster[];
  let article: { documentId: string };
  const rest = () => posters.find((p) => p.label === 'REST as Public')!;
  const gql = () => posters.find((p) => p.label === 'GraphQL as Public')!;

  beforeAll(async () => {
    app = await bootCommentsApp();
    await newsroom(app).site();
    article = await publishedArticle(app, 'Entrées hostiles');
    posters = await allPosters(app);
  });
  afterAll(async () => {
    await app?.stop();
  });

  describe.each(['REST as Public', 'GraphQL as Authenticated'])('%s', (label) => {
    const poster = () => posters.find((p) => p.label === label)!;

    it.each(XSS)('stores %j as plain text and renders it inert', async (payload) => {
      const posted = await poster().post(aComment(article.documentId, { body: payload, authorName: payload }));
      expect(posted.status).toBe(201);
      expect(posted.comment.body).toBe(payload);
      expect(posted.comment.authorName).toBe(payload);
      expectSafeHtml(posted.comment.bodyHtml);
      expect(posted.comment.bodyHtml).not.toMatch(/href="(?!https?:)/);
    });

    it.each([
      ['right-to-left override \u202Egnp.exe\u202C trick', 'right-to-left override gnp.exe trick'],
      ['zero\u200Bwidth\u200Djoiners\uFEFF and BOM', 'zerowidthjoiners and BOM'],
    ])('strips the invisible characters from %j, which would make it read otherwise', async (text, stored) => {
      const posted = await poster().post(aComment(article.documentId, { body: text, authorName: text.slice(0, 40) }));
      expect(posted.status).toBe(201);
      expect(posted.comment.body).toBe(stored);
      expect(posted.comment.authorName).not.toMatch(/[\u202A-\u202E\u2066-\u2069\u200B\u200D\uFEFF]/);
    });

    it.each(UNICODE)('keeps %j exactly as written', async (text) => {
      const posted = await poster().post(aComment(article.documentId, { body: text, authorName: text.slice(0, 40) }));
      expect(posted.status).toBe(201);
      expect(posted.comment.body).toBe(text);
      expectSafeHtml(posted.comment.bodyHtml);
    });

    it.each([
      ['a null byte in the body', { body: 'before\u0000after' }, 'body'],
      ['a null byte in the name', { authorName: 'Jeanne\u0000' }, 'authorName'],
      ['a null byte in the email', { authorEmail: 'jeanne\u0000@example.org' }, 'authorEmail'],
      ['a terminal escape sequence', { body: 'red \u001b[31m text' }, 'body'],
      ['a bell character in the name', { authorName: 'ding\u0007' }, 'authorName'],
      ['a 1 MB body', { body: 'x'.repeat(1_000_000) }, 'body'],
      ['a 10 000 character name', { authorName: 'n'.repeat(10_000) }, 'authorName'],
      ['a body that is a number', { body: 42 }, 'body'],
      ['a body that is an object', { body: { html: '<b>x</b>' } }, 'body'],
      ['a name that is a list', { authorName: ['a', 'b'] }, 'authorName'],
    ])('refuses %s with a 400 naming the field', async (_what, override, field) => {
      const before = await countComments(app);
      const posted = await poster().post(aComment(article.documentId, override));
      expect(posted.status).toBe(400);
      if (label.startsWith('REST')) expect(posted.error?.details?.field).toBe(field);
      expect(await countComments(app)).toBe(before);
    });

    it.each([
      ['an article given as an object', { article: { connect: [{ documentId: 'x' }] } }],
      ['an article given as a list', { article: ['a', 'b'] }],
      ['a parent given as an object', { parent: { documentId: 'x' } }],
      ['a __proto__ key', JSON.parse('{"__proto__": {"commentStatus": "approved"}}')],
      ['a constructor key', { constructor: { prototype: { commentStatus: 'approved' } } }],
    ])('refuses %s with a 400', async (_what, override) => {
      const before = await countComments(app);
      const posted = await poster().post({ ...aComment(article.documentId), ...override });
      expect(posted.status).toBe(400);
      expect(await countComments(app)).toBe(before);
    });
  });

  it('stores SQL as text, and the table is still there', async () => {
    const payload = "'); DROP TABLE comments; -- \" OR 1=1 --";
    const posted = await rest().post(aComment(article.documentId, { body: payload, authorName: "O'Brien" }));
    expect(posted.status).toBe(201);
    expect((await commentRow(app, posted.comment.documentId)).body).toBe(payload);
  });

  it('answers an unpaired surrogate with a 400 or stores something readable', async () => {
    const posted = await rest().post(aComment(article.documentId, { body: 'broken \ud800 pair' }));
    expect([201, 400]).toContain(posted.status);
    if (posted.status === 201) expectSafeHtml(posted.comment.bodyHtml);
  });

  it('clips a huge user agent and shrugs off a garbage X-Forwarded-For', async () => {
    const posted = await rest().post(aComment(article.documentId), { userAgent: 'U'.repeat(5_000), ip: 'not-an-ip, <script>' });
    expect(posted.status).toBe(201);
    expect((await commentRow(app, posted.comment.documentId)).userAgent).toHaveLength(500);
  });

  it('refuses a request whose data is not an object', async () => {
    for (const data of ['a string', 42, null, ['an', 'array']]) {
      const response = await request(app.server).post('/api/comments').send({ data });
      expect(response.status).toBe(400);
    }
    const viaGraphql = await gql().post('not an object' as any);
    expect(viaGraphql.status).toBe(400);
  });

  it('refuses a body larger than the server accepts without falling over', async () => {
    const response = await request(app.server)
      .post('/api/comments')
      .send({ data: aComment(article.documentId, { body: 'x'.repeat(3_000_000) }) });
    expect([400, 413]).toContain(response.status);
  });

  it('is still up and taking comments after all of the above', async () => {
    await request(app.server).get('/_health').expect(204);
    const posted = await rest().post(aComment(article.documentId));
    expect(posted.status).toBe(201);
  });
});
