#!/usr/bin/env node
// npm run bench:concurrency [-- --db=postgres] [-- --seconds=20] [-- --writers=4]
//                           [-- --renameEvery=3] [-- --articles=10000] [-- --createShare=0.3]
// Editors saving while the tree is renamed under them. Seeds a 10 000-article newsroom, boots
// the app listening on 127.0.0.1, and for --seconds runs --writers clients over HTTP with an
// API token, each saving as fast as it is answered: draft updates of random existing articles'
// titles, and (a --createShare of the time) draft creates into random leaf categories. Once
// like that, once more while another client renames the root every --renameEvery seconds (the
// name, and every other time the slug too, so every published path moves). Prints saves per
// second each way, the longest single save wait, the answers that were not 2xx by status (503
// with Retry-After is contention the client was told about; any 500 is a failure), and what
// the consistency checker finds at the end.
// A benchmark, not a test: nothing is asserted. Every request loop stops by itself.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { parseArgs, compile, withFreshApp, seedNewsroom, table, meta, subtreeCategoryIds, articleRowsIn } = require('./bench/newsroom');
const { listenOnLoopback, createApiToken } = require('./bench/http');
const { LoadClient } = require('./bench/load-client');
const { percentiles, fmt, processPeakRssMb } = require('./bench/instruments');
const { watchPgOverlap } = require('./bench/pg-overlap');

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const seconds = Number(args.seconds || 20);
  const writers = Number(args.writers || 4);
  const renameEvery = Number(args.renameEvery || 3);
  const articles = Number(args.articles || 10000);
  const createShare = Number(args.createShare ?? 0.3);
  const pg = watchPgOverlap();
  const { distDir } = await compile();
  const rows = [];
  const renameRows = [];
  const loud = [];
  let consistency;
  let ownCheck;

  pg.phase('boot and seed');
  await withFreshApp(distDir, args.db, `concurrency_${articles}`, async (strapi) => {
    pg.attach(strapi);
    const { root, leaves } = await seedNewsroom(strapi, articles);
    const { baseUrl } = await listenOnLoopback(strapi);
    const token = await createApiToken(strapi);
    const article = meta(strapi, 'api::article.article');
    const articleDocIds = await strapi.db.connection(article.table).distinct(article.col('documentId')).pluck(article.col('documentId'));
    const leafDocIds = leaves.map((leaf) => leaf.documentId);

    const client = await LoadClient.spawn();
    try {
      for (const withRenamer of [false, true]) {
        const label = withRenamer ? `writers + renamer every ${renameEvery} s` : 'writers only';
        pg.phase(label);
        const jobs = [{ kind: 'writers', name: 'writers', count: writers, token, locale: 'fr', articleDocIds, leafDocIds, createShare }];
        if (withRenamer) {
          jobs.push({
            kind: 'renamer',
            name: 'renamer',
            everyMs: renameEvery * 1000,
            slugEvery: 2,
            token,
            documentId: root.documentId,
            locale: 'fr',
            baseName: 'Monde',
            baseSlug: 'monde',
          });
        }
        const started = performance.now();
        await client.start({ baseUrl, maxSeconds: seconds, jobs });
        // The client's loops end by themselves after `seconds`; stop() then waits for what is in flight.
        await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
        const results = Object.fromEntries((await client.stop()).map((job) => [job.name, job]));
        const elapsed = (performance.now() - started) / 1000;
        const w = results.writers;
        const waits = percentiles(w.latencies);
        const ok = w.byAction.update.ok + w.byAction.create.ok;
        rows.push({
          db: args.db,
          run: label,
          writers,
          seconds: fmt(elapsed, 1),
          'saves ok': ok,
          'saves/s': fmt(ok / elapsed, 1),
          'updates ok/sent': `${w.byAction.update.ok}/${w.byAction.update.sent}`,
          'creates ok/sent': `${w.byAction.create.ok}/${w.byAction.create.sent}`,
          'save p50 ms': fmt(waits.p50),
          'save p99 ms': fmt(waits.p99),
          'longest save ms': fmt(waits.max),
          'non-2xx by status': nonSuccess(w),
        });
        if (withRenamer) {
          const r = results.renamer;
          for (const rename of r.renames) renameRows.push({ db: args.db, kind: rename.kind, ms: fmt(rename.ms), status: rename.status });
          if (r.renames.length === 0) renameRows.push({ db: args.db, kind: '(none: run shorter than --renameEvery)', ms: '-', status: '-' });
        }
        for (const job of Object.values(results)) {
          for (const [key, samples] of Object.entries(job.failures ?? {})) {
            const line = `[${label}] ${job.name}: ${key} e.g. ${samples[0].method} ${samples[0].path} -> ${samples[0].body.slice(0, 300)}`;
            if (key === '500') loud.push(`${job.statuses['500']} × 500 from ${job.name} (${label}); ${line}`);
            else console.log(line);
          }
          if (job.error) loud.push(`load client failed: ${job.error}`);
        }
      }
    } finally {
      client.close();
    }

    pg.phase('consistency check');
    // Let entry events and in-flight writes settle before judging what is stored.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    consistency = await runChecker(strapi);
    ownCheck = await trailsNamingTheRoot(strapi, root);
    pg.phase('teardown');
  });

  console.log(`\nSaves under contention (${args.db}), ${writers} writers over HTTP, draft saves, ${Math.round(createShare * 100)} % creates`);
  table(rows);
  console.log(`\nRenames of the root during the second run (${args.db}), each with ${articles} articles below it`);
  table(renameRows);
  if (loud.length > 0) {
    console.log('\n' + '!'.repeat(78));
    console.log(`!!! FAILURE: the server answered 500 Internal Server Error under concurrency (${args.db})`);
    for (const line of loud) console.log(`!!! ${line}`);
    console.log('!'.repeat(78));
  } else {
    console.log(`\nNo 500 answers (${args.db}).`);
  }
  console.log(`\nConsistency at the end (${args.db}): ${consistency}`);
  console.log(`Trails under the root naming its current name and slug (${args.db}): ${ownCheck}`);
  console.log(`\nProcess peak RSS (OS, whole run): ${processPeakRssMb().toFixed(0)} MB`);
  pg.print();
}

/** "503×12 (12 with Retry-After), 409×1, ECONNRESET×2", or "none". */
function nonSuccess(job) {
  const parts = Object.entries(job.statuses)
    .filter(([status]) => Number(status) >= 300)
    .map(([status, count]) => `${status}×${count}${status === '503' ? ` (${job.retryAfter} with Retry-After)` : ''}`);
  for (const [error, count] of Object.entries(job.errors)) parts.push(`${error}×${count}`);
  return parts.length ? parts.join(', ') : 'none';
}

/**
 * The consistency checker is written on another branch (src/strapi/consistency): use it when
 * this build has it, and say so when it does not rather than fail the whole benchmark.
 */
async function runChecker(strapi) {
  const file = path.join(strapi.dirs.dist.root, 'src/strapi/consistency/index.js');
  if (!fs.existsSync(file)) return 'checker not available';
  const { checkConsistency } = require(file);
  if (typeof checkConsistency !== 'function') return 'checker not available (no checkConsistency export)';
  const report = await checkConsistency(strapi);
  const counts = Object.entries(report.counts ?? {})
    .map(([name, count]) => `${name} ${count}`)
    .join(', ');
  const examples = (report.findings ?? []).slice(0, 3).map((finding) => JSON.stringify(finding).slice(0, 200));
  return `${report.total} finding(s)${counts ? ` (${counts})` : ''}${examples.length ? `\n  e.g. ${examples.join('\n  e.g. ')}` : ''}`;
}

/**
 * A cross-check that needs no checker: once everything is quiet, every article row under the
 * root must show the root's current name in its trail and its current slug in its path.
 */
async function trailsNamingTheRoot(strapi, root) {
  const article = meta(strapi, 'api::article.article');
  const category = meta(strapi, 'api::category.category');
  const now = await strapi.db.connection(category.table).where('id', root.id).first(category.col('name'), category.col('slug'));
  const name = now[category.col('name')];
  const slug = now[category.col('slug')];
  const subtree = await subtreeCategoryIds(strapi, root.id);
  const under = () => strapi.db.connection(article.table).whereIn('id', articleRowsIn(strapi, subtree));
  const [{ c: total }] = await under().count({ c: 'id' });
  const staleRows = () => under()
    .where((q) =>
      q
        .whereNull(article.col('breadcrumbText'))
        .orWhereNull(article.col('path'))
        .orWhereNot(article.col('breadcrumbText'), 'like', `% > ${name} > %`)
        .orWhereNot(article.col('path'), 'like', `%/${slug}/%`)
    );
  const [{ c: stale }] = await staleRows().count({ c: 'id' });
  const examples = await staleRows().limit(3).select(article.col('path'), article.col('publishedAt'), article.col('breadcrumbText'));
  const shown = examples.map((row) => `\n  e.g. ${row[article.col('publishedAt')] ? 'published' : 'draft'} ${row[article.col('path')]}: "${row[article.col('breadcrumbText')]}"`);
  return `${Number(total) - Number(stale)} of ${Number(total)} rows up to date with "${name}" (/${slug}/)${Number(stale) ? `, ${stale} STALE${shown.join('')}` : ''}`;
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  }
);
