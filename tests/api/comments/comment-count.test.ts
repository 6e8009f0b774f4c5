import request from 'supertest';
import { createFullAccessToken, loginAsSuperAdmin } from '../../helpers/agents';
import { newsroom } from '../../helpers/fixtures';
import type { TestApp } from '../../helpers/strapi';
import { aComment, allPosters, ARTICLE, bootCommentsApp, COMMENT, countComments, publicThread, publishedArticle, storedComment } from './support';

describe('Article.commentCount follows every status change and every deletion', () => {
  let app: TestApp;
  let adminJwt: string;
  let token: string;

  const articles = () => app.strapi.documents(ARTICLE as any) as any;
  const comments = () => app.strapi.documents(COMMENT as any) as any;
  /** The count on every stored row of the article: draft and published, each locale. */
  const counts = async (documentId: string) =>
    (
      await app.strapi.db.query(ARTICLE as any).findMany({
        where: { documentId },
        select: ['commentCount', 'locale', 'publishedAt'],
        orderBy: [{ locale: 'asc' }, { publishedAt: 'asc' }],
      })
    ).map((row: { commentCount: number }) => row.commentCount);
  const publicCount = async (documentId: string) =>
    (await request(app.server).get(`/api/articles/${documentId}`).query({ locale: 'fr' }).expect(200)).body.data.commentCount;
  const asEditor = (call: request.Test) => call.set('Authorization', `Bearer ${adminJwt}`);
  const cm = (path: string) => `/content-manager/collection-types/${COMMENT}${path}`;

  beforeAll(async () => {
    app = await bootCommentsApp();
    await newsroom(app).site();
    adminJwt = await loginAsSuperAdmin(app);
    token = await createFullAccessToken(app);
  });
  afterAll(async () => {
    await app?.stop();
  });

  it('counts a comment when an editor approves it in the Content Manager, and uncounts it as spam or trash', async () => {
    const article = await publishedArticle(app, 'Compté');
    const [rest] = await allPosters(app);
    const posted = await rest.post(aComment(article.documentId));
    expect(await counts(article.documentId)).toEqual([0, 0]);

    await asEditor(request(app.server).put(cm(`/${posted.comment.documentId}`))).send({ commentStatus: 'approved' }).expect(200);
    expect(await counts(article.documentId)).toEqual([1, 1]);
    expect(await publicCount(article.documentId)).toBe(1);

    for (const [status, expected] of [['spam', 0], ['approved', 1], ['trash', 0], ['pending', 0], ['approved', 1]] as const) {
      await asEditor(request(app.server).put(cm(`/${posted.comment.documentId}`))).send({ commentStatus: status }).expect(200);
      expect(await counts(article.documentId)).toEqual([expected, expected]);
    }
  });

  it('follows status changes made with an API token', async () => {
    const article = await publishedArticle(app, 'Par jeton');
    const comment = await storedComment(app, article.documentId, { commentStatus: 'pending' });
    await request(app.server)
      .put(`/api/comments/${comment.documentId}`)
      .set('Authorization', `Bearer ${token}`)
      .send({ data: { commentStatus: 'approved' } })
      .expect(200);
    expect(await counts(article.documentId)).toEqual([1, 1]);
  });

  it('uncounts an approved comment that is deleted, and leaves the count alone for a pending one', async () => {
    const article = await publishedArticle(app, 'Supprimé');
    const approved = await storedComment(app, article.documentId);
    await storedComment(app, article.documentId);
    const pending = await storedComment(app, article.documentId, { commentStatus: 'pending' });
    expect(await counts(article.documentId)).toEqual([2, 2]);

    await comments().delete({ documentId: pending.documentId });
    expect(await counts(article.documentId)).toEqual([2, 2]);
    await asEditor(request(app.server).delete(cm(`/${approved.documentId}`))).expect(200);
    expect(await counts(article.documentId)).toEqual([1, 1]);
  });

  it('recounts after a bulk delete in the Content Manager', async () => {
    const article = await publishedArticle(app, 'Suppression groupée');
    const all = [await storedComment(app, article.documentId), await storedComment(app, article.documentId), await storedComment(app, article.documentId)];
    expect(await counts(article.documentId)).toEqual([3, 3]);
    await asEditor(request(app.server).post(cm('/actions/bulkDelete')))
      .send({ documentIds: all.slice(0, 2).map((c) => c.documentId) })
      .expect(200);
    expect(await counts(article.documentId)).toEqual([1, 1]);
  });

  it('keeps the comments on their article, and the count, through unpublish and republish', async () => {
    const article = await publishedArticle(app, 'Republié');
    const comment = await storedComment(app, article.documentId);
    for (let round = 0; round < 2; round += 1) {
      await articles().update({ documentId: article.documentId, locale: 'fr', data: { title: `Republié ${round}` } });
      await articles().publish({ documentId: article.documentId, locale: 'fr' });
    }
    await articles().unpublish({ documentId: article.documentId, locale: 'fr' });
    await articles().publish({ documentId: article.documentId, locale: 'fr' });

    const listed = await publicThread(app, article.documentId).expect(200);
    expect(listed.body.data.map((c: { documentId: string }) => c.documentId)).toEqual([comment.documentId]);
    expect(await counts(article.documentId)).toEqual([1, 1]);
  });

  it('gives a newly added translation the document’s count', async () => {
    const article = await publishedArticle(app, 'Traduit');
    await storedComment(app, article.documentId);
    await articles().update({ documentId: article.documentId, locale: 'en', data: { title: 'Translated' }, status: 'published' });
    expect(await counts(article.documentId)).toEqual([1, 1, 1, 1]);
    const english = await request(app.server).get(`/api/articles/${article.documentId}`).query({ locale: 'en' }).expect(200);
    expect(english.body.data.commentCount).toBe(1);
  });

  it('moves the comments of a deleted translation to the one that remains', async () => {
    const article = await publishedArticle(app, 'Une langue en moins');
    await articles().update({ documentId: article.documentId, locale: 'en', data: { title: 'One language less' }, status: 'published' });
    const comment = await storedComment(app, article.documentId);
    await articles().delete({ documentId: article.documentId, locale: 'fr' });

    const listed = await publicThread(app, article.documentId).expect(200);
    expect(listed.body.data.map((c: { documentId: string }) => c.documentId)).toEqual([comment.documentId]);
    expect(await counts(article.documentId)).toEqual([1, 1]);
  });

  it('deletes an article’s comments with the article, as WordPress does', async () => {
    const article = await publishedArticle(app, 'Supprimé pour de bon');
    await storedComment(app, article.documentId);
    await storedComment(app, article.documentId, { commentStatus: 'spam' });
    const before = await countComments(app);
    await articles().delete({ documentId: article.documentId, locale: '*' });
    expect(await countComments(app)).toBe(before - 2);
  });

  it('ignores a count sent by an editor: it is the server’s to keep', async () => {
    const article = await publishedArticle(app, 'Compte forcé');
    await storedComment(app, article.documentId);
    await request(app.server)
      .put(`/api/articles/${article.documentId}`)
      .query({ locale: 'fr' })
      .set('Authorization', `Bearer ${token}`)
      .send({ data: { commentCount: 999 } })
      .expect(200);
    await articles().publish({ documentId: article.documentId, locale: 'fr' });
    expect(await counts(article.documentId)).toEqual([1, 1]);
  });

  it('is read-only in the article’s edit view', async () => {
    const response = await asEditor(request(app.server).get(`/content-manager/content-types/${ARTICLE}/configuration`)).expect(200);
    expect(response.body.data.contentType.metadatas.commentCount.edit.editable).toBe(false);
  });

  it('does not mark the article as edited when one of its comments is approved', async () => {
    const article = await publishedArticle(app, 'Pas modifié');
    const before = await app.strapi.db.query(ARTICLE as any).findMany({ where: { documentId: article.documentId }, select: ['updatedAt'] });
    const comment = await storedComment(app, article.documentId, { commentStatus: 'pending' });
    await comments().update({ documentId: comment.documentId, data: { commentStatus: 'approved' } });
    const after = await app.strapi.db.query(ARTICLE as any).findMany({ where: { documentId: article.documentId }, select: ['updatedAt', 'commentCount'] });
    expect(after.map((row: any) => new Date(row.updatedAt).getTime())).toEqual(before.map((row: any) => new Date(row.updatedAt).getTime()));
    expect(after.map((row: any) => row.commentCount)).toEqual([1, 1]);
  });

  it('shows the count to readers over GraphQL too', async () => {
    const article = await publishedArticle(app, 'Compté en GraphQL');
    await storedComment(app, article.documentId);
    await storedComment(app, article.documentId, { commentStatus: 'pending' });
    const response = await request(app.server)
      .post('/graphql')
      .send({ query: 'query ($id: ID!) { article(documentId: $id, locale: "fr") { commentCount } }', variables: { id: article.documentId } });
    expect(response.body.data.article.commentCount).toBe(1);
  });
});
