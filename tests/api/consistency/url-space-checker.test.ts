import path from 'node:path';
import type { checkConsistency as CheckConsistency, ConsistencyReport } from '../../../src/strapi/consistency';
import type { runConsistencyCommand as RunConsistencyCommand } from '../../../src/strapi/consistency/command';
import { asPublic } from '../../helpers/agents';
import { newsroom } from '../../helpers/fixtures';
import { bootStrapi, type TestApp } from '../../helpers/strapi';

const ARTICLE = 'api::article.article';
const CATEGORY = 'api::category.category';

/**
 * `npm run rederive -- --check` sees what one path, one page forbids, however it got into the
 * database (a restore, a hand edit, an import with the hook off): two pages on one path, a page
 * on a path the Site reserves, and a ledger that disagrees with the rows. `--fix` moves each
 * later claimant to a free slug and claims everything again.
 */
describe('the checker and the URL space', () => {
  let app: TestApp;
  let checkConsistency: typeof CheckConsistency;
  let runConsistencyCommand: typeof RunConsistencyCommand;

  const rowsOf = (uid: string, documentId: string) => app.strapi.db.query(uid as any).findMany({ where: { documentId }, orderBy: { id: 'asc' } });
  const findingsOf = (report: ConsistencyReport, kind: string) => report.findings.filter((finding) => finding.kind === kind);
  const claimsOf = (documentId: string) => app.strapi.db.connection('colophon_path_claims').where({ owner_document_id: documentId }).select('locale', 'path');

  beforeAll(async () => {
    app = await bootStrapi();
    const dist = app.strapi.dirs.dist.root;
    checkConsistency = require(path.join(dist, 'src/strapi/consistency/index.js')).checkConsistency;
    runConsistencyCommand = require(path.join(dist, 'src/strapi/consistency/command.js')).runConsistencyCommand;
    await newsroom(app).site();
  });
  afterAll(async () => {
    await app?.stop();
  });

  it('finds nothing, and the ledger agrees with the rows, after writes through the hook', async () => {
    const make = newsroom(app);
    const world = await make.category('Monde');
    await make.article('Sommet', { category: world.documentId, published: true });
    await make.article('Brouillon', { category: world.documentId });
    const report = await checkConsistency(app.strapi);
    expect(report.findings).toEqual([]);
  });

  describe('with faults planted behind the hook’s back', () => {
    const fixture: Record<string, any> = {};

    beforeAll(async () => {
      const make = newsroom(app);
      await make.site({ blogPath: '' });
      fixture.section = await make.category('Sport');
      fixture.keeper = await make.article('Match', { category: fixture.section.documentId, published: true });
      fixture.intruder = await make.article('Autre match', { category: fixture.section.documentId, published: true });
      fixture.intruderPath = (await rowsOf(ARTICLE, fixture.intruder.documentId))[0].path;
      // A restore put the intruder on the keeper's slug and path, without its claims.
      await app.strapi.db.query(ARTICLE as any).updateMany({
        where: { documentId: fixture.intruder.documentId },
        data: { slug: fixture.keeper.slug, path: fixture.keeper.path },
      });
      await app.strapi.db.connection('colophon_path_claims').where({ owner_document_id: fixture.intruder.documentId }).delete();
      await app.strapi.db.connection('colophon_slug_claims').where({ owner_document_id: fixture.intruder.documentId }).delete();

      // A hand edit put a category on the English home's URL space, in French, with the blog at the root.
      fixture.squatter = await make.category('Anglais');
      fixture.squatterChild = await make.article('Dessous', { category: fixture.squatter.documentId, published: true });
      await app.strapi.db.query(CATEGORY as any).updateMany({ where: { documentId: fixture.squatter.documentId }, data: { slug: 'en', path: '/en' } });
      await app.strapi.db.query(ARTICLE as any).updateMany({ where: { documentId: fixture.squatterChild.documentId }, data: { path: '/en/dessous' } });

      // And the ledger lost a row's claim, and kept one for a path no one holds.
      fixture.unclaimed = await make.article('Sans titre de propriété', { published: true });
      await app.strapi.db.connection('colophon_path_claims').where({ owner_document_id: fixture.unclaimed.documentId }).delete();
      await app.strapi.db.connection('colophon_slug_claims').where({ owner_document_id: fixture.unclaimed.documentId }).delete();
      await app.strapi.db
        .connection('colophon_path_claims')
        .insert({ locale: 'fr', path: '/fantome', owner_uid: ARTICLE, owner_document_id: fixture.keeper.documentId });
    });

    it('reports the duplicate, the reserved path and the ledger’s errors, once each, and writes nothing', async () => {
      const report = await checkConsistency(app.strapi);

      expect(findingsOf(report, 'duplicate-path')).toEqual([
        expect.objectContaining({ uid: ARTICLE, documentId: fixture.intruder.documentId, locale: 'fr' }),
      ]);
      expect(findingsOf(report, 'duplicate-path')[0].message).toContain(`${fixture.keeper.documentId}`);
      expect(findingsOf(report, 'duplicate-path')[0].message).toContain(`is on ${fixture.keeper.path}`);

      // The category on /en, and its article below it, inside the English URL space.
      expect(findingsOf(report, 'reserved-path').map((finding) => finding.documentId).sort()).toEqual(
        [fixture.squatter.documentId, fixture.squatterChild.documentId].sort()
      );
      expect(findingsOf(report, 'reserved-path').find((finding) => finding.uid === CATEGORY)!.message).toContain(
        'is on /en, which is the URL space of locale en (/en/…)'
      );

      expect(findingsOf(report, 'claim').map((finding) => finding.message)).toEqual(
        expect.arrayContaining([
          expect.stringContaining(`holds ${(await rowsOf(ARTICLE, fixture.unclaimed.documentId))[0].path}, which the path claims table does not list`),
          expect.stringContaining('gives /fantome (fr) to article'),
          expect.stringContaining('has the slug sans-titre-de-propriete, which the slug claims table does not give it'),
        ])
      );
      expect(report.counts).toEqual(expect.objectContaining({ duplicatePaths: 1, reservedPaths: 2, claims: 3 }));
      // A check only reads.
      expect((await rowsOf(ARTICLE, fixture.intruder.documentId))[0].path).toBe(fixture.keeper.path);
    });

    it('names them on the command line and exits 1', async () => {
      const lines: string[] = [];
      expect(await runConsistencyCommand(app.strapi, 'check', (line) => lines.push(line))).toBe(1);
      expect(lines).toContainEqual(expect.stringMatching(/^\[duplicate-path\] article "Autre match" \(documentId \w+, fr\) is on \/sport\/match, which article "Match"/));
      expect(lines).toContainEqual(expect.stringMatching(/^\[reserved-path\] category "Anglais" .* is on \/en, which is the URL space of locale en/));
      expect(lines[lines.length - 1]).toMatch(/duplicatePaths 1, reservedPaths 2, claims 3\.$/);
    });

    it('moves each later claimant to a free slug with fix, after which nothing is left', async () => {
      const lines: string[] = [];
      await runConsistencyCommand(app.strapi, 'fix', (line) => lines.push(line));
      expect(lines).toContain('Consistent: nothing left.');

      // The keeper keeps its path; the intruder got the first free suffix of its title.
      expect((await rowsOf(ARTICLE, fixture.keeper.documentId)).map((row: any) => row.path)).toEqual([fixture.keeper.path, fixture.keeper.path]);
      const intruder = await rowsOf(ARTICLE, fixture.intruder.documentId);
      expect(intruder.map((row: any) => row.slug)).toEqual(['autre-match', 'autre-match']);
      expect(intruder.map((row: any) => row.path)).toEqual(['/sport/autre-match', '/sport/autre-match']);

      // The category left the English URL space, and its article followed; the old paths redirect.
      const squatter = (await rowsOf(CATEGORY, fixture.squatter.documentId))[0];
      expect(squatter.slug).toBe('anglais');
      expect(squatter.path).toBe('/anglais');
      expect((await rowsOf(ARTICLE, fixture.squatterChild.documentId)).map((row: any) => row.path)).toEqual(['/anglais/dessous', '/anglais/dessous']);

      // The ledger says what the rows say.
      expect(await claimsOf(fixture.intruder.documentId)).toEqual([{ locale: 'fr', path: '/sport/autre-match' }]);
      expect(await claimsOf(fixture.unclaimed.documentId)).toHaveLength(1);
      expect((await claimsOf(fixture.keeper.documentId)).map((claim: any) => claim.path)).toEqual(['/sport/match']);

      const resolved = await asPublic(app).get('/api/resolve').query({ path: '/sport/autre-match' }).expect(200);
      expect(resolved.body.data.documentId).toBe(fixture.intruder.documentId);
      expect((await checkConsistency(app.strapi)).total).toBe(0);
    });
  });

  describe('with a slug twice in a locale, and a category on a path an article keeps', () => {
    const fixture: Record<string, any> = {};

    beforeAll(async () => {
      const make = newsroom(app);
      const asie = await make.category('Asie');
      const afrique = await make.category('Afrique');
      fixture.first = await make.article('Élections', { category: asie.documentId, published: true });
      fixture.second = await make.article('Scrutin', { category: afrique.documentId, published: true });
      // A restore gave the second the first's slug, in its own category: two paths, one slug.
      await app.strapi.db.query(ARTICLE as any).updateMany({
        where: { documentId: fixture.second.documentId },
        data: { slug: 'elections', path: '/afrique/elections' },
      });
      await app.strapi.db.connection('colophon_slug_claims').where({ owner_document_id: fixture.second.documentId }).delete();
      await app.strapi.db.connection('colophon_path_claims').where({ owner_document_id: fixture.second.documentId }).delete();
      await app.strapi.db.connection('colophon_path_claims').insert({ locale: 'fr', path: '/afrique/elections', owner_uid: ARTICLE, owner_document_id: fixture.second.documentId });

      // An article the ledger gives /xylo, and a root category a hand edit put there too.
      fixture.article = await make.article('Xylophone', { published: true });
      await app.strapi.db.query(ARTICLE as any).updateMany({ where: { documentId: fixture.article.documentId }, data: { slug: 'xylo', path: '/xylo' } });
      await app.strapi.db.connection('colophon_path_claims').where({ owner_document_id: fixture.article.documentId }).update({ path: '/xylo' });
      await app.strapi.db.connection('colophon_slug_claims').where({ owner_document_id: fixture.article.documentId }).update({ slug: 'xylo' });
      fixture.category = await make.category('Xylo');
      fixture.below = await make.article('Sous xylo', { category: fixture.category.documentId, published: true });
      await app.strapi.db.query(CATEGORY as any).updateMany({ where: { documentId: fixture.category.documentId }, data: { slug: 'xylo', path: '/xylo' } });
      await app.strapi.db.query(ARTICLE as any).updateMany({ where: { documentId: fixture.below.documentId }, data: { path: '/xylo/sous-xylo' } });
      await app.strapi.db.connection('colophon_path_claims').where({ owner_document_id: fixture.category.documentId }).delete();
      await app.strapi.db.connection('colophon_path_claims').where({ owner_document_id: fixture.below.documentId }).update({ path: '/xylo/sous-xylo' });
    });

    it('reports the slug held twice and the category on the article’s path', async () => {
      const report = await checkConsistency(app.strapi);
      expect(findingsOf(report, 'duplicate-slug')).toEqual([expect.objectContaining({ uid: ARTICLE, documentId: fixture.second.documentId })]);
      expect(findingsOf(report, 'duplicate-slug')[0].message).toContain('has the slug elections');
      expect(findingsOf(report, 'duplicate-path')).toEqual([expect.objectContaining({ uid: CATEGORY, documentId: fixture.category.documentId })]);
      expect(report.counts).toEqual(expect.objectContaining({ duplicateSlugs: 1, duplicatePaths: 1 }));
    });

    it('moves the later slug and the category, leaving the keepers and their claims, and finds nothing after', async () => {
      const lines: string[] = [];
      await runConsistencyCommand(app.strapi, 'fix', (line) => lines.push(line));
      expect(lines).toContain('Consistent: nothing left.');
      expect((await rowsOf(ARTICLE, fixture.first.documentId)).map((row: any) => row.slug)).toEqual(['elections', 'elections']);
      expect((await rowsOf(ARTICLE, fixture.second.documentId)).map((row: any) => row.slug)).toEqual(['scrutin', 'scrutin']);
      expect((await rowsOf(ARTICLE, fixture.article.documentId))[0].path).toBe('/xylo');
      expect((await claimsOf(fixture.article.documentId)).map((claim: any) => claim.path)).toEqual(['/xylo']);
      const category = (await rowsOf(CATEGORY, fixture.category.documentId))[0];
      expect(category.path).toBe('/xylo-2');
      expect((await rowsOf(ARTICLE, fixture.below.documentId))[0].path).toBe('/xylo-2/sous-xylo');
      expect((await claimsOf(fixture.below.documentId)).map((claim: any) => claim.path)).toEqual(['/xylo-2/sous-xylo']);
    });
  });
});
