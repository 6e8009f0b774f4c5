import { asPublic, createFullAccessToken, graphql, loginAsSuperAdmin } from '../../helpers/agents';
import { newsroom } from '../../helpers/fixtures';
import { bootStrapi, type TestApp } from '../../helpers/strapi';

const SITE = 'api::site.site';
const RLO = '\u202E';

/**
 * Every URL field (the Site's baseUrl and logoUrl, a credit's url, a Source's website,
 * licenseUrl and acquireLicensePage) is held to one rule through every door: an absolute
 * http(s) URL with a host and no credentials, stored in the URL Standard's serialisation (so
 * two ways of typing one address store one value, and a bidi override is percent-encoded),
 * and for baseUrl no query and no fragment, since every public URL is built on it. Anything
 * else is a 400 naming the field, and nothing is written.
 */
describe('every URL field follows one rule, through every door', () => {
  let app: TestApp;
  let token: string;
  let admin: string;

  beforeAll(async () => {
    app = await bootStrapi();
    token = await createFullAccessToken(app);
    admin = await loginAsSuperAdmin(app);
    await newsroom(app).site();
  });
  afterAll(async () => {
    await app?.stop();
  });
  beforeEach(async () => {
    await newsroom(app).site({ baseUrl: 'https://example.org', logoUrl: null });
  });

  const siteRow = () => app.strapi.db.query(SITE as any).findOne({});
  const putSite = (data: Record<string, unknown>) =>
    asPublic(app).put('/api/site').set('Authorization', `Bearer ${token}`).send({ data });
  const cmSite = (data: Record<string, unknown>) =>
    asPublic(app).put(`/content-manager/single-types/${SITE}`).set('Authorization', `Bearer ${admin}`).send(data);
  const categoryTrail = async () => {
    const category = await newsroom(app).category(`Monde ${Math.random().toString(36).slice(2, 8)}`);
    return (await newsroom(app).categoryRow(category.documentId)).breadcrumbs as Array<{ url: string }>;
  };

  describe('the Site’s baseUrl', () => {
    it.each([
      ['a fragment', 'https://example.org/#top', /fragment/],
      ['a query', 'https://example.org/?utm_source=x', /query/],
      ['credentials', 'https://admin:secret@example.org', /user name or password/],
      ['another scheme', 'javascript:alert(1)', /http/],
    ])('with %s is a 400 naming baseUrl over REST, and the trails keep the old one', async (_label, baseUrl, reason) => {
      const response = await putSite({ baseUrl });
      expect(response.status).toBe(400);
      expect(response.body.error.details.errors[0]).toMatchObject({ path: ['baseUrl'], message: expect.stringMatching(reason) });
      expect((await siteRow()).baseUrl).toBe('https://example.org');
      for (const crumb of await categoryTrail()) expect(crumb.url).toMatch(/^https:\/\/example\.org\/[^#?]*$/);
    });

    it('with a fragment is refused over GraphQL, naming baseUrl', async () => {
      const result = await graphql(app, 'mutation ($data: SiteInput!) { updateSite(data: $data) { baseUrl } }', { data: { baseUrl: 'https://example.org/#top' } }, token);
      expect(result.data?.updateSite ?? null).toBeNull();
      expect((result.errors[0]?.extensions?.error as any)?.details?.errors?.[0]?.path).toEqual(['baseUrl']);
      expect((await siteRow()).baseUrl).toBe('https://example.org');
    });

    it('with a fragment is refused in the Content Manager, naming baseUrl', async () => {
      const response = await cmSite({ name: 'Cellule44', baseUrl: 'https://example.org/#top' });
      expect(response.status).toBe(400);
      expect(response.body.error.details.errors[0].path).toEqual(['baseUrl']);
      expect((await siteRow()).baseUrl).toBe('https://example.org');
    });

    it('with a fragment is refused in code, through strapi.documents()', async () => {
      const site = await app.strapi.documents(SITE as any).findFirst({});
      await expect(
        app.strapi.documents(SITE as any).update({ documentId: site!.documentId, data: { baseUrl: 'https://example.org/#top' } as any })
      ).rejects.toMatchObject({ name: 'ValidationError', details: { errors: [expect.objectContaining({ path: ['baseUrl'] })] } });
      expect((await siteRow()).baseUrl).toBe('https://example.org');
    });

    it('is stored normalised, and every trail URL is built on the normalised form', async () => {
      await putSite({ baseUrl: 'HTTPS://Example.ORG:443/' }).expect(200);
      expect((await siteRow()).baseUrl).toBe('https://example.org');
      await putSite({ baseUrl: 'example.org/news/' }).expect(200);
      expect((await siteRow()).baseUrl).toBe('https://example.org/news/');
      const trail = await categoryTrail();
      expect(trail[0].url).toBe('https://example.org/news/');
      expect(trail[1].url).toBe('https://example.org/news/blog');
    });

    it('reads https:/example.org as a browser does', async () => {
      await cmSite({ name: 'Cellule44', baseUrl: 'https:/example.org' }).expect(200);
      expect((await siteRow()).baseUrl).toBe('https://example.org');
    });
  });

  describe('the Site’s logoUrl', () => {
    it('is stored normalised, a query allowed, a bidi override percent-encoded', async () => {
      await putSite({ logoUrl: `https://CDN.example.org/logo${RLO}.png?v=2` }).expect(200);
      expect((await siteRow()).logoUrl).toBe('https://cdn.example.org/logo%E2%80%AE.png?v=2');
    });

    it('with credentials is a 400 naming logoUrl in the Content Manager', async () => {
      const response = await cmSite({ name: 'Cellule44', logoUrl: 'https://u:p@cdn.example.org/logo.png' });
      expect(response.status).toBe(400);
      expect(response.body.error.details.errors[0].path).toEqual(['logoUrl']);
    });
  });

  describe('a credit’s url and a Source’s website store the same value for the same address', () => {
    it.each([
      ['https:/rt.com', 'https://rt.com'],
      ['HTTPS://WWW.RT.COM/news/', 'https://www.rt.com/news/'],
      ['rt.com/news/1', 'https://rt.com/news/1'],
    ])('%s', async (typed, stored) => {
      const source = await asPublic(app)
        .post('/api/sources')
        .set('Authorization', `Bearer ${token}`)
        .send({ data: { name: `RT ${typed}`, kind: 'outlet', website: typed, licenseUrl: typed, acquireLicensePage: typed } });
      expect(source.status).toBe(201);
      expect(source.body.data).toMatchObject({ website: stored, licenseUrl: stored, acquireLicensePage: stored });

      const article = await asPublic(app)
        .post('/api/articles')
        .query({ locale: 'fr' })
        .set('Authorization', `Bearer ${token}`)
        .send({ data: { title: `Lien ${typed}`, credits: [{ role: 'original', url: typed }] } });
      expect(article.status).toBe(201);
      const [row] = await app.strapi.db
        .query('api::article.article')
        .findMany({ where: { documentId: article.body.data.documentId }, populate: { credits: true } });
      expect(row.credits[0].url).toBe(stored);
    });

    it('a Source url with credentials is a 400 naming it, over GraphQL too', async () => {
      const result = await graphql(
        app,
        'mutation ($data: SourceInput!) { createSource(data: $data) { documentId } }',
        { data: { name: 'Piège', kind: 'outlet', acquireLicensePage: 'https://www.bank.example@evil.test/' } },
        token
      );
      expect((result.errors[0]?.extensions?.error as any)?.details?.errors?.[0]?.path).toEqual(['acquireLicensePage']);
      expect(await app.strapi.db.query('api::source.source').count({ where: { name: 'Piège' } })).toBe(0);
    });
  });

  describe('links inside an article’s body', () => {
    const body = (url: string) => [
      { type: 'paragraph', children: [{ type: 'text', text: 'Lire ' }, { type: 'link', url, children: [{ type: 'text', text: 'la source' }] }] },
    ];
    const linkOf = (row: any) => row.body[0].children[1].url;

    it('refuses a javascript: link with a 400 naming where it is, over REST and GraphQL, and writes nothing', async () => {
      const before = await app.strapi.db.query('api::article.article').count({});
      const response = await asPublic(app)
        .post('/api/articles')
        .query({ locale: 'fr' })
        .set('Authorization', `Bearer ${token}`)
        .send({ data: { title: 'Piège', body: body('javascript:alert(document.cookie)') } });
      expect(response.status).toBe(400);
      expect(response.body.error.details.errors[0]).toMatchObject({ path: ['body', 0, 'children', 1, 'url'] });

      const result = await graphql(
        app,
        'mutation ($data: ArticleInput!) { createArticle(data: $data, locale: "fr") { documentId } }',
        { data: { title: 'Piège', body: body('data:text/html,<script>alert(1)</script>') } },
        token
      );
      expect(result.errors[0]?.extensions?.error?.name).toBe('ValidationError');
      expect(await app.strapi.db.query('api::article.article').count({})).toBe(before);
    });

    it('stores web links in the one URL form and keeps paths of the site as written', async () => {
      const spoofed = await newsroom(app).article('Lien', { data: { body: body(`https://ex.org/gpj${RLO}.exe`) } });
      expect(linkOf(spoofed)).toBe('https://ex.org/gpj%E2%80%AE.exe');
      const internal = await newsroom(app).article('Lien interne', { data: { body: body('/blog/monde') } });
      expect(linkOf(internal)).toBe('/blog/monde');
    });
  });
});
