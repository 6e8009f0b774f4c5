import path from 'node:path';
import request from 'supertest';
import { newsroom } from '../../helpers/fixtures';
import type { TestApp } from '../../helpers/strapi';
import { ARTICLE, bootCommentsApp, COMMENT, publicThread, publishedArticle, storedComment } from './support';

/**
 * insertComments writes a thread in a few set-based statements (the WordPress import's
 * comments). Whatever reads comments afterwards (readers, editors, the count, the change log,
 * a later publication of the article) must not be able to tell its rows from those an editor's
 * create through the document service stores.
 */
describe('comments written in bulk are stored as an editor create stores them', () => {
  let app: TestApp;
  let insertComments: (strapi: unknown, trx: unknown, article: string, comments: unknown[]) => Promise<Map<string | number, string>>;
  let recordingChanges: (strapi: unknown, trx: unknown, action: string, coarser: (tag: string) => string | null, work: () => Promise<unknown>) => Promise<unknown>;
  let token: string;

  const knex = () => app.strapi.db.connection;
  const meta = () => app.strapi.db.metadata.get(COMMENT as any) as any;
  const inBulk = (article: string, comments: unknown[]) =>
    app.strapi.db.transaction(({ trx }) => recordingChanges(app.strapi, trx, 'test:bulk', () => null, () => insertComments(app.strapi, trx, article, comments))) as unknown as Promise<Map<string | number, string>>;
  const aComment = (key: number, fields: Record<string, unknown> = {}) => ({
    key,
    parent: null,
    depth: 1,
    authorName: 'Lectrice',
    authorEmail: 'lectrice@example.org',
    body: 'Merci pour https://example.org/page.\n\nDeuxième paragraphe.',
    commentStatus: 'approved',
    ipHash: 'a'.repeat(64),
    createdAt: new Date('2020-01-03T08:00:00Z'),
    moderationReason: 'approved by an editor',
    ...fields,
  });
  const rowOf = async (documentId: string) => (await knex()('comments').where({ document_id: documentId }))[0];
  const linksOf = async (attribute: 'article' | 'parent', commentRowId: number) => {
    const { name, joinColumn, inverseJoinColumn, inverseOrderColumnName } = meta().attributes[attribute].joinTable;
    const rows = await knex()(name).where(joinColumn.name, commentRowId).orderBy(inverseJoinColumn.name);
    return rows.map((row: any) => ({ target: Number(row[inverseJoinColumn.name]), order: inverseOrderColumnName ? Number(row[inverseOrderColumnName]) : null }));
  };
  const lastChange = async () => {
    const answer = await request(app.server).get('/api/changes').query({ limit: 1000 }).set('Authorization', `Bearer ${token}`).expect(200);
    return answer.body.data.at(-1);
  };

  beforeAll(async () => {
    app = await bootCommentsApp();
    await newsroom(app).site();
    const dist = app.strapi.dirs.dist.root;
    ({ insertComments } = require(path.join(dist, 'src/strapi/comments/insert-comments.js')));
    ({ recordingChanges } = require(path.join(dist, 'src/strapi/delivery/change-log.js')));
    const created: any = await app.strapi.service('admin::api-token').create({ name: `bulk-${Date.now()}`, type: 'full-access', lifespan: null });
    token = created.accessKey;
  });
  afterAll(async () => {
    await app?.stop();
  });

  it('stores the same columns and links, placed after the comments already there', async () => {
    const article = await publishedArticle(app, 'Commentaires en nombre');
    const byEditor = await storedComment(app, article.documentId, {
      authorName: 'Lectrice',
      authorEmail: 'lectrice@example.org',
      body: 'Merci pour https://example.org/page.\n\nDeuxième paragraphe.',
      commentStatus: 'approved',
    });
    const made = await inBulk(article.documentId, [aComment(1)]);
    const editorRow = await rowOf(byEditor.documentId);
    const bulkRow = await rowOf(made.get(1)!);

    const differing = ['id', 'document_id', 'created_at', 'updated_at', 'published_at', 'moderation_reason', 'ip_hash'];
    const without = (row: Record<string, unknown>) => Object.fromEntries(Object.entries(row).filter(([column]) => !differing.includes(column)));
    expect(without(bulkRow)).toEqual(without(editorRow));
    expect(bulkRow.body_html).toContain('rel="nofollow ugc noopener"');
    expect(bulkRow.published_at).not.toBeNull();
    expect(new Date(bulkRow.created_at).toISOString()).toBe('2020-01-03T08:00:00.000Z');

    // Linked to the same article rows (the draft and the published one), one place further along.
    const editorLinks = await linksOf('article', editorRow.id);
    const bulkLinks = await linksOf('article', bulkRow.id);
    expect(editorLinks).toHaveLength(2);
    expect(bulkLinks.map((link: any) => link.target)).toEqual(editorLinks.map((link: any) => link.target));
    if (editorLinks[0].order !== null) expect(bulkLinks.map((link: any) => link.order)).toEqual(editorLinks.map((link: any) => link.order + 1));
  });

  it('keeps threads, to comments of the same call and to stored ones', async () => {
    const article = await publishedArticle(app, 'Fil importé');
    const stored = await storedComment(app, article.documentId);
    const made = await inBulk(article.documentId, [
      aComment(1),
      aComment(2, { parent: { key: 1 }, depth: 2 }),
      aComment(3, { parent: { documentId: stored.documentId }, depth: 2 }),
    ]);
    const reply = await rowOf(made.get(2)!);
    const answer = await rowOf(made.get(3)!);
    expect(reply).toMatchObject({ parent_document_id: made.get(1), depth: 2 });
    expect(answer).toMatchObject({ parent_document_id: stored.documentId, depth: 2 });
    expect((await linksOf('parent', reply.id)).map((link: any) => link.target)).toEqual([(await rowOf(made.get(1)!)).id]);
    expect((await linksOf('parent', answer.id)).map((link: any) => link.target)).toEqual([(await rowOf(stored.documentId)).id]);
    // Relations read through Strapi, as the Content Manager and populate read them.
    const populated = await app.strapi.db.query(COMMENT as any).findOne({ where: { documentId: made.get(2) }, populate: { parent: true, article: true } });
    expect(populated.parent.documentId).toBe(made.get(1));
    expect(populated.article.documentId).toBe(article.documentId);
  });

  it('recounts the article, shows approved comments to readers only, and logs one change', async () => {
    const article = await publishedArticle(app, 'Compté une fois');
    await inBulk(article.documentId, [aComment(1), aComment(2, { parent: { key: 1 }, depth: 2 }), aComment(3, { commentStatus: 'pending' }), aComment(4, { commentStatus: 'spam' })]);
    const rows = await newsroom(app).articleRows(article.documentId);
    expect(rows.map((row: any) => row.commentCount)).toEqual([2, 2]);
    const thread = (await publicThread(app, article.documentId).expect(200)).body.data;
    expect(thread.map((comment: any) => comment.depth)).toEqual([1, 2]);
    expect(JSON.stringify(thread)).not.toContain('lectrice@example.org');
    const change = await lastChange();
    expect(change.tags).toEqual(expect.arrayContaining([`comments:${article.documentId}`, `article:${article.documentId}`]));
  });

  it('keeps the comments on the article through a new publication and its unpublication', async () => {
    const article = await publishedArticle(app, 'Republié');
    const made = await inBulk(article.documentId, [aComment(1), aComment(2, { parent: { key: 1 }, depth: 2 })]);
    const documents = app.strapi.documents(ARTICLE as any) as any;
    await documents.update({ documentId: article.documentId, locale: 'fr', data: { title: 'Republié, corrigé' } });
    await documents.publish({ documentId: article.documentId, locale: 'fr' });
    expect((await publicThread(app, article.documentId).expect(200)).body.data.map((comment: any) => comment.documentId)).toEqual([made.get(1), made.get(2)]);
    expect((await newsroom(app).articleRows(article.documentId)).map((row: any) => row.commentCount)).toEqual([2, 2]);
    await documents.unpublish({ documentId: article.documentId, locale: 'fr' });
    await documents.publish({ documentId: article.documentId, locale: 'fr' });
    expect((await publicThread(app, article.documentId).expect(200)).body.data).toHaveLength(2);
  });

  it('writes nothing when a parent is missing', async () => {
    const article = await publishedArticle(app, 'Rien à moitié');
    const before = await app.strapi.db.query(COMMENT as any).count({});
    await expect(inBulk(article.documentId, [aComment(1), aComment(2, { parent: { key: 99 }, depth: 2 })])).rejects.toThrow(/parent of comment 2/);
    await expect(inBulk(article.documentId, [aComment(1, { parent: { documentId: 'nothing-like-this' }, depth: 2 })])).rejects.toThrow(/nothing-like-this/);
    expect(await app.strapi.db.query(COMMENT as any).count({})).toBe(before);
  });
});
