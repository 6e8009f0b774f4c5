#!/usr/bin/env node
// Recomputes every derived field (paths, breadcrumbs, attribution, SEO, JSON-LD) of every
// category and trail target, in one transaction. For after a bulk import made with
// COLOPHON_HOOK=false, or after changing config/colophon.ts.
'use strict';
const path = require('node:path');
const { compileStrapi, createStrapi } = require('@strapi/strapi');

(async () => {
  const appDir = path.resolve(__dirname, '..');
  const { distDir } = await compileStrapi({ appDir });
  process.env.LOG_LEVEL = process.env.LOG_LEVEL || 'warn';
  const strapi = await createStrapi({ appDir, distDir }).load();
  const { cascadeEverything } = require(path.join(distDir, 'src/strapi/derived/cascade.js'));
  const started = Date.now();
  const report = await strapi.db.transaction(({ trx }) => cascadeEverything(strapi, trx));
  console.log(`Re-derived ${report.categories} categories and ${report.rows} rows in ${Date.now() - started} ms.`);
  await strapi.destroy();
  process.exit(0);
})().catch((error) => {
  console.error(error);
  process.exit(1);
});
