import request from 'supertest';
import { signPreviewToken } from '../../../src/core/preview';
import { DEMO_FRENCH_ARTICLE } from '../../../src/strapi/bootstrap/demo-data';
import { asPublic, loginAsSuperAdmin } from '../../helpers/agents';
import { bootStrapi, TEST_SECRETS, type TestApp } from '../../helpers/strapi';

const ARTICLE = 'api::article.article';
const DRAFT_TITLE = 'Brouillon : la délégation repart sans accord';

describe("the Content Manager's Preview button and the preview page", () => {
  let app: TestApp;
  let adminToken: string;
  let documentId: string;
  let publishedTitle: string;

  /** What the admin's Preview button asks for: the handler's URL for one version. */
  function previewUrlFor(id: string, locale: string, status = 'draft', uid = ARTICLE) {
    return request(app.server)
      .get(`/content-manager/preview/url/${uid}`)
      .query({ documentId: id, locale, status })
      .set('Authorization', `Bearer ${adminToken}`);
  }

  async function openDraftPreview(id: string, locale = 'fr'): Promise<string> {
    const response = await previewUrlFor(id, locale).expect(200);
    return response.body.data.url;
  }

  beforeAll(async () => {
    app = await bootStrapi({ seedDemo: true });
    adminToken = await loginAsSuperAdmin(app);
    // The seed page's article, by its title: rows have no order a query may rely on (PostgreSQL
    // returns a row its demo comments' recount rewrote after the others).
    const published = await app.strapi.documents(ARTICLE).findFirst({ locale: 'fr', status: 'published', filters: { title: DEMO_FRENCH_ARTICLE.title } } as any);
    documentId = published!.documentId;
    publishedTitle = published!.title as string;
    // The editor reworks the headline of a published article: the draft now differs.
    await app.strapi.documents(ARTICLE).update({ documentId, locale: 'fr', data: { title: DRAFT_TITLE } as any });
  });
  afterAll(async () => {
    await app?.stop();
  });

  it('gives the admin a signed link to the draft, outside /api', async () => {
    const url = await openDraftPreview(documentId);
    expect(url).toMatch(new RegExp(`^/preview/articles/${documentId}\\?locale=fr&status=draft&token=\\d+\\.[A-Za-z0-9_-]{43}$`));
  });

  it('opens the draft, not the published version, with its trail, footer, JSON-LD and a preview banner', async () => {
    const response = await asPublic(app).get(await openDraftPreview(documentId)).expect(200);
    expect(response.headers['content-type']).toMatch(/^text\/html/);
    const html = response.text;
    expect(html).toContain('Preview — draft, not published');
    expect(html).toContain(`<h1>${DRAFT_TITLE}</h1>`);
    expect(html).not.toContain(`<h1>${publishedTitle}</h1>`);
    expect(html).toMatch(/<nav aria-label="Breadcrumb"><ol><li><a href="https:\/\/[^"]+">Cellule44<\/a><\/li>/);
    expect(html).toMatch(/<footer class="attribution"><p>Source\u00a0: <a href="https:\/\/www\.rt\.com\//);
    expect(html).toContain('Traduction\u00a0: Avic');
    const jsonLd = /<script type="application\/ld\+json">(.*?)<\/script>/s.exec(html)![1]!;
    expect(JSON.stringify(JSON.parse(jsonLd))).toContain('NewsArticle');
  });

  it('is sent not to be cached, indexed, referred or framed by another site', async () => {
    const response = await asPublic(app).get(await openDraftPreview(documentId)).expect(200);
    expect(response.headers['x-robots-tag']).toMatch(/noindex/);
    expect(response.headers['cache-control']).toBe('no-store');
    expect(response.headers['referrer-policy']).toBe('no-referrer');
    expect(response.headers['x-frame-options']).toBe('SAMEORIGIN');
    expect(response.headers['content-security-policy']).toContain("frame-ancestors 'self'");
    expect(response.headers['content-security-policy']).toContain("default-src 'none'");
  });

  it('previews the draft when the edit view calls it modified (edited since its publication)', async () => {
    const { body } = await previewUrlFor(documentId, 'fr', 'modified').expect(200);
    expect(body.data.url).toContain('status=draft');
    const html = (await asPublic(app).get(body.data.url).expect(200)).text;
    expect(html).toContain(`<h1>${DRAFT_TITLE}</h1>`);
  });

  it('opens the published version when the admin previews that one', async () => {
    const { body } = await previewUrlFor(documentId, 'fr', 'published').expect(200);
    const html = (await asPublic(app).get(body.data.url).expect(200)).text;
    expect(html).toContain(`<h1>${publishedTitle}</h1>`);
    expect(html).toContain('Preview — the published version.');
  });

  it('refuses every link that is not the one signed for this version, all alike, before reading the database', async () => {
    const url = new URL(await openDraftPreview(documentId), 'http://x');
    const token = url.searchParams.get('token')!;
    const path = url.pathname;
    const other = await app.strapi.documents(ARTICLE).create({ locale: 'fr', data: { title: 'Un autre article' } as any });
    const otherToken = new URL(await openDraftPreview(other.documentId), 'http://x').searchParams.get('token')!;
    const expired = signPreviewToken(
      { uid: ARTICLE, documentId, locale: 'fr', status: 'draft' },
      TEST_SECRETS.PREVIEW_SECRET!,
      Math.floor(Date.now() / 1000) - 1
    );
    const forged = `${token.split('.')[0]}.${'A'.repeat(43)}`;

    const refused = [
      [path, { locale: 'fr', status: 'draft' }],
      [path, { locale: 'fr', status: 'draft', token: forged }],
      [path, { locale: 'fr', status: 'draft', token: `${Number(token.split('.')[0]) + 3600}.${token.split('.')[1]}` }],
      [path, { locale: 'fr', status: 'draft', token: expired }],
      [path, { locale: 'fr', status: 'draft', token: otherToken }],
      [path, { locale: 'en', status: 'draft', token }],
      [path, { locale: 'fr', status: 'published', token }],
      [path, { locale: 'fr', token }],
      ['/preview/articles/no-such-document', { locale: 'fr', status: 'draft', token: forged }],
    ] as const;
    const answers = await Promise.all(refused.map(([p, query]) => asPublic(app).get(p).query(query)));
    for (const answer of answers) {
      expect(answer.status).toBe(401);
      expect(answer.body).toEqual(answers[0]!.body);
      expect(answer.text).not.toContain(DRAFT_TITLE);
      // A refused link is as private as the page: never cached, never indexed.
      expect(answer.headers['cache-control']).toBe('no-store');
      expect(answer.headers['x-robots-tag']).toMatch(/noindex/);
    }
    expect(answers[0]!.body.error).toMatchObject({ status: 401, name: 'UnauthorizedError' });
  });

  it('answers 404 to a genuine link whose document is gone', async () => {
    const token = signPreviewToken(
      { uid: ARTICLE, documentId: 'no-such-document', locale: 'fr', status: 'draft' },
      TEST_SECRETS.PREVIEW_SECRET!,
      Math.floor(Date.now() / 1000) + 600
    );
    await asPublic(app).get('/preview/articles/no-such-document').query({ locale: 'fr', status: 'draft', token }).expect(404);
  });

  it('escapes a title that holds markup, and shows no private field of the editor who wrote it', async () => {
    const created = await request(app.server)
      .post(`/content-manager/collection-types/${ARTICLE}`)
      .query({ locale: 'fr' })
      .set('Authorization', `Bearer ${adminToken}`)
      .send({ title: '<script>alert("x")</script> & co' })
      .expect(201);
    const html = (await asPublic(app).get(await openDraftPreview(created.body.data.documentId)).expect(200)).text;
    expect(html).toContain('<h1>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; co</h1>');
    expect(html).not.toContain('<script>alert');
    expect(html).not.toMatch(/@colophon\.test|Eddie|createdBy|updatedBy/);
  });

  it('offers no preview for a type without a preview page', async () => {
    const category = await app.strapi.documents('api::category.category').findFirst({ locale: 'fr' });
    await previewUrlFor(category!.documentId, 'fr', 'draft', 'api::category.category').expect(204);
  });

  it('needs an admin session to get a link', async () => {
    await asPublic(app)
      .get(`/content-manager/preview/url/${ARTICLE}`)
      .query({ documentId, locale: 'fr', status: 'draft' })
      .expect(401);
  });

  it('still gives a Public REST client the published version only', async () => {
    const response = await asPublic(app).get(`/api/articles/${documentId}`).query({ locale: 'fr', status: 'draft' }).expect(200);
    expect(response.body.data.title).toBe(publishedTitle);
    const list = await asPublic(app).get('/api/articles').query({ locale: 'fr', status: 'draft' }).expect(200);
    expect(JSON.stringify(list.body)).not.toContain(DRAFT_TITLE);
  });
});
