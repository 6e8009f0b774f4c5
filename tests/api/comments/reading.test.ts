import request from 'supertest';
import { createUserJwt } from '../../helpers/agents';
import { newsroom } from '../../helpers/fixtures';
import type { TestApp } from '../../helpers/strapi';
import { ARTICLE, bootCommentsApp, COMMENT, graphqlAs, ipHashOf, publicThread, publishedArticle, storedComment } from './support';

const ids = (response: request.Response) => response.body.data.map((comment: { documentId: string }) => comment.documentId);

describe('reading comments: approved ones only, oldest first, nothing private', () => {
  let app: TestApp;
  let article: { documentId: string };
  let other: { documentId: string };
  let visible: string[];
  let hidden: Record<string, string>;
  let jwt: string;

  beforeAll(async () => {
    app = await bootCommentsApp();
    await newsroom(app).site();
    article = await publishedArticle(app, 'Lu et commenté');
    other = await publishedArticle(app, 'Un autre article');

    const later = await storedComment(app, article.documentId, {
      authorName: 'Posted first, dated last',
      authorEmail: 'first@example.org',
      ipHash: ipHashOf('192.0.2.1'),
      userAgent: 'Agent/1',
    });
    const earliest = await storedComment(app, article.documentId, { authorName: 'Earliest', authorEmail: 'earliest@example.org' });
    const reply = await storedComment(app, article.documentId, { authorName: 'Reply', parent: earliest.documentId });
    hidden = {
      pending: (await storedComment(app, article.documentId, { commentStatus: 'pending' })).documentId,
      spam: (await storedComment(app, article.documentId, { commentStatus: 'spam' })).documentId,
      trash: (await storedComment(app, article.documentId, { commentStatus: 'trash' })).documentId,
    };
    await storedComment(app, other.documentId, { authorName: 'Elsewhere' });

    // Row order and date order differ, so "oldest first" is really about dates.
    const base = Date.now() - 3_600_000;
    const date = (documentId: string, minutes: number) =>
      app.strapi.db.query(COMMENT as any).update({ where: { documentId }, data: { createdAt: new Date(base + minutes * 60_000) } });
    await date(earliest.documentId, 1);
    await date(reply.documentId, 2);
    await date(later.documentId, 3);
    visible = [earliest.documentId, reply.documentId, later.documentId];
    jwt = (await createUserJwt(app)).jwt;
  });
  afterAll(async () => {
    await app?.stop();
  });

  it('lists an article’s approved comments, oldest first, with what a frontend needs to draw the thread', async () => {
    const response = await publicThread(app, article.documentId).expect(200);
    expect(ids(response)).toEqual(visible);
    expect(response.body.meta.pagination.total).toBe(3);
    const reply = response.body.data[1];
    expect(reply).toMatchObject({
      documentId: visible[1],
      authorName: 'Reply',
      body: expect.any(String),
      bodyHtml: expect.stringMatching(/^<p>/),
      createdAt: expect.any(String),
      parentDocumentId: visible[0],
      depth: 2,
    });
    for (const comment of response.body.data) {
      for (const secret of ['authorEmail', 'ipHash', 'userAgent', 'moderationReason', 'user', 'parent']) {
        expect(comment).not.toHaveProperty(secret);
      }
    }
  });

  it('shows a signed-in reader exactly what Public sees, over REST and GraphQL', async () => {
    const asReader = await publicThread(app, article.documentId).set('Authorization', `Bearer ${jwt}`).expect(200);
    expect(ids(asReader)).toEqual(visible);
    const viaGraphql = await graphqlAs(
      app,
      'query ($id: ID!) { comments(filters: { article: { documentId: { eq: $id } } }) { documentId } }',
      { id: article.documentId },
      { jwt }
    );
    expect(viaGraphql.body.data.comments.map((c: { documentId: string }) => c.documentId)).toEqual(visible);
  });

  it('returns the same comments, in the same order, through GraphQL', async () => {
    const response = await graphqlAs(
      app,
      'query ($id: ID!) { comments(filters: { article: { documentId: { eq: $id } } }) { documentId authorName bodyHtml createdAt parentDocumentId depth } }',
      { id: article.documentId }
    );
    expect(response.body.errors).toBeUndefined();
    expect(response.body.data.comments.map((c: { documentId: string }) => c.documentId)).toEqual(visible);
    expect(response.body.data.comments[1]).toMatchObject({ parentDocumentId: visible[0], depth: 2 });
  });

  it('counts only approved comments in the GraphQL connection', async () => {
    const response = await graphqlAs(
      app,
      'query ($id: ID!) { comments_connection(filters: { article: { documentId: { eq: $id } } }) { pageInfo { total } } }',
      { id: article.documentId }
    );
    expect(response.body.data.comments_connection.pageInfo.total).toBe(3);
  });

  it.each(['pending', 'spam', 'trash'])('hides a %s comment, even asked for by status or by documentId', async (status) => {
    const byStatus = await publicThread(app, article.documentId, { 'filters[commentStatus][$eq]': status }).expect(200);
    expect(byStatus.body.data).toEqual([]);
    await request(app.server).get(`/api/comments/${hidden[status]}`).expect(404);
    const viaGraphql = await graphqlAs(app, 'query ($id: ID!) { comment(documentId: $id) { documentId } }', { id: hidden[status] });
    expect(viaGraphql.body.data.comment).toBeNull();
  });

  it('lists no comment of another article', async () => {
    const response = await publicThread(app, other.documentId).expect(200);
    expect(response.body.data.map((c: { authorName: string }) => c.authorName)).toEqual(['Elsewhere']);
  });

  it('lets a reader choose another order on the comment’s own fields', async () => {
    const response = await publicThread(app, article.documentId, { sort: 'createdAt:desc' }).expect(200);
    expect(ids(response)).toEqual([...visible].reverse());
  });

  describe('private fields cannot be used as an oracle', () => {
    // The same query, once with the true value of a private field and once with a false one,
    // must get the very same answer: otherwise a reader could guess an email or an IP hash.
    const oracle = async (query: Record<string, unknown>, falseQuery: Record<string, unknown>) => {
      const truth = await publicThread(app, article.documentId, query);
      const lie = await publicThread(app, article.documentId, falseQuery);
      expect({ status: truth.status, body: truth.body }).toEqual({ status: lie.status, body: lie.body });
    };

    it.each([
      ['authorEmail', 'first@example.org', 'nobody@example.org'],
      ['ipHash', ipHashOf('192.0.2.1'), ipHashOf('192.0.2.2')],
      ['userAgent', 'Agent/1', 'Agent/2'],
      ['moderationReason', 'approved by an editor', 'nothing'],
    ])('a filter on %s does not change the result', async (field, truth, lie) => {
      await oracle({ [`filters[${field}][$eq]`]: truth }, { [`filters[${field}][$eq]`]: lie });
      await oracle({ [`filters[${field}][$startsWith]`]: truth.slice(0, 3) }, { [`filters[${field}][$startsWith]`]: 'zzz' });
      await oracle({ [`filters[$or][0][${field}][$eq]`]: truth }, { [`filters[$or][0][${field}][$eq]`]: lie });
    });

    it('a filter through the private parent or user relations does not change the result', async () => {
      await oracle({ 'filters[parent][authorEmail][$eq]': 'earliest@example.org' }, { 'filters[parent][authorEmail][$eq]': 'x@example.org' });
      await oracle({ 'filters[user][email][$null]': 'true' }, { 'filters[user][email][$notNull]': 'true' });
    });

    it('sorting on a private field does not change the order', async () => {
      await oracle({ sort: 'authorEmail:asc' }, { sort: 'authorEmail:desc' });
      await oracle({ sort: 'ipHash:asc' }, { sort: 'ipHash:desc' });
    });

    it('GraphQL offers no private field to filter on', async () => {
      const response = await graphqlAs(app, '{ comments(filters: { authorEmail: { eq: "first@example.org" } }) { documentId } }');
      expect(response.body.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    });
  });

  describe('drafts stay out of reach through comments', () => {
    let draftedArticle: { documentId: string };
    beforeAll(async () => {
      draftedArticle = await publishedArticle(app, 'Titre publié');
      await storedComment(app, draftedArticle.documentId, { authorName: 'Sur la version publiée' });
      await (app.strapi.documents(ARTICLE as any) as any).update({
        documentId: draftedArticle.documentId,
        locale: 'fr',
        data: { title: 'Titre sous embargo' },
      });
    });

    it('populates the published version of the article, even when asked for drafts', async () => {
      for (const query of [{}, { status: 'draft' }]) {
        const response = await publicThread(app, draftedArticle.documentId, { ...query, 'populate[article][fields][0]': 'title' }).expect(200);
        expect(response.body.data.map((c: any) => c.article.title)).toEqual(['Titre publié']);
      }
      const viaGraphql = await graphqlAs(
        app,
        'query ($id: ID!) { comments(filters: { article: { documentId: { eq: $id } } }) { article { title } } }',
        { id: draftedArticle.documentId }
      );
      expect(viaGraphql.body.data.comments).toEqual([{ article: { title: 'Titre publié' } }]);
    });

    it('answers a new comment with the published version too, and a moderator as well', async () => {
      const posted = await request(app.server)
        .post('/api/comments')
        .query({ status: 'draft', 'populate[article][fields][0]': 'title' })
        .set('X-Forwarded-For', '198.51.200.1')
        .send({ data: { article: draftedArticle.documentId, authorName: 'A', authorEmail: 'draft.prober@example.org', body: 'Probe' } })
        .expect(201);
      expect(posted.body.data.article.title).toBe('Titre publié');

      const moderator = await createUserJwt(app, 'moderator');
      const asModerator = await request(app.server)
        .get('/api/comments')
        .query({ status: 'draft', 'populate[article][fields][0]': 'title', 'filters[article][documentId][$eq]': draftedArticle.documentId })
        .set('Authorization', `Bearer ${moderator.jwt}`)
        .expect(200);
      expect(new Set(asModerator.body.data.map((c: any) => c.article.title))).toEqual(new Set(['Titre publié']));
      const byDraftTitle = await request(app.server)
        .get('/api/comments')
        .query({ 'filters[article][title][$eq]': 'Titre sous embargo' })
        .set('Authorization', `Bearer ${moderator.jwt}`)
        .expect(200);
      expect(byDraftTitle.body.data).toEqual([]);
    });

    it('does not match a filter on what only the draft says', async () => {
      const byDraft = await request(app.server).get('/api/comments').query({ 'filters[article][title][$eq]': 'Titre sous embargo' }).expect(200);
      expect(byDraft.body.data).toEqual([]);
      const byPublished = await request(app.server).get('/api/comments').query({ 'filters[article][title][$eq]': 'Titre publié' }).expect(200);
      expect(byPublished.body.data).toHaveLength(1);
    });

    it('hides the comments of an unpublished article, and shows them again once it is republished', async () => {
      const articles = app.strapi.documents(ARTICLE as any) as any;
      await articles.unpublish({ documentId: draftedArticle.documentId, locale: 'fr' });
      expect((await publicThread(app, draftedArticle.documentId).expect(200)).body.data).toEqual([]);
      expect((await request(app.server).get('/api/comments').expect(200)).body.data.map((c: any) => c.authorName)).not.toContain(
        'Sur la version publiée'
      );
      await articles.publish({ documentId: draftedArticle.documentId, locale: 'fr' });
      expect((await publicThread(app, draftedArticle.documentId).expect(200)).body.data).toHaveLength(1);
    });
  });
});
