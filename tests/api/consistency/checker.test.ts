import path from 'node:path';
import type { checkConsistency as CheckConsistency, ConsistencyReport, Finding } from '../../../src/strapi/consistency';
import type { runConsistencyCommand as RunConsistencyCommand } from '../../../src/strapi/consistency/command';
import { asPublic } from '../../helpers/agents';
import { labels, newsroom } from '../../helpers/fixtures';
import { bootStrapi, type TestApp } from '../../helpers/strapi';
import { storedComment } from '../comments/support';

const ARTICLE = 'api::article.article';
const CATEGORY = 'api::category.category';
const REDIRECT = 'api::redirect.redirect';

describe('npm run rederive -- --check / --fix: the consistency checker', () => {
  let app: TestApp;
  // The compiled modules, loaded the way scripts/rederive.js and the benchmarks load them.
  let checkConsistency: typeof CheckConsistency;
  let runConsistencyCommand: typeof RunConsistencyCommand;

  const fixture: Record<string, { documentId: string }> = {};
  /** What the healthy database held, to compare the repair with. */
  const healthy: { stalePath?: string; staleCrumbs?: unknown; chainEnd?: string; shadowed?: string } = {};

  const table = (uid: string) => app.strapi.db.metadata.get(uid as any).tableName;
  const column = (uid: string, attribute: string) => (app.strapi.db.metadata.get(uid as any).attributes as any)[attribute].columnName;
  const knex = (uid: string) => app.strapi.db.connection(table(uid));
  const parentLink = () => (app.strapi.db.metadata.get(CATEGORY as any).attributes as any).parent.joinTable;

  const publishedRow = async (documentId: string) =>
    app.strapi.db.query(ARTICLE as any).findOne({ where: { documentId, locale: 'fr', publishedAt: { $notNull: true } } });
  const categoryRow = (documentId: string) => newsroom(app).categoryRow(documentId);
  const parentIdOf = async (categoryId: number) =>
    (await app.strapi.db.connection(parentLink().name).where(parentLink().joinColumn.name, categoryId).first())?.[parentLink().inverseJoinColumn.name] ?? null;
  /** Where a reader asking for `from` is sent, as the Redirect API answers it (exact, then longest prefix). */
  const redirectTo = async (from: string) =>
    (await asPublic(app).get('/api/redirects').query({ 'filters[from][$eq]': from }).expect(200)).body.data[0]?.to;

  /** Straight into the table, as a bad import or a hand-edited backup would. */
  const insertRedirect = async (from: string, to: string) => {
    const now = new Date();
    await knex(REDIRECT).insert({
      [column(REDIRECT, 'documentId')]: `checkerfixture${Math.random().toString(36).slice(2, 12)}`,
      [column(REDIRECT, 'from')]: from,
      [column(REDIRECT, 'to')]: to,
      [column(REDIRECT, 'statusCode')]: 301,
      [column(REDIRECT, 'createdAt')]: now,
      [column(REDIRECT, 'updatedAt')]: now,
      [column(REDIRECT, 'publishedAt')]: now,
    });
  };

  const kinds = (report: ConsistencyReport) => report.findings.map((finding) => finding.kind);
  const findingsOf = (report: ConsistencyReport, kind: string) => report.findings.filter((finding) => finding.kind === kind);

  beforeAll(async () => {
    app = await bootStrapi({ seedDemo: true });
    const dist = app.strapi.dirs.dist.root;
    checkConsistency = require(path.join(dist, 'src/strapi/consistency/index.js')).checkConsistency;
    runConsistencyCommand = require(path.join(dist, 'src/strapi/consistency/command.js')).runConsistencyCommand;

    const make = newsroom(app);
    fixture.sport = await make.category('Sport');
    await make.translateCategory(fixture.sport.documentId, 'en', 'Sports');
    fixture.loopTop = await make.category('Boucle');
    fixture.loopChild = await make.category('Anneau', { parent: fixture.loopTop.documentId });
    fixture.stale = await make.article('Match nul', { category: fixture.sport.documentId, published: true });
    fixture.commented = await make.article('Commenté', { category: fixture.sport.documentId, published: true });
    fixture.shadowed = await make.article('Toujours là', { category: fixture.sport.documentId, published: true });
    fixture.chainEnd = await make.article('Fin de la chaîne', { category: fixture.sport.documentId, published: true });
    fixture.looped = await make.article('Pris dans la boucle', { category: fixture.loopChild.documentId, published: true });
    fixture.draft = await make.article('Brouillon', { category: fixture.sport.documentId });
    await (app.strapi.documents(ARTICLE as any) as any).update({
      documentId: fixture.commented.documentId,
      locale: 'en',
      status: 'published',
      data: { title: 'Commented', category: fixture.sport.documentId },
    });
    for (const status of ['approved', 'approved', 'pending']) {
      await storedComment(app, fixture.commented.documentId, { commentStatus: status });
    }
    // Real redirects, recorded by the hook: the healthy database must have some to check.
    await (app.strapi.documents(CATEGORY as any) as any).update({ documentId: fixture.sport.documentId, locale: 'fr', data: { slug: 'sports' } });

    const stale = await publishedRow(fixture.stale.documentId);
    healthy.stalePath = stale.path;
    healthy.staleCrumbs = stale.breadcrumbs;
    healthy.chainEnd = (await publishedRow(fixture.chainEnd.documentId)).path;
    healthy.shadowed = (await publishedRow(fixture.shadowed.documentId)).path;
  });
  afterAll(async () => {
    await app?.stop();
  });

  it('finds nothing in a healthy newsroom built through the document service', async () => {
    expect(Number((await knex(REDIRECT).count({ count: '*' }).first())!.count)).toBeGreaterThan(0);

    const seen: Finding[] = [];
    const report = await checkConsistency(app.strapi, { onFinding: (finding) => seen.push(finding) });
    expect(report.findings).toEqual([]);
    expect(seen).toEqual([]);
    expect(report).toEqual({
      counts: {
        derived: 0,
        cycles: 0,
        deadRedirects: 0,
        shadowingRedirects: 0,
        redirectChains: 0,
        commentCounts: 0,
        brokenCategories: 0,
        duplicatePaths: 0,
        duplicateSlugs: 0,
        reservedPaths: 0,
        claims: 0,
      },
      total: 0,
      fixed: false,
      findings: [],
    });

    const lines: string[] = [];
    expect(await runConsistencyCommand(app.strapi, 'check', (line) => lines.push(line))).toBe(0);
    expect(lines).toEqual(['Consistent: nothing found.']);
  });

  describe('after rows are corrupted behind the hook’s back', () => {
    let staleRowId: number;
    let loopTopId: number;
    let loopChildId: number;

    beforeAll(async () => {
      const stale = await publishedRow(fixture.stale.documentId);
      staleRowId = stale.id;
      await knex(ARTICLE)
        .where('id', staleRowId)
        .update({ [column(ARTICLE, 'path')]: '/blog/perime', [column(ARTICLE, 'breadcrumbs')]: JSON.stringify([{ label: 'Vieux', path: '/', url: '/' }]) });

      await knex(ARTICLE).where(column(ARTICLE, 'documentId'), fixture.commented.documentId).where(column(ARTICLE, 'locale'), 'fr').update({ [column(ARTICLE, 'commentCount')]: 7 });

      // The top of a branch made the child of its own child: a cycle no editor could save.
      loopTopId = (await categoryRow(fixture.loopTop.documentId)).id;
      loopChildId = (await categoryRow(fixture.loopChild.documentId)).id;
      await app.strapi.db.connection(parentLink().name).insert({ [parentLink().joinColumn.name]: loopTopId, [parentLink().inverseJoinColumn.name]: loopChildId });

      await insertRedirect('/blog/ancien', '/blog/nulle-part');
      await insertRedirect(healthy.shadowed!, '/blog/sports');
      await insertRedirect('/blog/a', '/blog/b');
      await insertRedirect('/blog/b', healthy.chainEnd!);
    });

    it('reports each problem with its kind, and writes nothing', async () => {
      const seen: Finding[] = [];
      const report = await checkConsistency(app.strapi, { onFinding: (finding) => seen.push(finding) });

      expect(report.counts).toEqual({
        derived: 1,
        cycles: 1,
        deadRedirects: 1,
        shadowingRedirects: 1,
        redirectChains: 1,
        commentCounts: 2,
        // Both categories of the cycle, and the draft and published rows of the article filed there.
        brokenCategories: 4,
        duplicatePaths: 0,
        duplicateSlugs: 0,
        reservedPaths: 0,
        claims: 0,
      });
      expect(report.total).toBe(11);
      expect(report.fixed).toBe(false);
      expect(seen).toEqual(report.findings);

      expect(findingsOf(report, 'derived')).toEqual([
        expect.objectContaining({ uid: ARTICLE, id: staleRowId, documentId: fixture.stale.documentId, locale: 'fr', fields: ['breadcrumbs', 'path'] }),
      ]);
      expect(findingsOf(report, 'comment-count')).toEqual([
        expect.objectContaining({ uid: ARTICLE, documentId: fixture.commented.documentId, locale: 'fr', fields: ['commentCount'] }),
        expect.objectContaining({ uid: ARTICLE, documentId: fixture.commented.documentId, locale: 'fr', fields: ['commentCount'] }),
      ]);
      expect(findingsOf(report, 'comment-count')[0].message).toContain('commentCount is 7, its document has 2 approved comments');

      const [cycle] = findingsOf(report, 'cycle');
      expect(cycle).toMatchObject({ uid: CATEGORY, id: Math.max(loopTopId, loopChildId) });
      expect(cycle.message).toContain('"Boucle"');
      expect(cycle.message).toContain('"Anneau"');
      expect(findingsOf(report, 'broken-category').map((finding) => finding.id).sort()).toEqual([loopTopId, loopChildId].sort());
      expect(findingsOf(report, 'broken-trail').map((finding) => finding.documentId)).toEqual([fixture.looped.documentId, fixture.looped.documentId]);

      expect(findingsOf(report, 'dead-redirect').map((finding) => finding.message)).toEqual([expect.stringContaining('/blog/ancien -> /blog/nulle-part')]);
      expect(findingsOf(report, 'shadowing-redirect').map((finding) => finding.message)).toEqual([expect.stringContaining(`${healthy.shadowed} -> /blog/sports`)]);
      expect(findingsOf(report, 'redirect-chain').map((finding) => finding.message)).toEqual([
        expect.stringContaining(`/blog/a -> /blog/b is redirected again, ending at ${healthy.chainEnd}`),
      ]);

      // The hook's redirect to the stale article's true path is not dead: a repair restores that path.
      expect(report.findings.map((finding) => finding.message).join('\n')).not.toContain('/blog/sport/match-nul');

      // A check only reads.
      expect((await publishedRow(fixture.stale.documentId)).path).toBe('/blog/perime');
      expect(await parentIdOf(loopChildId)).toBe(loopTopId);
      expect(await redirectTo('/blog/ancien')).toBe('/blog/nulle-part');
    });

    it('prints one line a finding and a summary, and exits 1', async () => {
      const lines: string[] = [];
      expect(await runConsistencyCommand(app.strapi, 'check', (line) => lines.push(line))).toBe(1);
      expect(lines).toHaveLength(12);
      expect(lines).toContainEqual(expect.stringMatching(/^\[cycle\] category cycle #\d+ "(Boucle|Anneau)"/));
      expect(lines).toContainEqual(expect.stringMatching(/^\[derived\] api::article\.article #\d+ \(fr, published\): stale breadcrumbs, path$/));
      expect(lines[lines.length - 1]).toBe(
        'Found 11: derived 1, cycles 1, deadRedirects 1, shadowingRedirects 1, redirectChains 1, commentCounts 2, brokenCategories 4.'
      );
    });

    it('repairs all of it with fix, after which a check finds nothing', async () => {
      const repaired = await checkConsistency(app.strapi, { fix: true });
      expect(repaired.fixed).toBe(true);
      expect(kinds(repaired)).toEqual(
        expect.arrayContaining(['cycle', 'derived', 'comment-count', 'dead-redirect', 'shadowing-redirect', 'redirect-chain'])
      );
      expect(findingsOf(repaired, 'cycle')[0].message).toContain(`detached #${Math.max(loopTopId, loopChildId)} to the root`);

      const after = await checkConsistency(app.strapi);
      expect(after.findings).toEqual([]);
      expect(after.total).toBe(0);

      // Trails are what the hook would have written.
      const stale = await publishedRow(fixture.stale.documentId);
      expect(stale.path).toBe(healthy.stalePath);
      expect(stale.breadcrumbs).toEqual(healthy.staleCrumbs);
      const counts = await app.strapi.db.query(ARTICLE as any).findMany({ where: { documentId: fixture.commented.documentId }, select: ['commentCount'] });
      expect(counts.map((row: { commentCount: number }) => row.commentCount)).toEqual([2, 2, 2, 2]);

      // The cycle is broken at the newer category, which now stands at the root with its article below it.
      expect(loopChildId).toBeGreaterThan(loopTopId);
      expect(await parentIdOf(loopChildId)).toBeNull();
      expect(await parentIdOf(loopTopId)).toBe(loopChildId);
      expect((await categoryRow(fixture.loopChild.documentId)).path).toBe('/blog/anneau');
      expect(labels((await categoryRow(fixture.loopTop.documentId)).breadcrumbs)).toEqual(['Cellule44', 'Blog', 'Anneau', 'Boucle']);
      const looped = await publishedRow(fixture.looped.documentId);
      expect(looped.breadcrumbText).toBe('Cellule44 > Blog > Anneau > Pris dans la boucle');
      expect(looped.path).toBe('/blog/anneau/pris-dans-la-boucle');

      // Redirects: the dead and the shadowing one gone, the chain collapsed, the moved article's old path kept.
      expect(await redirectTo('/blog/ancien')).toBeUndefined();
      expect(await redirectTo(healthy.shadowed!)).toBeUndefined();
      expect(await redirectTo('/blog/a')).toBe(healthy.chainEnd);
      expect(await redirectTo('/blog/b')).toBe(healthy.chainEnd);
      expect(await redirectTo('/blog/boucle/anneau/pris-dans-la-boucle')).toBe('/blog/anneau/pris-dans-la-boucle');
      // Led to the stale article's true path, which the repair restored before judging redirects.
      expect(await redirectTo('/blog/sport/match-nul')).toBe(healthy.stalePath);

      const lines: string[] = [];
      expect(await runConsistencyCommand(app.strapi, 'check', (line) => lines.push(line))).toBe(0);
      expect(lines).toEqual(['Consistent: nothing found.']);
    });

    it('says there is nothing to repair on a consistent database, and exits 0', async () => {
      const lines: string[] = [];
      expect(await runConsistencyCommand(app.strapi, 'fix', (line) => lines.push(line))).toBe(0);
      expect(lines).toEqual(['Nothing to repair.']);
    });

    it('reports a tree deeper than the bound without crashing, and exits 1 when a repair cannot fix it', async () => {
      const bound = app.strapi.config.get('colophon.trails.maxDepth');
      // Lowering the bound is what changing TRAIL_MAX_DEPTH in config/colophon.ts does to a stored tree.
      app.strapi.config.set('colophon.trails.maxDepth', 1);
      try {
        const lines: string[] = [];
        expect(await runConsistencyCommand(app.strapi, 'fix', (line) => lines.push(line))).toBe(1);
        expect(lines).toContainEqual(expect.stringMatching(/^\[broken-category\] api::category\.category #\d+ \(fr\) "Boucle": .*more than 1 levels deep.*not repaired/));
        expect(lines).toContainEqual(expect.stringMatching(/^\[broken-trail\] .*not repaired$/));
        expect(lines).toContain('Checking again:');
        expect(lines[lines.length - 1]).toMatch(/^Left after repair \d+: brokenCategories \d+\.$/);
      } finally {
        app.strapi.config.set('colophon.trails.maxDepth', bound);
      }
      expect((await checkConsistency(app.strapi)).total).toBe(0);
    });
  });
});
