import request from 'supertest';
import { createFullAccessToken, createUserJwt, loginAsSuperAdmin } from '../../helpers/agents';
import { newsroom } from '../../helpers/fixtures';
import { bootStrapi, type TestApp } from '../../helpers/strapi';
import { ARTICLE, bootCommentsApp, COMMENT, commentRow, graphqlAs, publicThread, publishedArticle, storedComment } from './support';

describe('moderating comments', () => {
  let app: TestApp;
  let article: { documentId: string };
  let moderator: { jwt: string };
  let reader: { jwt: string };
  let adminJwt: string;
  let token: string;
  const count = async () => (await app.strapi.db.query(ARTICLE as any).findOne({ where: { documentId: article.documentId } })).commentCount;

  beforeAll(async () => {
    app = await bootCommentsApp();
    await newsroom(app).site();
    article = await publishedArticle(app, 'À modérer');
    moderator = await createUserJwt(app, 'moderator');
    reader = await createUserJwt(app, 'authenticated');
    adminJwt = await loginAsSuperAdmin(app);
    token = await createFullAccessToken(app);
  });
  afterAll(async () => {
    await app?.stop();
  });

  describe('a Moderator (users-permissions role)', () => {
    it('sees the comments waiting for review, which readers do not', async () => {
      const pending = await storedComment(app, article.documentId, { commentStatus: 'pending' });
      const asModerator = await publicThread(app, article.documentId, { 'filters[commentStatus][$eq]': 'pending' })
        .set('Authorization', `Bearer ${moderator.jwt}`)
        .expect(200);
      expect(asModerator.body.data.map((c: { documentId: string }) => c.documentId)).toContain(pending.documentId);
      expect(asModerator.body.data[0]).not.toHaveProperty('authorEmail');
    });

    it('approves a comment over REST: it becomes public and is counted', async () => {
      const pending = await storedComment(app, article.documentId, { commentStatus: 'pending' });
      const before = await count();
      const response = await request(app.server)
        .put(`/api/comments/${pending.documentId}`)
        .set('Authorization', `Bearer ${moderator.jwt}`)
        .send({ data: { commentStatus: 'approved' } })
        .expect(200);
      expect(response.body.data.commentStatus).toBe('approved');
      expect(response.body.data).not.toHaveProperty('moderationReason');
      expect(await count()).toBe(before + 1);
      const listed = await publicThread(app, article.documentId).expect(200);
      expect(listed.body.data.map((c: { documentId: string }) => c.documentId)).toContain(pending.documentId);
      expect((await commentRow(app, pending.documentId)).moderationReason).toMatch(/^approved by moderator /);
    });

    it('marks a comment as spam over GraphQL', async () => {
      const approved = await storedComment(app, article.documentId);
      const before = await count();
      const response = await graphqlAs(
        app,
        'mutation ($id: ID!) { updateComment(documentId: $id, data: { commentStatus: spam }) { documentId commentStatus } }',
        { id: approved.documentId },
        { jwt: moderator.jwt }
      );
      expect(response.body.errors).toBeUndefined();
      expect(response.body.data.updateComment.commentStatus).toBe('spam');
      expect(await count()).toBe(before - 1);
    });

    it.each([
      ['body', { body: 'Rewritten by the moderator' }],
      ['authorName', { authorName: 'Someone else' }],
      ['the status together with the body', { commentStatus: 'approved', body: 'Sneaky' }],
    ])('may not change %s: 403, and nothing changes', async (_what, data) => {
      const comment = await storedComment(app, article.documentId, { commentStatus: 'pending' });
      const before = await commentRow(app, comment.documentId);
      const response = await request(app.server)
        .put(`/api/comments/${comment.documentId}`)
        .set('Authorization', `Bearer ${moderator.jwt}`)
        .send({ data })
        .expect(403);
      expect(response.body.error.message).toMatch(/only commentStatus/);
      const after = await commentRow(app, comment.documentId);
      expect({ body: after.body, authorName: after.authorName, commentStatus: after.commentStatus }).toEqual({
        body: before.body,
        authorName: before.authorName,
        commentStatus: before.commentStatus,
      });
    });

    it('may not change the content over GraphQL either', async () => {
      const comment = await storedComment(app, article.documentId, { commentStatus: 'pending' });
      const response = await graphqlAs(
        app,
        'mutation ($id: ID!) { updateComment(documentId: $id, data: { body: "Rewritten" }) { documentId } }',
        { id: comment.documentId },
        { jwt: moderator.jwt }
      );
      expect(response.body.errors[0].extensions.code).toBe('FORBIDDEN');
      expect((await commentRow(app, comment.documentId)).body).toBe(comment.body);
    });

    it('may not delete comments', async () => {
      const comment = await storedComment(app, article.documentId);
      await request(app.server).delete(`/api/comments/${comment.documentId}`).set('Authorization', `Bearer ${moderator.jwt}`).expect(403);
    });
  });

  describe('readers', () => {
    it('may not change a comment’s status, signed in or not', async () => {
      const comment = await storedComment(app, article.documentId, { commentStatus: 'pending' });
      await request(app.server).put(`/api/comments/${comment.documentId}`).send({ data: { commentStatus: 'approved' } }).expect(403);
      await request(app.server)
        .put(`/api/comments/${comment.documentId}`)
        .set('Authorization', `Bearer ${reader.jwt}`)
        .send({ data: { commentStatus: 'approved' } })
        .expect(403);
      const viaGraphql = await graphqlAs(
        app,
        'mutation ($id: ID!) { updateComment(documentId: $id, data: { commentStatus: approved }) { documentId } }',
        { id: comment.documentId },
        { jwt: reader.jwt }
      );
      expect(viaGraphql.body.errors[0].extensions.code).toBe('FORBIDDEN');
      expect((await commentRow(app, comment.documentId)).commentStatus).toBe('pending');
    });
  });

  describe('editors in the Content Manager', () => {
    const cm = (path = '') => `/content-manager/collection-types/${COMMENT}${path}`;
    const asEditor = (call: request.Test) => call.set('Authorization', `Bearer ${adminJwt}`);

    it('get a moderation queue: status shown, newest first, filterable by status', async () => {
      const configuration = await asEditor(request(app.server).get(`/content-manager/content-types/${COMMENT}/configuration`)).expect(200);
      const { layouts, settings, metadatas } = configuration.body.data.contentType;
      expect(layouts.list).toContain('commentStatus');
      expect(settings).toMatchObject({ defaultSortBy: 'createdAt', defaultSortOrder: 'DESC', mainField: 'authorName' });
      expect(metadatas.commentStatus.list.label).toBe('Status');
      for (const derived of ['bodyHtml', 'depth', 'parentDocumentId', 'ipHash', 'userAgent', 'moderationReason']) {
        expect(metadatas[derived].edit.editable).toBe(false);
      }

      const older = await storedComment(app, article.documentId, { commentStatus: 'pending' });
      const newer = await storedComment(app, article.documentId, { commentStatus: 'pending' });
      const queue = await asEditor(
        request(app.server)
          .get(cm())
          .query({ 'filters[$and][0][commentStatus][$eq]': 'pending', sort: 'createdAt:DESC', pageSize: 100 })
      ).expect(200);
      const listed = queue.body.results.map((c: { documentId: string; commentStatus: string }) => c.documentId);
      expect(listed.indexOf(newer.documentId)).toBeLessThan(listed.indexOf(older.documentId));
      expect(new Set(queue.body.results.map((c: { commentStatus: string }) => c.commentStatus))).toEqual(new Set(['pending']));
    });

    it('approve a comment by saving the whole form, as the admin panel does', async () => {
      const comment = await storedComment(app, article.documentId, {
        commentStatus: 'pending',
        moderationReason: 'first comment from this author',
      });
      const before = await count();
      const form = (await asEditor(request(app.server).get(cm(`/${comment.documentId}`))).expect(200)).body.data;
      await asEditor(request(app.server).put(cm(`/${comment.documentId}`)))
        .send({ ...form, commentStatus: 'approved' })
        .expect(200);
      const row = await commentRow(app, comment.documentId);
      expect(row).toMatchObject({ commentStatus: 'approved', moderationReason: 'approved by an editor' });
      expect(await count()).toBe(before + 1);
    });

    it('may correct a comment’s words; the HTML follows', async () => {
      const comment = await storedComment(app, article.documentId);
      await asEditor(request(app.server).put(cm(`/${comment.documentId}`)))
        .send({ body: 'Corrigé : voir https://example.org' })
        .expect(200);
      expect((await commentRow(app, comment.documentId)).bodyHtml).toBe(
        '<p>Corrigé : voir <a href="https://example.org" rel="nofollow ugc noopener">https://example.org</a></p>'
      );
    });

    it('may not move a comment to another article', async () => {
      const comment = await storedComment(app, article.documentId);
      const elsewhere = await publishedArticle(app, 'Ailleurs');
      const response = await asEditor(request(app.server).put(cm(`/${comment.documentId}`)))
        .send({ article: { connect: [{ documentId: elsewhere.documentId, locale: 'fr' }], disconnect: [] } })
        .expect(400);
      expect(response.body.error.message).toMatch(/cannot be moved/);
      expect((await commentRow(app, comment.documentId)).article.documentId).toBe(article.documentId);
    });

    it('may write a staff reply in the admin, threaded and counted', async () => {
      const question = await storedComment(app, article.documentId);
      const before = await count();
      const created = await asEditor(request(app.server).post(cm()))
        .send({
          article: { connect: [{ documentId: article.documentId, locale: 'fr' }] },
          parent: { connect: [{ documentId: question.documentId }] },
          authorName: 'La rédaction',
          authorEmail: 'Redaction@Example.org',
          body: 'Merci, corrigé.',
          commentStatus: 'approved',
        })
        .expect(201);
      const row = await commentRow(app, created.body.data.documentId);
      expect(row).toMatchObject({ depth: 2, parentDocumentId: question.documentId, authorEmail: 'redaction@example.org' });
      expect(await count()).toBe(before + 1);
    });
  });

  it('lets a newsroom script moderate with an API token, and see every status', async () => {
    const comment = await storedComment(app, article.documentId, { commentStatus: 'pending' });
    const all = await request(app.server)
      .get('/api/comments')
      .query({ 'filters[commentStatus][$eq]': 'pending', 'pagination[pageSize]': 100 })
      .set('Authorization', `Bearer ${token}`)
      .expect(200);
    expect(all.body.data.map((c: { documentId: string }) => c.documentId)).toContain(comment.documentId);
    await request(app.server)
      .put(`/api/comments/${comment.documentId}`)
      .set('Authorization', `Bearer ${token}`)
      .send({ data: { commentStatus: 'trash' } })
      .expect(200);
    expect((await commentRow(app, comment.documentId)).commentStatus).toBe('trash');
  });
});

describe('the Moderator role across restarts', () => {
  it('is created once and keeps the permissions an administrator gave it', async () => {
    const first = await bootStrapi();
    const roles = () => first.strapi.db.query('plugin::users-permissions.role');
    const moderator = await roles().findOne({ where: { type: 'moderator' } });
    expect(moderator.name).toBe('Moderator');
    const extra = await first.strapi.db
      .query('plugin::users-permissions.permission')
      .create({ data: { action: 'api::comment.comment.delete', role: moderator.id } });
    await first.stop({ keepDatabase: true });

    const second = await bootStrapi({ database: first.database });
    try {
      expect(await second.strapi.db.query('plugin::users-permissions.role').count({ where: { type: 'moderator' } })).toBe(1);
      const actions = (
        await second.strapi.db.query('plugin::users-permissions.permission').findMany({ where: { role: moderator.id } })
      ).map((p: { action: string }) => p.action);
      expect(actions.filter((a: string) => a === 'api::comment.comment.update')).toHaveLength(1);
      expect(actions).toContain(extra.action);
    } finally {
      await second.stop();
    }
  });
});
