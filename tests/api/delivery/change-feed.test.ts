import path from 'node:path';
import request from 'supertest';
import type { checkConsistency as CheckConsistency } from '../../../src/strapi/consistency';
import { createFullAccessToken, createUserJwt, graphql, loginAsSuperAdmin } from '../../helpers/agents';
import { newsroom } from '../../helpers/fixtures';
import type { TestApp } from '../../helpers/strapi';
import { bootCommentsApp, storedComment } from '../comments/support';

const ARTICLE = 'api::article.article';
const CATEGORY = 'api::category.category';
const SOURCE = 'api::source.source';
const COMMENT = 'api::comment.comment';
const CM = (uid: string) => `/content-manager/collection-types/${uid}`;

interface Change {
  id: number;
  cursor: string;
  action: string;
  documents: Array<{ uid: string; documentId: string; locale: string | null }>;
  documentCount: number;
  tags: string[];
  paths: Array<{ locale: string; path: string; change: string }>;
  pathsTruncated: boolean;
  committedAt: string;
}

/**
 * The change log and its pull feed, as a frontend's revalidation job reads them: every door
 * that changes what the public reads leaves exactly one change, with the tags and paths to
 * purge, in the write's own transaction; drafts and rolled-back writes leave none.
 */
describe('GET /api/changes: the change feed', () => {
  let app: TestApp;
  let token: string;
  let readOnly: string;
  let admin: string;
  let cursor: string | undefined;

  const feed = (query: Record<string, string | number> = {}, bearer: string | null = token) => {
    const call = request(app.server).get('/api/changes').query(query);
    return bearer ? call.set('Authorization', `Bearer ${bearer}`) : call;
  };
  /** Every change after the cursor, following `meta.next` page by page, and moves the cursor on. */
  const newChanges = async (pageSize = 1000): Promise<Change[]> => {
    const changes: Change[] = [];
    for (;;) {
      const response = await feed({ ...(cursor ? { after: cursor } : {}), limit: pageSize }).expect(200);
      changes.push(...response.body.data);
      cursor = response.body.meta.next;
      if (!response.body.meta.hasMore) return changes;
    }
  };
  const documents = (uid: string) => app.strapi.documents(uid as any) as any;
  const rest = (method: 'post' | 'put' | 'delete', url: string) => request(app.server)[method](url).set('Authorization', `Bearer ${token}`);
  const cm = (method: 'post' | 'put' | 'delete', url: string) => request(app.server)[method](url).set('Authorization', `Bearer ${admin}`);
  const allPaths = async (id: number) => {
    const paths: Change['paths'] = [];
    for (let page = 1; ; page += 1) {
      const answer = await request(app.server).get(`/api/changes/${id}/paths`).query({ page, pageSize: 2 }).set('Authorization', `Bearer ${token}`).expect(200);
      paths.push(...answer.body.data);
      if (page >= answer.body.meta.pagination.pageCount) return paths;
    }
  };

  beforeAll(async () => {
    app = await bootCommentsApp();
    token = await createFullAccessToken(app);
    readOnly = (
      await app.strapi.service('admin::api-token').create({ name: `read-only-${Date.now()}`, type: 'read-only', lifespan: null })
    ).accessKey;
    admin = await loginAsSuperAdmin(app);
    await newsroom(app).site();
  });
  afterAll(async () => {
    await app?.stop();
  });
  beforeEach(async () => {
    await newChanges();
  });

  describe('who may read it', () => {
    it('answers an API token, full access or read only', async () => {
      await feed({}, token).expect(200);
      const response = await feed({}, readOnly).expect(200);
      expect(response.headers['cache-control']).toBe('private, no-store');
    });

    it('refuses Public and a reader’s account, even when a role is granted it', async () => {
      await feed({}, null).expect(403);
      const reader = await createUserJwt(app);
      await feed({}, reader.jwt).expect(403);
      const publicRole = await app.strapi.db.query('plugin::users-permissions.role').findOne({ where: { type: 'public' } });
      const granted = await app.strapi.db
        .query('plugin::users-permissions.permission')
        .create({ data: { action: 'api::change.change.find', role: publicRole.id } });
      try {
        const answer = await feed({}, null);
        expect(answer.status).toBe(403);
        expect(answer.body.data).toBeNull();
      } finally {
        await app.strapi.db.query('plugin::users-permissions.permission').delete({ where: { id: granted.id } });
      }
    });

    it('names the parameter a bad cursor or limit came in', async () => {
      for (const [query, field] of [
        [{ after: 'not a cursor' }, 'after'],
        [{ after: Buffer.from('x.y').toString('base64url') }, 'after'],
        [{ limit: 0 }, 'limit'],
        [{ limit: 1001 }, 'limit'],
        [{ limit: 'ten' }, 'limit'],
      ] as const) {
        const response = await feed(query as any).expect(400);
        expect(response.body.error.details.errors.map((error: any) => error.path)).toEqual([[field]]);
      }
    });
  });

  describe('what an article write logs', () => {
    it('logs nothing for a draft, one change when it is published, with its tags and path', async () => {
      const section = await newsroom(app).category('Monde');
      await newChanges();
      const draft = (await rest('post', '/api/articles?locale=fr&status=draft').send({ data: { title: 'Brouillon seul', category: section.documentId } }).expect(201)).body.data;
      await rest('put', `/api/articles/${draft.documentId}?locale=fr&status=draft`).send({ data: { title: 'Brouillon encore' } }).expect(200);
      expect(await newChanges()).toEqual([]);

      await cm('post', `${CM(ARTICLE)}/${draft.documentId}/actions/publish?locale=fr`).send({}).expect(200);
      const [published, ...rest_] = await newChanges();
      expect(rest_).toEqual([]);
      expect(published.action).toBe('publish');
      expect(published.documents).toEqual([{ uid: ARTICLE, documentId: draft.documentId, locale: 'fr' }]);
      expect(published.tags).toEqual(expect.arrayContaining([`article:${draft.documentId}`, `list:${ARTICLE}`]));
      // The slug was set at creation; a later title does not move it.
      expect(published.paths).toEqual([{ locale: 'fr', path: '/blog/monde/brouillon-seul', change: 'created' }]);
      expect(published.pathsTruncated).toBe(false);
      expect(Date.parse(published.committedAt)).not.toBeNaN();
    });

    it('gives the old and the new path of a moved article, and its redirect', async () => {
      const section = await newsroom(app).category('Culture');
      const article = await newsroom(app).article('Un titre', { category: section.documentId, published: true });
      await newChanges();
      await rest('put', `/api/articles/${article.documentId}?locale=fr&status=published`).send({ data: { slug: 'un-autre-titre' } }).expect(200);
      const [moved] = await newChanges();
      expect(moved.paths).toEqual(
        expect.arrayContaining([
          { locale: 'fr', path: '/blog/culture/un-titre', change: 'moved-from' },
          { locale: 'fr', path: '/blog/culture/un-autre-titre', change: 'moved-to' },
        ])
      );
      expect(moved.tags).toEqual(expect.arrayContaining([`article:${article.documentId}`, 'redirects']));
    });

    it('gives the paths that went away on unpublish and delete, and drops the comments with a deleted article', async () => {
      const article = await newsroom(app).article('Éphémère', { published: true });
      await newChanges();
      await cm('post', `${CM(ARTICLE)}/${article.documentId}/actions/unpublish?locale=fr`).send({}).expect(200);
      const [unpublished] = await newChanges();
      expect(unpublished.action).toBe('unpublish');
      expect(unpublished.paths).toEqual([{ locale: 'fr', path: '/blog/ephemere', change: 'gone' }]);

      await documents(ARTICLE).publish({ documentId: article.documentId, locale: 'fr' });
      await newChanges();
      await rest('delete', `/api/articles/${article.documentId}?locale=fr`).expect(204);
      const [deleted] = await newChanges();
      expect(deleted.action).toBe('delete');
      expect(deleted.paths).toEqual([{ locale: 'fr', path: '/blog/ephemere', change: 'gone' }]);
      expect(deleted.tags).toEqual(expect.arrayContaining([`article:${article.documentId}`, `comments:${article.documentId}`, `list:${ARTICLE}`]));
    });

    it('logs a GraphQL write like any other', async () => {
      const answer = await graphql(
        app,
        'mutation { createArticle(data: { title: "Par GraphQL" }, locale: "fr", status: PUBLISHED) { documentId } }',
        {},
        token
      );
      expect(answer.errors).toEqual([]);
      const [created] = await newChanges();
      expect(created.documents).toEqual([{ uid: ARTICLE, documentId: answer.data.createArticle.documentId, locale: 'fr' }]);
      expect(created.paths).toEqual([{ locale: 'fr', path: '/blog/par-graphql', change: 'created' }]);
    });

    it('logs nothing for a write that is refused or rolled back', async () => {
      await newsroom(app).article('Déjà pris', { published: true });
      await newChanges();
      await rest('post', '/api/articles?locale=fr&status=published').send({ data: { title: 'Autre', slug: 'deja-pris' } }).expect(400);
      await expect(
        app.strapi.db.transaction(async () => {
          await documents(ARTICLE).create({ locale: 'fr', status: 'published', data: { title: 'Jamais commis' } });
          throw new Error('the caller changed its mind');
        })
      ).rejects.toThrow('the caller changed its mind');
      expect(await newChanges()).toEqual([]);
      expect(await app.strapi.db.query(ARTICLE as any).count({ where: { title: 'Jamais commis' } })).toBe(0);
    });
  });

  describe('cascades, Sources, the Site, comments and redirects', () => {
    it('logs a category rename as one change whose paths, old and new, are read page by page', async () => {
      const make = newsroom(app);
      const top = await make.category('Corée du Nord');
      const child = await make.category('Pyongyang', { parent: top.documentId });
      const titles = ['Un', 'Deux', 'Trois'];
      for (const title of titles) await make.article(title, { category: child.documentId, published: true });
      await make.article('Pas publié', { category: child.documentId });
      await newChanges();

      await rest('put', `/api/categories/${top.documentId}?locale=fr`).send({ data: { name: 'Corée', slug: 'coree' } }).expect(200);
      const changes = await newChanges();
      expect(changes).toHaveLength(1);
      const [renamed] = changes;
      expect(renamed.tags).toEqual(expect.arrayContaining([`category:${top.documentId}`, `list:${ARTICLE}`, `list:${CATEGORY}`]));
      expect(renamed.pathsTruncated).toBe(true);
      const paths = await allPaths(renamed.id);
      for (const title of ['un', 'deux', 'trois']) {
        expect(paths).toContainEqual({ locale: 'fr', path: `/blog/coree/pyongyang/${title}`, change: 'moved-to' });
        expect(paths).toContainEqual({ locale: 'fr', path: `/blog/coree-du-nord/pyongyang/${title}`, change: 'moved-from' });
      }
      expect(paths).toContainEqual({ locale: 'fr', path: '/blog/coree-du-nord', change: 'moved-from' });
      expect(paths).toContainEqual({ locale: 'fr', path: '/blog/coree', change: 'moved-to' });
      expect(paths.map((entry) => entry.path)).not.toContain('/blog/coree/pyongyang/pas-publie');
    });

    it('logs a Source edit with every page that credits it', async () => {
      const source = await documents(SOURCE).create({ data: { name: 'RT', website: 'https://www.rt.com' } });
      const credited = await newsroom(app).article('Crédité', {
        published: true,
        data: { credits: [{ role: 'original', source: source.documentId, url: 'https://www.rt.com/news/1' }] },
      });
      await newChanges();
      await rest('put', `/api/sources/${source.documentId}`).send({ data: { name: 'RT France' } }).expect(200);
      const [edited] = await newChanges();
      expect(edited.tags).toEqual(expect.arrayContaining([`source:${source.documentId}`]));
      expect(await allPaths(edited.id)).toContainEqual({ locale: 'fr', path: credited.path, change: 'updated' });
    });

    it('logs a Site edit as a change of everything', async () => {
      await newsroom(app).site({ name: 'Cellule 44' });
      const [edited] = await newChanges();
      expect(edited.tags).toEqual(expect.arrayContaining(['site', `list:${ARTICLE}`]));
      expect(edited.pathsTruncated).toBe(true);
    });

    it('logs a comment when it becomes visible or stops being, and nothing for a pending one', async () => {
      const article = await newsroom(app).article('Commenté', { published: true });
      await newChanges();
      const comment = await storedComment(app, article.documentId, { commentStatus: 'pending' });
      expect(await newChanges()).toEqual([]);
      await documents(COMMENT).update({ documentId: comment.documentId, data: { commentStatus: 'approved' } });
      const [approved] = await newChanges();
      expect(approved.tags).toEqual(expect.arrayContaining([`comments:${article.documentId}`, `article:${article.documentId}`]));
      expect(approved.paths).toEqual([{ locale: 'fr', path: '/blog/commente', change: 'updated' }]);
      await documents(COMMENT).update({ documentId: comment.documentId, data: { commentStatus: 'spam' } });
      expect((await newChanges()).map((change) => change.tags)).toEqual([expect.arrayContaining([`comments:${article.documentId}`])]);
    });

    it('logs a redirect written by hand', async () => {
      await rest('post', '/api/redirects').send({ data: { from: '/ancienne-page', to: '/blog', statusCode: 301 } }).expect(201);
      const [written] = await newChanges();
      expect(written.tags).toEqual(['redirects']);
      expect(written.paths).toEqual([{ locale: expect.any(String), path: '/ancienne-page', change: 'updated' }]);
    });

    it('logs what `rederive --fix` repairs', async () => {
      const article = await newsroom(app).article('Abîmé', { published: true });
      await app.strapi.db.connection('articles').where('document_id', article.documentId).update({ breadcrumbs: null });
      await newChanges();
      const checkConsistency: typeof CheckConsistency = require(path.join(app.strapi.dirs.dist.root, 'src/strapi/consistency/index.js')).checkConsistency;
      await checkConsistency(app.strapi, { fix: true });
      const changes = await newChanges();
      const repair = changes.find((change) => change.documents.some((document) => document.documentId === article.documentId));
      expect(repair?.action).toBe('repair');
      expect(repair?.tags).toContain(`article:${article.documentId}`);
    });
  });

  describe('the cursor', () => {
    it('gives every change once, oldest first, one page at a time', async () => {
      const created: string[] = [];
      for (const title of ['Premier', 'Deuxième', 'Troisième', 'Quatrième']) {
        created.push((await newsroom(app).article(title, { published: true })).documentId);
      }
      const paged = await newChanges(1);
      expect(paged.map((change) => change.documents[0].documentId)).toEqual(created);
      expect(new Set(paged.map((change) => change.id)).size).toBe(4);
      expect(await newChanges(1)).toEqual([]);
      const again = (await feed({ after: cursor!, limit: 5 }).expect(200)).body;
      expect(again).toEqual({ data: [], meta: { next: cursor, hasMore: false } });
    });
  });
});

describe('the change log’s retention', () => {
  let app: TestApp;
  let token: string;

  beforeAll(async () => {
    app = await bootCommentsApp();
    token = await createFullAccessToken(app);
    await newsroom(app).site();
  });
  afterAll(async () => {
    await app?.stop();
  });

  it('prunes old changes and tells a consumer left behind to start over, instead of skipping them', async () => {
    const read = (after?: string) =>
      request(app.server)
        .get('/api/changes')
        .query(after ? { after, limit: 1 } : { limit: 1 })
        .set('Authorization', `Bearer ${token}`);
    await newsroom(app).article('Vieille', { published: true });
    const behind = (await read().expect(200)).body.meta.next;
    await newsroom(app).article('Plus récente', { published: true });
    await newsroom(app).article('Récente', { published: true });
    const { pruneChanges } = require(path.join(app.strapi.dirs.dist.root, 'src/strapi/delivery/retention.js'));
    // Everything but the newest change is older than a day, as seen from tomorrow at this time.
    const newest = await app.strapi.db.connection('colophon_changes').max('id as id').first();
    await app.strapi.db.connection('colophon_changes').whereNot('id', newest!.id).update({ created_at: new Date(Date.now() - 3 * 86_400_000) });
    expect(await pruneChanges(app.strapi, 2)).toBeGreaterThan(0);

    const gone = await read(behind).expect(410);
    expect(gone.body.error.details.errors[0].path).toEqual(['after']);
    const fresh = await read().expect(200);
    expect(fresh.body.data.map((change: Change) => change.paths[0]?.path)).toEqual(['/blog/recente']);
    await read(fresh.body.meta.next).expect(200);
  });
});
