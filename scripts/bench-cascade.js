#!/usr/bin/env node
// npm run bench:cascade [-- --db=postgres] [-- --sizes=1000,10000] [-- --creates=200]
// Renames the root of a 3-level category tree holding N articles (a draft and a published
// row each) and reports what the cascade cost, against one plain SQL UPDATE of the same rows.
// Then measures what the hook adds to creating an article.
'use strict';
const { parseArgs, compile, withFreshApp, seedNewsroom, measure, processPeakRssMb, table, meta } = require('./bench/newsroom');

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const sizes = String(args.sizes || '1000,10000').split(',').map(Number);
  const creates = Number(args.creates || 200);
  const { distDir } = await compile();
  const rows = [];
  let hookRow;

  for (const n of sizes) {
    await withFreshApp(distDir, args.db, `cascade_${n}`, async (strapi) => {
      const { root, leaves, fullRebuildMs } = await seedNewsroom(strapi, n);
      const article = meta(strapi, 'api::article.article');

      // Baseline: the same rows rewritten by one plain statement, no derivation at all.
      const plain = await measure(strapi, () =>
        strapi.db.connection(article.table).where(article.col('locale'), 'fr').update({
          [article.col('breadcrumbText')]: 'x',
          [article.col('path')]: '/x',
        })
      );
      const cascade = await measure(strapi, () =>
        strapi.documents('api::category.category').update({ documentId: root.documentId, locale: 'fr', data: { name: 'International' } })
      );
      const retrailed = await strapi.db.connection(article.table).where(article.col('breadcrumbText'), 'like', '%International%').count({ c: 'id' });
      rows.push({
        db: args.db,
        articles: n,
        rows: 2 * n,
        retrailed: Number(retrailed[0].c),
        'cascade ms': cascade.ms.toFixed(0),
        'SQL statements': cascade.queries,
        'RSS before MB': cascade.rssBeforeMb.toFixed(0),
        'peak RSS MB': cascade.peakRssMb.toFixed(0),
        'plain UPDATE ms': plain.ms.toFixed(1),
        'ratio to plain': (cascade.ms / plain.ms).toFixed(1),
        'µs per row': ((cascade.ms * 1000) / (2 * n)).toFixed(0),
        'full rebuild ms': fullRebuildMs.toFixed(0),
      });

      if (n === sizes[0]) hookRow = await measureHookOverhead(strapi, leaves[0], creates);
    });
  }

  console.log(`\nCategory rename cascade (${args.db})`);
  table(rows);
  console.log(`\nArticle create through the document service, ${creates} each way, published, with a category and a credit (${args.db})`);
  table([hookRow]);
  console.log(`\nProcess peak RSS: ${processPeakRssMb().toFixed(0)} MB`);
}

async function measureHookOverhead(strapi, leaf, creates) {
  const createOne = (i, label) =>
    strapi.documents('api::article.article').create({
      locale: 'fr',
      status: 'published',
      data: { title: `${label} ${i}`, slug: `${label}-${i}`, category: leaf.documentId, credits: [{ role: 'author', person: 'Avic' }] },
    });
  // Alternate blocks so that a warming cache or a growing table favours neither side.
  let on = 0;
  let off = 0;
  const block = 25;
  for (let i = 0; i < creates; i += block) {
    strapi.config.set('colophon.hook.enabled', false);
    off += (await measure(strapi, async () => { for (let j = i; j < i + block; j += 1) await createOne(j, 'off'); })).ms;
    strapi.config.set('colophon.hook.enabled', true);
    on += (await measure(strapi, async () => { for (let j = i; j < i + block; j += 1) await createOne(j, 'on'); })).ms;
  }
  return {
    'hook off ms/create': (off / creates).toFixed(2),
    'hook on ms/create': (on / creates).toFixed(2),
    'on/off ratio': (on / off).toFixed(2),
    overhead: `${(((on - off) / off) * 100).toFixed(0)} %`,
  };
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  }
);
