import request from 'supertest';
import { createUserJwt, loginAsAdminWith, loginAsSuperAdmin } from '../../helpers/agents';
import { newsroom } from '../../helpers/fixtures';
import type { TestApp } from '../../helpers/strapi';
import { bootCommentsApp, COMMENT, commentRow, graphqlAs, nextIp, publicThread, publishedArticle, storedComment, useRules } from './support';

const RECEIPT = { data: { received: true } };

describe('abuse reports: POST /api/comments/:documentId/report and GraphQL reportComment', () => {
  let app: TestApp;
  let article: string;
  let admin: string;

  const report = (documentId: string, data: unknown, options: { ip?: string; jwt?: string } = {}) => {
    const call = request(app.server).post(`/api/comments/${documentId}/report`).set('X-Forwarded-For', options.ip ?? nextIp());
    return (options.jwt ? call.set('Authorization', `Bearer ${options.jwt}`) : call).send({ data });
  };
  const reportByGraphql = (documentId: string, reason: string, options: { ip?: string; jwt?: string; note?: string } = {}) =>
    graphqlAs(
      app,
      'mutation ($id: ID!, $reason: String!, $note: String) { reportComment(documentId: $id, reason: $reason, note: $note) { received } }',
      { id: documentId, reason, note: options.note ?? null },
      { ip: options.ip ?? nextIp(), jwt: options.jwt }
    );
  const articleCount = async (documentId: string) => (await newsroom(app).articleRows(documentId)).find((row: any) => row.publishedAt).commentCount;

  // Reports from one address come one per COMMENT_FLOOD_SECONDS: each report below comes from a
  // fresh address unless the test is about that limit.
  beforeAll(async () => {
    app = await bootCommentsApp();
    admin = await loginAsSuperAdmin(app);
    await newsroom(app).site();
    article = (await publishedArticle(app, 'Signalements')).documentId;
  });
  afterAll(async () => {
    await app?.stop();
  });

  it('takes a report through every door and counts it, privately, with its reason', async () => {
    const comment = await storedComment(app, article);
    const reader = await createUserJwt(app);
    await report(comment.documentId, { reason: 'spam' }).expect(202, RECEIPT);
    await report(comment.documentId, { reason: 'harassment', note: 'Insulte un autre lecteur.' }, { jwt: reader.jwt }).expect(202, RECEIPT);
    expect((await reportByGraphql(comment.documentId, 'harassment')).body).toEqual({ data: { reportComment: { received: true } } });
    expect((await reportByGraphql(comment.documentId, 'other', { jwt: (await createUserJwt(app)).jwt })).body.errors).toBeUndefined();
    // At three open reports it was held back; the fourth still counts.
    expect(await commentRow(app, comment.documentId)).toMatchObject({ reportCount: 4, reportReasons: 'harassment ×2, spam, other', commentStatus: 'pending' });
  });

  it('answers the same, status and body, for an unknown comment, a held one, and a repeat', async () => {
    const comment = await storedComment(app, article);
    const pending = await storedComment(app, article, { commentStatus: 'pending' });
    const ip = nextIp();
    const restore = useRules(app, { floodIntervalSeconds: 0 });
    try {
      const answers = [
        await report(comment.documentId, { reason: 'spam' }, { ip }),
        await report(comment.documentId, { reason: 'spam' }, { ip }),
        await report('nosuchcomment00000000000', { reason: 'spam' }, { ip }),
        await report(pending.documentId, { reason: 'spam' }, { ip }),
      ];
      for (const answer of answers) {
        expect(answer.status).toBe(202);
        expect(answer.body).toEqual(RECEIPT);
        expect(answer.headers['content-length']).toBe(answers[0].headers['content-length']);
      }
    } finally {
      restore();
    }
    // One report per reader per comment: the repeat changed nothing.
    expect((await commentRow(app, comment.documentId)).reportCount).toBe(1);
  });

  it('takes about as long for a comment that does not exist as for one that does', async () => {
    const comment = await storedComment(app, article);
    const time = async (documentId: string) => {
      const started = process.hrtime.bigint();
      await report(documentId, { reason: 'off-topic' }).expect(202);
      return Number(process.hrtime.bigint() - started) / 1e6;
    };
    const known: number[] = [];
    const unknown: number[] = [];
    for (let i = 0; i < 15; i += 1) {
      known.push(await time(comment.documentId));
      unknown.push(await time(`nosuchcomment${String(i).padStart(11, '0')}`));
    }
    const median = (values: number[]) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)];
    // Loose on purpose (a shared CI machine): the same queries run either way, so neither is
    // several times the other.
    expect(median(known)).toBeLessThan(median(unknown) * 3 + 5);
    expect(median(unknown)).toBeLessThan(median(known) * 3 + 5);
  });

  it('holds a reader back to one report per COMMENT_FLOOD_SECONDS, whatever the comments', async () => {
    const comment = await storedComment(app, article);
    const ip = nextIp();
    await report('nosuchcomment00000000000', { reason: 'spam' }, { ip }).expect(202);
    const second = await report(comment.documentId, { reason: 'spam' }, { ip }).expect(429);
    expect(Number(second.headers['retry-after'])).toBeGreaterThan(0);
    expect((await commentRow(app, comment.documentId)).reportCount).toBe(0);
    const graph = await reportByGraphql(comment.documentId, 'spam', { ip });
    expect(graph.body.errors[0].extensions.code).toBe('STRAPI_RATE_LIMIT_ERROR');
  });

  it('sends an approved comment back to pending at COMMENT_REPORTS_TO_HOLD, off every public answer at once', async () => {
    const comment = await storedComment(app, article, { body: 'Propos signalé.' });
    const count = await articleCount(article);
    expect(JSON.stringify((await publicThread(app, article).expect(200)).body)).toContain('Propos signalé.');
    expect((await publicThread(app, article)).headers['x-cache']).toBe('HIT');
    for (const reason of ['hate', 'hate']) await report(comment.documentId, { reason }).expect(202);
    expect((await commentRow(app, comment.documentId)).commentStatus).toBe('approved');
    await report(comment.documentId, { reason: 'harassment' }).expect(202);
    expect(await commentRow(app, comment.documentId)).toMatchObject({ commentStatus: 'pending', moderationReason: 'held: 3 reader reports', reportReasons: 'hate ×2, harassment' });
    expect(JSON.stringify((await publicThread(app, article).expect(200)).body)).not.toContain('Propos signalé.');
    expect(JSON.stringify((await request(app.server).get('/api/comment-threads').query({ article }).expect(200)).body)).not.toContain('Propos signalé.');
    expect(await articleCount(article)).toBe(count - 1);
  });

  it('lets moderators see reports in the queue, dismiss them, or approve the comment, which dismisses them', async () => {
    const held = await storedComment(app, article);
    const kept = await storedComment(app, article);
    for (const documentId of [held.documentId, held.documentId, held.documentId, kept.documentId]) await report(documentId, { reason: 'spam' }).expect(202);

    const cm = `/content-manager/collection-types/${COMMENT}`;
    const configuration = await request(app.server).get(`/content-manager/content-types/${COMMENT}/configuration`).set('Authorization', `Bearer ${admin}`).expect(200);
    expect(configuration.body.data.contentType.layouts.list).toEqual(expect.arrayContaining(['reportCount', 'reportReasons']));
    const reported = await request(app.server).get(cm).query({ 'filters[$and][0][reportCount][$gt]': 0, pageSize: 100 }).set('Authorization', `Bearer ${admin}`).expect(200);
    expect(reported.body.results.map((c: any) => c.documentId)).toEqual(expect.arrayContaining([held.documentId, kept.documentId]));
    expect(reported.body.results.every((c: any) => c.reportCount > 0)).toBe(true);

    // Dismissing keeps the status; it needs the update permission.
    const reader = await loginAsAdminWith(app, [{ action: 'plugin::content-manager.explorer.read', subject: COMMENT }]);
    await request(app.server).post(`/colophon/comments/${kept.documentId}/dismiss-reports`).set('Authorization', `Bearer ${reader}`).expect(403);
    await request(app.server).post(`/colophon/comments/${kept.documentId}/dismiss-reports`).expect(401);
    await request(app.server).post('/colophon/comments/nosuchcomment00000000000/dismiss-reports').set('Authorization', `Bearer ${admin}`).expect(404);
    const dismissed = await request(app.server).post(`/colophon/comments/${kept.documentId}/dismiss-reports`).set('Authorization', `Bearer ${admin}`).expect(200);
    expect(dismissed.body).toEqual({ data: { dismissed: 1 } });
    expect(await commentRow(app, kept.documentId)).toMatchObject({ reportCount: 0, reportReasons: null, commentStatus: 'approved' });

    // Approving the held one, as the one-click moderation does, dismisses its reports.
    await request(app.server).put(`${cm}/${held.documentId}`).set('Authorization', `Bearer ${admin}`).send({ commentStatus: 'approved' }).expect(200);
    expect(await commentRow(app, held.documentId)).toMatchObject({ reportCount: 0, commentStatus: 'approved' });
    // A reader whose report was dismissed cannot report the same comment again.
    const ip = nextIp();
    await report(kept.documentId, { reason: 'spam' }, { ip }).expect(202);
    expect((await commentRow(app, kept.documentId)).reportCount).toBe(1);
  });

  it('refuses a malformed report with a 400 naming the field, through REST and GraphQL', async () => {
    const comment = await storedComment(app, article);
    for (const [data, field] of [
      [{}, 'reason'],
      [{ reason: 'boring' }, 'reason'],
      [{ reason: 'spam', note: 'x'.repeat(501) }, 'note'],
      [{ reason: 'spam', commentStatus: 'trash' }, 'commentStatus'],
    ] as const) {
      const response = await report(comment.documentId, data).expect(400);
      expect(response.body.error.details.errors[0].path).toEqual([field]);
    }
    const graph = await reportByGraphql(comment.documentId, 'boring');
    expect(graph.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    expect((await commentRow(app, comment.documentId)).reportCount).toBe(0);
  });

  it("keeps reporters private: an export shows a reader's own reports, an erasure removes them from the reports", async () => {
    const comment = await storedComment(app, article);
    const reader = await createUserJwt(app);
    await report(comment.documentId, { reason: 'personal-data', note: 'Mon adresse y figure.' }, { jwt: reader.jwt }).expect(202);
    const exported = (await request(app.server).post('/colophon/personal-data/export').set('Authorization', `Bearer ${admin}`).send({ userId: reader.id }).expect(200)).body.data;
    expect(exported.reports).toEqual([expect.objectContaining({ commentDocumentId: comment.documentId, reason: 'personal-data', note: 'Mon adresse y figure.' })]);
    await request(app.server).post('/colophon/personal-data/erase').set('Authorization', `Bearer ${admin}`).send({ userId: reader.id }).expect(200);
    const rows = await app.strapi.db.connection('colophon_comment_reports').where('comment_document_id', comment.documentId);
    expect(rows).toEqual([expect.objectContaining({ user_id: null, note: null, reason: 'personal-data' })]);
    expect((await commentRow(app, comment.documentId)).reportCount).toBe(1);
  });
});
