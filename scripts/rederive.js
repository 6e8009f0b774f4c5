#!/usr/bin/env node
// npm run rederive             recomputes every derived field (paths, breadcrumbs, attribution,
//                              SEO, JSON-LD) of every category and trail target, and claims every
//                              path and slug in the ledger, in one transaction; exits 1 if two
//                              pages share one.
// npm run rederive -- --check  recomputes them and every redirect target without writing, prints
//                              each mismatch, cycle and broken redirect on one line, then the
//                              counts; exits 1 if it found anything.
// npm run rederive -- --fix    repairs what --check finds, in batches, prints what it repaired,
//                              checks again and exits 1 if anything is left.
// For after a bulk import made with COLOPHON_HOOK=false, a restored backup, a change to
// config/colophon.ts, or a page that looks stale: see the README.
'use strict';
const path = require('node:path');
const { compileStrapi, createStrapi } = require('@strapi/strapi');

const USAGE = 'usage: npm run rederive [-- --check | -- --fix]';

function readMode(args) {
  const known = new Set(['--check', '--fix']);
  const unknown = args.filter((arg) => !known.has(arg));
  if (unknown.length > 0 || args.length > 1) return null;
  return args[0] === '--check' ? 'check' : args[0] === '--fix' ? 'fix' : 'rederive';
}

(async () => {
  const mode = readMode(process.argv.slice(2));
  if (mode === null) {
    console.error(USAGE);
    process.exit(2);
  }
  const appDir = path.resolve(__dirname, '..');
  const { distDir } = await compileStrapi({ appDir });
  process.env.LOG_LEVEL = process.env.LOG_LEVEL || 'warn';
  const strapi = await createStrapi({ appDir, distDir }).load();
  let exitCode = 0;
  if (mode === 'rederive') {
    const { cascadeEverything } = require(path.join(distDir, 'src/strapi/hook/cascade.js'));
    const { reclaimEverything, claimReservedPaths } = require(path.join(distDir, 'src/strapi/claims/index.js'));
    const started = Date.now();
    const report = await strapi.db.transaction(async ({ trx }) => {
      const derived = await cascadeEverything(strapi, trx);
      // Rows written with the hook off hold paths and slugs no one has claimed yet.
      const conflict = (await reclaimEverything(strapi, trx, { slugs: true })) ?? (await claimReservedPaths(strapi, trx));
      return { ...derived, conflict };
    });
    console.log(`Re-derived ${report.categories} categories and ${report.rows} rows in ${Date.now() - started} ms.`);
    if (report.conflict) {
      console.log(
        `Some pages share a path or slug (first: ${report.conflict.slug ?? report.conflict.path} in locale ${report.conflict.locale}); ` +
          'run `npm run rederive -- --check` to list them and `-- --fix` to move them.'
      );
      exitCode = 1;
    }
  } else {
    const { runConsistencyCommand } = require(path.join(distDir, 'src/strapi/consistency/command.js'));
    exitCode = await runConsistencyCommand(strapi, mode, (line) => console.log(line));
  }
  await strapi.destroy();
  process.exit(exitCode);
})().catch((error) => {
  console.error(error);
  process.exit(1);
});
