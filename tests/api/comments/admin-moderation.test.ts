import request from 'supertest';
import { loginAsAdminWith, loginAsSuperAdmin } from '../../helpers/agents';
import { newsroom } from '../../helpers/fixtures';
import { type TestApp } from '../../helpers/strapi';
import { COMMENT_STATUSES } from '../../../src/strapi/comments/model';
import { ARTICLE, bootCommentsApp, COMMENT, commentRow, publishedArticle, storedComment } from './support';

/**
 * The admin's one-click Approve, Spam and Trash (src/admin/comments) send the Content Manager's
 * own update request with nothing but the new commentStatus, and count a comment as changed
 * only when the answer carries that status. These are the server answers they rely on.
 */
describe('one-click moderation through the Content Manager', () => {
  let app: TestApp;
  let article: { documentId: string };
  let superAdmin: string;
  const cm = (documentId: string) => `/content-manager/collection-types/${COMMENT}/${documentId}`;
  const setStatus = (jwt: string, documentId: string, commentStatus: string) =>
    request(app.server).put(cm(documentId)).set('Authorization', `Bearer ${jwt}`).send({ commentStatus });
  const count = async () => (await app.strapi.db.query(ARTICLE as any).findOne({ where: { documentId: article.documentId } })).commentCount;

  const ALL_FIELDS = ['article', 'parent', 'parentDocumentId', 'depth', 'authorName', 'authorEmail', 'body', 'bodyHtml', 'commentStatus', 'moderationReason', 'ipHash', 'userAgent', 'user'];
  const read = { action: 'plugin::content-manager.explorer.read', subject: COMMENT, properties: { fields: ALL_FIELDS } };

  beforeAll(async () => {
    app = await bootCommentsApp();
    await newsroom(app).site();
    article = await publishedArticle(app, 'Un clic suffit');
    superAdmin = await loginAsSuperAdmin(app);
  });
  afterAll(async () => {
    await app?.stop();
  });

  it('offers exactly the statuses the schema declares', () => {
    expect((app.strapi.contentType(COMMENT as any).attributes as any).commentStatus.enum).toEqual([...COMMENT_STATUSES]);
  });

  it('approves with the status alone: nothing else changes, the reason is recorded, the article is recounted', async () => {
    const comment = await storedComment(app, article.documentId, { commentStatus: 'pending', body: 'Mot pour mot.' });
    const before = await count();
    const response = await setStatus(superAdmin, comment.documentId, 'approved').expect(200);
    expect(response.body.data.commentStatus).toBe('approved');
    expect(await commentRow(app, comment.documentId)).toMatchObject({
      commentStatus: 'approved',
      body: 'Mot pour mot.',
      moderationReason: 'approved by an editor',
    });
    expect(await count()).toBe(before + 1);
  });

  it.each(['spam', 'trash'])('moves an approved comment to %s, and it stops counting', async (status) => {
    const comment = await storedComment(app, article.documentId, { commentStatus: 'approved' });
    const before = await count();
    await setStatus(superAdmin, comment.documentId, status).expect(200);
    expect((await commentRow(app, comment.documentId)).commentStatus).toBe(status);
    expect(await count()).toBe(before - 1);
  });

  it('refuses an admin whose role may read comments but not update them (403), and nothing changes', async () => {
    const reader = await loginAsAdminWith(app, [read]);
    const comment = await storedComment(app, article.documentId, { commentStatus: 'pending' });
    await setStatus(reader, comment.documentId, 'approved').expect(403);
    expect((await commentRow(app, comment.documentId)).commentStatus).toBe('pending');
  });

  it('leaves the status alone for an admin who may update comments but not their status, and the answer says so', async () => {
    const wordsOnly = await loginAsAdminWith(app, [
      read,
      { action: 'plugin::content-manager.explorer.update', subject: COMMENT, properties: { fields: ['body'] } },
    ]);
    const comment = await storedComment(app, article.documentId, { commentStatus: 'pending' });
    const response = await setStatus(wordsOnly, comment.documentId, 'approved');
    // The Content Manager drops the field silently: the one-click action reads the answer, not the status code.
    expect(response.status).toBe(200);
    expect(response.body.data.commentStatus).toBe('pending');
    expect((await commentRow(app, comment.documentId)).commentStatus).toBe('pending');
  });

  it('counts comments per status through the list route the counts read', async () => {
    const pending = await request(app.server)
      .get(`/content-manager/collection-types/${COMMENT}`)
      .query({ page: 1, pageSize: 1, filters: { commentStatus: { $eq: 'pending' } } })
      .set('Authorization', `Bearer ${superAdmin}`)
      .expect(200);
    const stored = await app.strapi.db.query(COMMENT as any).count({ where: { commentStatus: 'pending' } });
    expect(stored).toBeGreaterThan(0);
    expect(pending.body.pagination.total).toBe(stored);
  });
});
