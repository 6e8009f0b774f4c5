import path from 'node:path';
import { newsroom } from '../../helpers/fixtures';
import { bootStrapi, type TestApp } from '../../helpers/strapi';

/**
 * A database whose claims tables are empty (written before the ledger, or restored with
 * `strapi import` / `transfer`, which empty every table and bring back Strapi's store) gets
 * its ledger filled from the rows at the next boot, with no command to run.
 */
describe('the ledger is filled at boot when it is empty', () => {
  let app: TestApp | undefined;
  afterAll(async () => {
    await app?.stop();
  });

  it('claims every path and slug again after the tables were emptied', async () => {
    app = await bootStrapi();
    const make = newsroom(app);
    await make.site();
    const world = await make.category('Monde');
    const article = await make.article('Sommet', { category: world.documentId, published: true });
    const before = await app.strapi.db.connection('colophon_path_claims').whereNotNull('owner_document_id').select('locale', 'path').orderBy('path');
    expect(before.map((claim: any) => claim.path)).toEqual(['/blog/monde', '/blog/monde/sommet']);

    for (const table of ['colophon_path_claims', 'colophon_slug_claims']) await app.strapi.db.connection(table).delete();
    const database = app.database;
    await app.stop({ keepDatabase: true });
    app = await bootStrapi({ database });

    const after = await app.strapi.db.connection('colophon_path_claims').whereNotNull('owner_document_id').select('locale', 'path').orderBy('path');
    expect(after).toEqual(before);
    expect(await app.strapi.db.connection('colophon_slug_claims').where({ owner_document_id: article.documentId }).select('slug')).toEqual([{ slug: 'sommet' }]);
    const { checkConsistency } = require(path.join(app.strapi.dirs.dist.root, 'src/strapi/consistency/index.js'));
    expect((await checkConsistency(app.strapi)).findings).toEqual([]);
  });
});
