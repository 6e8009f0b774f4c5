import fc from 'fast-check';
import request from 'supertest';
import { createFullAccessToken } from '../../helpers/agents';
import { newsroom } from '../../helpers/fixtures';
import { bootStrapi, type TestApp } from '../../helpers/strapi';

const ARTICLE = 'api::article.article';
const CATEGORY = 'api::category.category';
const SOURCE = 'api::source.source';
const COMMENT = 'api::comment.comment';

/**
 * A CDN in front of Colophon, purged only by what the change feed says: random sequences of
 * writes (creates, renames, moves, re-slugs, publishes, unpublishes, deletes, Source and Site
 * edits, comment approvals) while a consumer follows the feed and purges a cache keyed by URL,
 * by tag (Cache-Tag) and by path (`/api/resolve?path=` for every path a change names). After
 * each step, what the simulated CDN serves for every URL a frontend reads equals what the
 * origin answers now. A fixed seed and a bounded number of runs keep it reproducible.
 */
describe('a CDN purged from the change feed is never stale (property)', () => {
  let app: TestApp;
  let token: string;
  let cursor: string | undefined;
  const cache = new Map<string, { status: number; body: string; tags: string[] }>();
  const knownPaths = new Set<string>();

  const documents = (uid: string) => app.strapi.documents(uid as any) as any;
  const origin = async (url: string) => {
    const response = await request(app.server).get(url);
    return { status: response.status, body: response.text, cacheControl: String(response.headers['cache-control'] ?? ''), tags: String(response.headers['cache-tag'] ?? '').split(',').filter(Boolean) };
  };
  /** What the CDN serves: its copy when it has one, else the origin's answer, kept when public. */
  const throughCdn = async (url: string) => {
    const kept = cache.get(url);
    if (kept) return { status: kept.status, body: kept.body };
    const answer = await origin(url);
    if (answer.cacheControl.startsWith('public')) cache.set(url, { status: answer.status, body: answer.body, tags: answer.tags });
    return { status: answer.status, body: answer.body };
  };
  /** The frontend's revalidation job: every change since the last run, purged by tag and by path. */
  const followFeed = async () => {
    for (;;) {
      const response = await request(app.server)
        .get('/api/changes')
        .query({ ...(cursor ? { after: cursor } : {}), limit: 1000 })
        .set('Authorization', `Bearer ${token}`)
        .expect(200);
      for (const change of response.body.data) {
        const tags = new Set<string>(change.tags);
        let paths: Array<{ path: string }> = change.paths;
        if (change.pathsTruncated) {
          paths = (await request(app.server).get(`/api/changes/${change.id}/paths`).query({ pageSize: 500 }).set('Authorization', `Bearer ${token}`).expect(200)).body.data;
        }
        for (const [url, entry] of cache) if (entry.tags.some((tag) => tags.has(tag))) cache.delete(url);
        for (const { path } of paths) {
          knownPaths.add(path);
          cache.delete(resolveUrl(path));
        }
      }
      cursor = response.body.meta.next;
      if (!response.body.meta.hasMore) return;
    }
  };
  const resolveUrl = (path: string) => `/api/resolve?path=${encodeURIComponent(path)}&locale=fr`;
  /** Every URL the frontend reads: each page ever seen, by path and by documentId, and the lists. */
  const frontendUrls = async () => {
    const articles = await app.strapi.db.query(ARTICLE as any).findMany({ where: { locale: 'fr' }, select: ['documentId', 'path'] });
    const categories = await app.strapi.db.query(CATEGORY as any).findMany({ where: { locale: 'fr' }, select: ['documentId', 'path'] });
    for (const row of [...articles, ...categories]) if (row.path) knownPaths.add(row.path);
    return [
      '/api/articles?locale=fr&populate=category&sort=id',
      '/api/categories?locale=fr&sort=id',
      '/api/sources?sort=id',
      '/api/comments?sort=id',
      ...[...new Set(articles.map((row: any) => row.documentId))].map((documentId) => `/api/articles/${documentId}?locale=fr&populate=credits.source`),
      ...[...knownPaths].map(resolveUrl),
    ];
  };

  const TITLES = ['Alpha', 'Beta', 'Ukraine', 'Monde', 'Été'];
  type Op =
    | { kind: 'createArticle'; title: number; category: number | null }
    | { kind: 'renameCategory'; category: number; title: number; slug: boolean }
    | { kind: 'moveArticle'; article: number; category: number | null }
    | { kind: 'reslugArticle'; article: number; title: number }
    | { kind: 'publish' | 'unpublish' | 'deleteArticle' | 'approveComment' | 'credit'; article: number }
    | { kind: 'editSource'; title: number }
    | { kind: 'editSite'; title: number };
  const index = fc.nat(20);
  const op: fc.Arbitrary<Op> = fc.oneof(
    fc.record({ kind: fc.constant('createArticle' as const), title: fc.nat(TITLES.length - 1), category: fc.option(index, { nil: null }) }),
    fc.record({ kind: fc.constant('renameCategory' as const), category: index, title: fc.nat(TITLES.length - 1), slug: fc.boolean() }),
    fc.record({ kind: fc.constant('moveArticle' as const), article: index, category: fc.option(index, { nil: null }) }),
    fc.record({ kind: fc.constant('reslugArticle' as const), article: index, title: fc.nat(TITLES.length - 1) }),
    fc.record({ kind: fc.constantFrom('publish' as const, 'unpublish' as const, 'deleteArticle' as const, 'approveComment' as const, 'credit' as const), article: index }),
    fc.record({ kind: fc.constant('editSource' as const), title: fc.nat(TITLES.length - 1) }),
    fc.record({ kind: fc.constant('editSite' as const), title: fc.nat(TITLES.length - 1) })
  );

  let categoryIds: string[] = [];
  let sourceId: string;
  const pick = <T>(list: T[], at: number | null): T | null => (at === null || list.length === 0 ? null : list[at % list.length]);
  const articleIds = async () =>
    [...new Set((await app.strapi.db.query(ARTICLE as any).findMany({ where: { locale: 'fr' }, select: ['documentId'], orderBy: { id: 'asc' } })).map((row: any) => row.documentId as string))];

  const apply = async (step: Op, serial: number) => {
    const article = 'article' in step ? pick(await articleIds(), step.article) : null;
    switch (step.kind) {
      case 'createArticle':
        await documents(ARTICLE).create({ locale: 'fr', status: 'published', data: { title: `${TITLES[step.title]} ${serial}`, category: pick(categoryIds, step.category) } });
        return;
      case 'renameCategory': {
        const category = pick(categoryIds, step.category)!;
        await documents(CATEGORY).update({ documentId: category, locale: 'fr', data: { name: `${TITLES[step.title]} ${serial}`, ...(step.slug ? { slug: `rubrique-${serial}` } : {}) } });
        return;
      }
      case 'editSource':
        await documents(SOURCE).update({ documentId: sourceId, data: { name: `Agence ${TITLES[step.title]} ${serial}` } });
        return;
      case 'editSite':
        await newsroom(app).site({ blogLabel: `Blog ${TITLES[step.title]} ${serial}` });
        return;
    }
    if (!article) return;
    switch (step.kind) {
      case 'moveArticle':
        await documents(ARTICLE).update({ documentId: article, locale: 'fr', status: 'published', data: { category: pick(categoryIds, step.category) } });
        return;
      case 'reslugArticle':
        await documents(ARTICLE).update({ documentId: article, locale: 'fr', status: 'published', data: { slug: `${TITLES[step.title].toLowerCase().replace('é', 'e')}-${serial}` } });
        return;
      case 'credit':
        await documents(ARTICLE).update({
          documentId: article,
          locale: 'fr',
          status: 'published',
          data: { credits: [{ role: 'original', source: sourceId, url: `https://agence.example/${serial}` }] },
        });
        return;
      case 'publish':
        await documents(ARTICLE).publish({ documentId: article, locale: 'fr' });
        return;
      case 'unpublish':
        await documents(ARTICLE).unpublish({ documentId: article, locale: 'fr' });
        return;
      case 'deleteArticle':
        await documents(ARTICLE).delete({ documentId: article, locale: 'fr' });
        return;
      case 'approveComment': {
        if (!(await app.strapi.db.query(ARTICLE as any).findOne({ where: { documentId: article, publishedAt: { $notNull: true } } }))) return;
        const comment = await documents(COMMENT).create({
          data: { article, authorName: 'Lectrice', authorEmail: `lectrice${serial}@example.org`, body: `Bien vu ${serial}.`, commentStatus: 'pending' },
        });
        await documents(COMMENT).update({ documentId: comment.documentId, data: { commentStatus: 'approved' } });
        return;
      }
    }
  };

  beforeAll(async () => {
    app = await bootStrapi();
    token = await createFullAccessToken(app);
    const make = newsroom(app);
    await make.site();
    const world = await make.category('Monde');
    const africa = await make.category('Afrique', { parent: world.documentId });
    const sport = await make.category('Sport');
    categoryIds = [world.documentId, africa.documentId, sport.documentId];
    sourceId = (await documents(SOURCE).create({ data: { name: 'Agence', website: 'https://agence.example' } })).documentId;
    for (const [title, category] of [['Sommet', africa], ['Match', sport], ['Bilan', world]] as const) {
      await make.article(title, { category: category.documentId, published: true });
    }
  });
  afterAll(async () => {
    await app?.stop();
  });

  it('serves, after each write and the purge it caused, what the origin serves', async () => {
    let serial = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 3, maxLength: 8 }), async (steps) => {
        await followFeed();
        for (const url of await frontendUrls()) await throughCdn(url);
        for (const step of steps) {
          serial += 1;
          await apply(step, serial);
          await followFeed();
          const stale: string[] = [];
          for (const url of await frontendUrls()) {
            const served = await throughCdn(url);
            const now = await origin(url);
            if (served.status !== now.status || served.body !== now.body) stale.push(`${url} after ${JSON.stringify(step)}`);
          }
          expect(stale).toEqual([]);
        }
      }),
      { numRuns: 6, seed: 20261205, endOnFailure: true }
    );
  });
});
