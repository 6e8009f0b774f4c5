import { createFullAccessToken, asPublic } from '../../helpers/agents';
import { newsroom } from '../../helpers/fixtures';
import type { TestApp } from '../../helpers/strapi';
import { aComment, bootCommentsApp, commentRow, nextIp, publishedArticle } from '../comments/support';

const RLO = '\u202E';
const ZWSP = '\u200B';
const INVISIBLE = /[\u202A-\u202E\u2066-\u2069\u200B\u2060\uFEFF]/;

/**
 * Bidi overrides and zero-width characters make text display otherwise than it reads
 * (`https://evil.test/\u202Egpj.exe` shows as `…/exe.jpg`). They never reach a public field:
 * comments, titles, category names, the Site's name, credits, and everything derived from them.
 */
describe('invisible characters never reach public text', () => {
  let app: TestApp;
  let token: string;

  beforeAll(async () => {
    app = await bootCommentsApp();
    token = await createFullAccessToken(app);
    await newsroom(app).site({ name: `Cellule${ZWSP}44` });
  });
  afterAll(async () => {
    await app?.stop();
  });

  it('a comment’s name and body, and the HTML rendered from them', async () => {
    const article = await publishedArticle(app, 'Commentée');
    const response = await asPublic(app)
      .post('/api/comments')
      .set('X-Forwarded-For', nextIp())
      .send({ data: aComment(article.documentId, { authorName: `Jea${RLO}nne`, body: `Voir https://evil.test/${RLO}gpj.exe${ZWSP}` }) });
    expect(response.status).toBe(201);
    const row = await commentRow(app, response.body.data.documentId);
    for (const value of [row.authorName, row.body, row.bodyHtml]) expect(value).not.toMatch(INVISIBLE);
    expect(row.body).toBe('Voir https://evil.test/gpj.exe');
  });

  it('a name made only of invisible characters is empty: a 400 naming it', async () => {
    const article = await publishedArticle(app, 'Vide');
    const response = await asPublic(app)
      .post('/api/comments')
      .set('X-Forwarded-For', nextIp())
      .send({ data: aComment(article.documentId, { authorName: `${RLO}${ZWSP}` }) });
    expect(response.status).toBe(400);
    expect(response.body.error.details.field).toBe('authorName');
  });

  it('an article’s title and category name, and the trail, path and JSON-LD derived from them', async () => {
    const category = await asPublic(app)
      .post('/api/categories')
      .query({ locale: 'fr' })
      .set('Authorization', `Bearer ${token}`)
      .send({ data: { name: `Mon${RLO}de` } });
    expect(category.status).toBe(201);
    const created = await asPublic(app)
      .post('/api/articles')
      .query({ locale: 'fr', status: 'published' })
      .set('Authorization', `Bearer ${token}`)
      .send({ data: { title: `Rapport${RLO}fdp.exe`, category: category.body.data.documentId, credits: [{ role: 'author', person: `Jeanne${ZWSP} Martin` }] } });
    expect(created.status).toBe(201);
    const [row] = await newsroom(app).articleRows(created.body.data.documentId);
    expect(row.title).toBe('Rapportfdp.exe');
    expect(row.breadcrumbText).toBe('Cellule44 > Blog > Monde > Rapportfdp.exe');
    for (const value of [row.breadcrumbs, row.structuredData, row.attribution, row.path]) {
      expect(JSON.stringify(value)).not.toMatch(INVISIBLE);
    }
  });
});
