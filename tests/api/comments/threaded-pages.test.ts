import request from 'supertest';
import { newsroom } from '../../helpers/fixtures';
import type { TestApp } from '../../helpers/strapi';
import { bootCommentsApp, COMMENT, graphqlAs, publishedArticle, storedComment } from './support';

const PUBLIC_KEYS = ['authorName', 'body', 'bodyHtml', 'createdAt', 'depth', 'descendantCount', 'documentId', 'parentDocumentId', 'replies', 'replyCount', 'updatedAt'];

interface Seeded {
  documentId: string;
  parentDocumentId: string | null;
  depth: number;
  commentStatus: string;
}

/** Every node of a forest of threads, depth first. */
function flatten(nodes: any[]): any[] {
  return nodes.flatMap((node) => [node, ...flatten(node.replies)]);
}

/** documentIds nested as the answer nests them, for comparing two doors. */
function shape(nodes: any[]): unknown[] {
  return nodes.map((node) => [node.documentId, node.replyCount, shape(node.replies)]);
}

const THREAD_SELECTION = (levels: number): string =>
  levels === 0 ? 'documentId' : `documentId authorName body depth parentDocumentId replyCount descendantCount replies { ${THREAD_SELECTION(levels - 1)} }`;

describe('threaded pages: GET /api/comment-threads and GraphQL commentThreads', () => {
  let app: TestApp;
  let article: string;
  const seeded: Seeded[] = [];
  const threads = (query: Record<string, unknown>) => request(app.server).get('/api/comment-threads').query(query);

  /**
   * 500 comments on one article, written as rows (as an import or another instance would),
   * linked to its published row: 20% top-level, the rest replies to an earlier comment at most four levels
   * deep, one in eight held back (pending, spam or trash). A fixed pseudo-random sequence, so a
   * failure can be replayed.
   */
  async function seedThread(documentId: string, count: number) {
    const rows = await newsroom(app).articleRows(documentId);
    let seed = 42;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    const start = Date.now() - count * 60_000;
    for (let i = 0; i < count; i += 1) {
      const candidates = seeded.filter((c) => c.depth < 5);
      const parent = i === 0 || random() < 0.2 || candidates.length === 0 ? null : candidates[Math.floor(random() * candidates.length)];
      const held = random() < 0.125 ? ['pending', 'spam', 'trash'][i % 3] : 'approved';
      const created = await app.strapi.db.query(COMMENT as any).create({
        data: {
          documentId: `thread${String(i).padStart(4, '0')}${'x'.repeat(14)}`,
          authorName: `Lecteur ${i}`,
          authorEmail: `lecteur${i}@example.org`,
          ipHash: 'f'.repeat(64),
          userAgent: 'Secret/1.0',
          moderationReason: 'private reason',
          body: `Commentaire ${i}`,
          bodyHtml: `<p>Commentaire ${i}</p>`,
          commentStatus: held,
          depth: parent ? parent.depth + 1 : 1,
          parentDocumentId: parent?.documentId ?? null,
          article: rows.find((row: any) => row.publishedAt).id,
          createdAt: new Date(start + i * 60_000),
        },
      });
      seeded.push({ documentId: created.documentId, parentDocumentId: parent?.documentId ?? null, depth: parent ? parent.depth + 1 : 1, commentStatus: held });
    }
  }

  /** What a reader must see: approved comments whose every ancestor is approved. */
  function visible(): Seeded[] {
    const byId = new Map(seeded.map((c) => [c.documentId, c]));
    const shown = (c: Seeded): boolean => c.commentStatus === 'approved' && (!c.parentDocumentId || shown(byId.get(c.parentDocumentId)!));
    return seeded.filter(shown);
  }

  beforeAll(async () => {
    app = await bootCommentsApp();
    await newsroom(app).site();
    article = (await publishedArticle(app, 'Un long fil')).documentId;
    await seedThread(article, 500);
  }, 120_000);
  afterAll(async () => {
    await app?.stop();
  });

  it('pages through 500 comments without ever splitting a reply from its parent, showing each public one once', async () => {
    const roots = visible().filter((c) => !c.parentDocumentId);
    const pages: any[] = [];
    for (let page = 1; ; page += 1) {
      const response = await threads({ article, page, pageSize: 20 }).expect(200);
      expect(response.body.meta.pagination).toEqual({ page, pageSize: 20, pageCount: Math.ceil(roots.length / 20), total: roots.length });
      if (response.body.data.length === 0) break;
      expect(response.body.data.length).toBeLessThanOrEqual(20);
      pages.push(...response.body.data);
    }
    expect(pages.map((node) => node.documentId)).toEqual(roots.map((c) => c.documentId));
    const shown = flatten(pages);
    expect(shown.map((node) => node.documentId).sort()).toEqual(visible().map((c) => c.documentId).sort());
    const check = (node: any) => {
      expect(Object.keys(node).sort()).toEqual(PUBLIC_KEYS);
      expect(node.replyCount).toBe(node.replies.length);
      for (const reply of node.replies) {
        expect(reply.parentDocumentId).toBe(node.documentId);
        expect(reply.depth).toBe(node.depth + 1);
        check(reply);
      }
    };
    pages.forEach(check);
    const text = JSON.stringify(pages);
    for (const secret of ['@example.org', 'Secret/1.0', 'private reason', 'f'.repeat(64)]) expect(text).not.toContain(secret);
  });

  it('answers GraphQL with the same threads', async () => {
    const rest = (await threads({ article, page: 2, pageSize: 10 }).expect(200)).body;
    const response = await graphqlAs(
      app,
      `query ($a: ID!) { commentThreads(article: $a, page: 2, pageSize: 10) { pagination { page pageSize pageCount total } article { documentId commentsOpen } threads { ${THREAD_SELECTION(5)} } } }`,
      { a: article }
    );
    expect(response.body.errors).toBeUndefined();
    const answer = response.body.data.commentThreads;
    expect(answer.pagination).toEqual(rest.meta.pagination);
    expect(answer.article).toEqual({ documentId: article, commentsOpen: true });
    expect(shape(answer.threads)).toEqual(shape(rest.data));
  });

  it('reads a page in the same number of queries whatever the thread size', async () => {
    const small = (await publishedArticle(app, 'Un petit fil')).documentId;
    const parent = await storedComment(app, small);
    await storedComment(app, small, { parent: parent.documentId });
    const queriesFor = async (documentId: string) => {
      let queries = 0;
      const count = () => (queries += 1);
      // Strapi's entry events of the comments just stored still query: let them finish first.
      await new Promise((resolve) => setTimeout(resolve, 300));
      app.strapi.db.connection.on('query', count);
      try {
        await request(app.server).get('/api/comment-threads').query({ article: documentId, pageSize: 100 }).set('Cache-Control', 'no-cache').expect(200);
      } finally {
        app.strapi.db.connection.removeListener('query', count);
      }
      return queries;
    };
    // The role's permissions, the article, the count, the page, then one query per level below
    // the top (four, with replies five deep): 8 at most for 500 comments as for 2.
    const large = await queriesFor(article);
    expect(large).toBeLessThanOrEqual(8);
    expect(large - (await queriesFor(small))).toBeLessThanOrEqual(2);
  });

  it('shows a newly approved reply at once, through the response cache', async () => {
    const root = visible().find((c) => !c.parentDocumentId)!;
    const first = await threads({ article, pageSize: 5 }).expect(200);
    expect((await threads({ article, pageSize: 5 })).headers['x-cache']).toBe('HIT');
    const reply = await storedComment(app, article, { parent: root.documentId, body: 'Réponse toute neuve.' });
    const after = await threads({ article, pageSize: 5 }).expect(200);
    expect(JSON.stringify(after.body)).toContain('Réponse toute neuve.');
    expect(flatten(after.body.data).length).toBe(flatten(first.body.data).length + 1);
    await app.strapi.documents(COMMENT as any).update({ documentId: reply.documentId, data: { commentStatus: 'trash' } } as any);
    expect(JSON.stringify((await threads({ article, pageSize: 5 }).expect(200)).body)).not.toContain('Réponse toute neuve.');
  });

  it('answers 404 for an article that is unknown or not published, and 400 naming a bad parameter', async () => {
    const draft = (await newsroom(app).article('Brouillon')).documentId;
    await storedComment(app, draft);
    for (const documentId of [draft, 'nothinghere000000000000']) {
      const response = await threads({ article: documentId }).expect(404);
      expect(response.body.error.message).toMatch(/No published article/);
    }
    for (const [query, field] of [
      [{}, 'article'],
      [{ article: 'a b' }, 'article'],
      [{ article, page: 0 }, 'page'],
      [{ article, page: 'deux' }, 'page'],
      [{ article, pageSize: 101 }, 'pageSize'],
    ] as const) {
      const response = await threads(query).expect(400);
      expect(response.body.error.details.errors[0].path).toEqual([field]);
    }
    const graph = await graphqlAs(app, `{ commentThreads(article: "${draft}") { pagination { total } } }`);
    expect(graph.body.errors[0].extensions.code).toBe('STRAPI_NOT_FOUND_ERROR');
    expect(graph.body.data).toBeNull();
  });

  it('tells a frontend whether the form is open', async () => {
    const closed = (await publishedArticle(app, 'Fermé', { allowComments: false })).documentId;
    expect((await threads({ article: closed }).expect(200)).body.meta.article).toEqual({ documentId: closed, commentCount: 0, commentsOpen: false });
  });
});
