#!/usr/bin/env node
// npm run bench:attribution [-- --db=postgres] [-- --sizes=10000]
// Renames a Source credited by N articles (a draft and a published row each) and reports what
// re-deriving their footers and JSON-LD cost, against one plain SQL UPDATE of the same rows.
'use strict';
const { parseArgs, compile, withFreshApp, seedNewsroom, measure, processPeakRssMb, table, meta } = require('./bench/newsroom');

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const sizes = String(args.sizes || '1000,10000').split(',').map(Number);
  const { distDir } = await compile();
  const rows = [];

  for (const n of sizes) {
    await withFreshApp(distDir, args.db, `attribution_${n}`, async (strapi) => {
      const { source } = await seedNewsroom(strapi, n);
      const article = meta(strapi, 'api::article.article');

      const plain = await measure(strapi, () =>
        strapi.db.connection(article.table).where(article.col('locale'), 'fr').update({ [article.col('attribution')]: '{}' })
      );
      const cascade = await measure(strapi, () =>
        strapi.documents('api::source.source').update({ documentId: source.documentId, data: { name: 'Réseau International (RI)' } })
      );
      const [{ c }] = await strapi.db
        .connection(article.table)
        .whereRaw('CAST(?? AS TEXT) LIKE ?', [article.col('attribution'), '%(RI)%'])
        .count({ c: 'id' });
      rows.push({
        db: args.db,
        articles: n,
        rows: 2 * n,
        updated: Number(c),
        'cascade ms': cascade.ms.toFixed(0),
        'SQL statements': cascade.queries,
        'RSS before MB': cascade.rssBeforeMb.toFixed(0),
        'peak RSS MB': cascade.peakRssMb.toFixed(0),
        'plain UPDATE ms': plain.ms.toFixed(1),
        'ratio to plain': (cascade.ms / plain.ms).toFixed(1),
        'µs per row': ((cascade.ms * 1000) / (2 * n)).toFixed(0),
      });
    });
  }

  console.log(`\nSource rename cascade (${args.db})`);
  table(rows);
  console.log(`\nProcess peak RSS: ${processPeakRssMb().toFixed(0)} MB`);
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  }
);
