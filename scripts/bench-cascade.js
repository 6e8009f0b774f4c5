#!/usr/bin/env node
// npm run bench:cascade [-- --db=postgres] [-- --sizes=1000,10000] [-- --creates=200]
//                       [-- --outside=20] [-- --saveAfter=100] [-- --readEvery=50]
//                       [-- --logRounds=0]
// Renames the root of a 3-level category tree holding N articles (a draft and a published
// row each), twice: the name only (no path moves), then name and slug (every published path
// moves, so redirects are written). For each rename it reports what the cascade cost,
// against one plain SQL UPDATE of the same rows, and what it did to everyone else meanwhile:
// the OS's peak RSS, the longest event-loop stall, the latency of public reads arriving over
// HTTP every 50 ms, and how long a save waits when it arrives 100 ms into the cascade, for an
// article under the renamed root and for one under a second root outside it.
// With --logRounds=R, then renames the root 2R more times, the change log on and off in turn
// in the same app on the same rows (the order swapped each round), public reads arriving
// meanwhile, and prints what the log costs a cascade: paired runs, so the drift of a shared
// machine and of the database's caches falls on both sides alike.
// Then measures what the hook adds to creating an article.
// A benchmark, not a test: goals are printed PASS/FAIL, nothing is asserted.
'use strict';
const {
  parseArgs,
  compile,
  withFreshApp,
  seedNewsroom,
  measure,
  processPeakRssMb,
  table,
  meta,
  subtreeCategoryIds,
  articleRowsIn,
} = require('./bench/newsroom');
const { listenOnLoopback, createApiToken, request } = require('./bench/http');
const { LoadClient } = require('./bench/load-client');
const { percentiles, fmt, goal } = require('./bench/instruments');
const { watchPgOverlap } = require('./bench/pg-overlap');

const RENAMES = [
  { kind: 'name', data: { name: 'International' }, trailHas: 'International' },
  { kind: 'name+slug', data: { name: 'Global', slug: 'global' }, trailHas: 'Global', pathHas: '/global/' },
];

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const sizes = String(args.sizes || '1000,10000').split(',').map(Number);
  const creates = Number(args.creates || 200);
  const outside = Math.max(1, Number(args.outside || 20)); // the out-of-tree save needs one
  const saveAfterMs = Number(args.saveAfter || 100);
  const readEveryMs = Number(args.readEvery || 50);
  const logRounds = Number(args.logRounds || 0);
  const pg = watchPgOverlap();
  const { distDir } = await compile();
  const costRows = [];
  const sideRows = [];
  const results = [];
  const notes = [];
  let hookRow;
  let logCost = null;
  let rssSource;

  for (const n of sizes) {
    pg.phase(`boot and seed, ${n}`);
    await withFreshApp(distDir, args.db, `cascade_${n}`, async (strapi) => {
      pg.attach(strapi);
      const { root, leaves, outsideRoot, fullRebuildMs } = await seedNewsroom(strapi, n, { outside });
      const { baseUrl } = await listenOnLoopback(strapi);
      const token = await createApiToken(strapi);
      await checkPublicRead(baseUrl);
      const article = meta(strapi, 'api::article.article');
      const redirect = meta(strapi, 'api::redirect.redirect');
      const subtree = await subtreeCategoryIds(strapi, root.id);
      const documentIdOf = async (slug) =>
        (await strapi.db.query('api::article.article').findOne({ where: { slug, locale: 'fr', publishedAt: null }, select: ['documentId'] })).documentId;
      const inTreeDoc = await documentIdOf('article-0');
      const outsideDoc = await documentIdOf('outside-0');
      await warmUpSaves(baseUrl, token, [inTreeDoc, outsideDoc]);
      const readPaths = Array.from({ length: 500 }, () => `/api/articles?filters[slug][$eq]=article-${Math.floor(Math.random() * n)}&locale=fr`);
      const countRows = async (builder) => Number((await builder.count({ c: 'id' }))[0].c);

      const plain = await plainUpdate(strapi, subtree);
      const client = await LoadClient.spawn();
      try {
        for (const rename of RENAMES) {
          const redirectsBefore = await countRows(strapi.db.connection(redirect.table));
          // Saves are draft saves (what an editor's Save does). REST's default would publish, and
          // the seeded credits ("translation" without an original) are refused at publication.
          const saveBody = { data: { title: `Saved during the ${rename.kind} rename` } };
          pg.phase(`${n}, ${rename.kind} rename with reads and saves`);
          await client.start({
            baseUrl,
            maxSeconds: 30 * 60,
            jobs: [
              { kind: 'reader', name: 'reads', everyMs: readEveryMs, paths: readPaths },
              { kind: 'once', name: 'in-tree save', atMs: saveAfterMs, method: 'PUT', path: `/api/articles/${inTreeDoc}?locale=fr&status=draft`, body: saveBody, token },
              { kind: 'once', name: 'out-of-tree save', atMs: saveAfterMs, method: 'PUT', path: `/api/articles/${outsideDoc}?locale=fr&status=draft`, body: saveBody, token },
            ],
          });
          const cascade = await measure(strapi, () =>
            strapi.documents('api::category.category').update({ documentId: root.documentId, locale: 'fr', data: rename.data })
          );
          const load = Object.fromEntries((await client.stop()).map((job) => [job.name, job]));
          pg.phase(`${n}, checks after the ${rename.kind} rename`);
          rssSource = cascade.peakRssSource;

          const underRoot = () => strapi.db.connection(article.table).whereIn('id', articleRowsIn(strapi, subtree));
          const retrailedQuery = underRoot().where(article.col('breadcrumbText'), 'like', `%${rename.trailHas}%`);
          if (rename.pathHas) retrailedQuery.where(article.col('path'), 'like', `%${rename.pathHas}%`);
          const retrailed = await countRows(retrailedQuery.clone());
          if (retrailed < 2 * n) {
            const stale = await underRoot()
              .whereNotIn('id', retrailedQuery.clone().select('id'))
              .select(article.col('slug'), article.col('publishedAt'), article.col('breadcrumbText'))
              .limit(4);
            notes.push(
              `${n} ${rename.kind}: ${2 * n - retrailed} row(s) under the root lack the new trail once the cascade and the saves are over, e.g. ` +
                stale.map((row) => `${row[article.col('slug')]} (${row[article.col('publishedAt')] ? 'published' : 'draft'}): "${row[article.col('breadcrumbText')]}"`).join('; ')
            );
          }
          const outsideTouched = await countRows(
            strapi.db.connection(article.table).whereIn('id', articleRowsIn(strapi, [outsideRoot.id])).where(article.col('breadcrumbText'), 'like', `%${rename.trailHas}%`)
          );
          if (outsideTouched > 0) notes.push(`${n} ${rename.kind}: ${outsideTouched} row(s) under the OTHER root carry the renamed root's name`);
          const redirects = (await countRows(strapi.db.connection(redirect.table))) - redirectsBefore;
          const reads = load.reads;
          const readStats = percentiles(reads.latencies);
          const readFailures = Object.entries(reads.statuses).filter(([status]) => Number(status) >= 300).reduce((sum, [, c]) => sum + c, 0) +
            Object.values(reads.errors).reduce((sum, c) => sum + c, 0);

          const result = { n, kind: rename.kind, cascade, plain, readStats, readFailures, load };
          results.push(result);
          costRows.push({
            db: args.db,
            articles: n,
            kind: rename.kind,
            rows: 2 * n,
            retrailed,
            redirects,
            'cascade ms': fmt(cascade.ms),
            'SQL statements': cascade.queries,
            'plain UPDATE ms': fmt(plain.ms, 1),
            'ratio to plain': fmt(cascade.ms / plain.ms, 1),
            'µs per row': fmt((cascade.ms * 1000) / (2 * n)),
            'full rebuild ms': fmt(fullRebuildMs),
          });
          sideRows.push({
            articles: n,
            kind: rename.kind,
            'RSS before MB': fmt(cascade.rssBeforeMb),
            'peak RSS MB': fmt(cascade.peakRssMb),
            'stall ms (histogram)': fmt(cascade.stall.histogramMaxMs),
            'stall ms (10 ms gap)': fmt(cascade.stall.intervalGapMaxMs),
            reads: reads.skipped ? `${readStats.count} (+${reads.skipped} held back)` : readStats.count,
            'read p99 ms': fmt(readStats.p99),
            'read max ms': fmt(readStats.max),
            'reads non-2xx': readFailures,
            'in-tree save ms': saveCell(load['in-tree save']),
            'out-of-tree save ms': saveCell(load['out-of-tree save']),
          });
          reportFailures(`${n} ${rename.kind}`, load);
          notes.push(
            `${n} ${rename.kind}: the longest stall ended ${fmt(cascade.stall.endMs)} ms into the ${fmt(cascade.ms)} ms cascade; ` +
              `at the largest sampled RSS (${cascade.memoryAtPeak.rssMb} MB) V8's heap held ${cascade.memoryAtPeak.heapUsedMb} of ${cascade.memoryAtPeak.heapTotalMb} MB, external ${cascade.memoryAtPeak.externalMb} MB; ` +
              `longest GC ${fmt(cascade.stall.longestGc?.ms)} ms, ended at ${fmt(cascade.stall.longestGc?.endMs)} ms (all GC: ${fmt(cascade.stall.gcTotalMs)} ms); slowest statements: ` +
              cascade.slowestQueries.map((q) => `${fmt(q.ms)} ms at ${fmt(q.startMs)} ms (${q.sql}…)`).join('; ')
          );
        }
        if (logRounds > 0 && n === sizes[sizes.length - 1]) logCost = await measureLogCost(strapi, root, logRounds, client, baseUrl, readPaths, readEveryMs, pg);
      } finally {
        client.close();
      }

      if (n === sizes[0]) hookRow = await measureHookOverhead(strapi, leaves[0], creates, pg);
      pg.phase(`${n}, teardown`);
    });
  }

  console.log(`\nCategory rename cascade (${args.db}): cost`);
  table(costRows);
  console.log(
    `\nWhile it runs (${args.db}): peak RSS is ${rssSource}; a read every ${readEveryMs} ms over HTTP from another process;` +
      ` draft saves (PUT over HTTP, API token) sent ${saveAfterMs} ms after the cascade started, ms (status)`
  );
  table(sideRows);
  for (const note of notes) console.log(`NOTE ${note}`);
  console.log(`\nGoals (${args.db}), checked per row, not asserted`);
  table(goalRows(results));
  if (logCost) printLogCost(args.db, logCost);
  console.log(`\nArticle create through the document service, ${creates} each way, published, with a category and a credit (${args.db})`);
  table([hookRow]);
  console.log(`\nProcess peak RSS (OS, whole run): ${processPeakRssMb().toFixed(0)} MB`);
  pg.print();
}

/**
 * The first save a booted app answers builds Strapi's validators and sanitizers for the
 * route, tens of milliseconds at once on the main thread, cascade or not. Measured, that pause
 * landed in the first rename's stall figure, so the saves are made once before anything is
 * measured, as checkPublicRead does for reads.
 */
async function warmUpSaves(baseUrl, token, documentIds) {
  for (const documentId of documentIds) {
    const { status } = await request(baseUrl, 'PUT', `/api/articles/${documentId}?locale=fr&status=draft`, { body: { data: { title: 'Warm-up save' } }, token });
    if (status !== 200) console.warn(`WARNING: the warm-up save of ${documentId} answered ${status}.`);
  }
}

/** The Public role must be able to read articles, or every read below would be a 403. */
async function checkPublicRead(baseUrl) {
  const { status, json } = await request(baseUrl, 'GET', '/api/articles?filters[slug][$eq]=article-0&locale=fr');
  if (status !== 200 || !Array.isArray(json?.data) || json.data.length !== 1) {
    console.warn(`WARNING: a public read of article-0 answered ${status} with ${JSON.stringify(json).slice(0, 200)}: read latencies below are not those of a successful read.`);
  }
}

/**
 * The baseline: ONE plain UPDATE of the very rows the cascade re-trails (draft and published
 * rows of every article under the root), writing the same three columns with values of the
 * same size (those of a real row). It is rolled back, so the cascades start from the seeded
 * state rather than from rows that all claim one path; only the UPDATE is timed, not the
 * rollback (a commit would add one WAL flush). The faster of two runs.
 */
async function plainUpdate(strapi, categoryIds) {
  const article = meta(strapi, 'api::article.article');
  const knex = strapi.db.connection;
  const columns = ['breadcrumbs', 'breadcrumbText', 'path'].map((a) => article.col(a));
  const sample = await knex(article.table).whereIn('id', articleRowsIn(strapi, categoryIds)).first(columns);
  const values = Object.fromEntries(
    columns.map((column) => [column, typeof sample[column] === 'string' || sample[column] === null ? sample[column] : JSON.stringify(sample[column])])
  );
  // Twice, keeping the faster: one slow run (a checkpoint in the background, a cold cache)
  // would flatter every ratio below.
  let best = null;
  for (let run = 0; run < 2; run += 1) {
    const trx = await knex.transaction();
    try {
      const started = performance.now();
      const rows = await trx(article.table).whereIn('id', articleRowsIn(strapi, categoryIds)).update(values);
      const ms = performance.now() - started;
      if (!best || ms < best.ms) best = { ms, rows };
    } finally {
      await trx.rollback();
    }
  }
  return best;
}

const saveCell = (save) => (save ? `${fmt(save.ms)} (${save.status ?? save.error})` : '-');

function reportFailures(label, load) {
  for (const job of Object.values(load)) {
    for (const [key, samples] of Object.entries(job.failures)) {
      const loud = key === '500' ? ' <-- SERVER ERROR' : '';
      console.log(`[${label}] ${job.name}: ${key}${loud} e.g. ${samples[0].method} ${samples[0].path} -> ${samples[0].body.slice(0, 200)}`);
    }
  }
}

function goalRows(results) {
  return results.map(({ n, kind, cascade, plain, readStats }) => {
    const usPerRow = (cascade.ms * 1000) / (2 * n);
    const at10k = results.find((r) => r.n === 10000 && r.kind === kind);
    const usAt10k = at10k ? (at10k.cascade.ms * 1000) / (2 * at10k.n) : null;
    const ratio = cascade.ms / plain.ms;
    return {
      articles: n,
      kind,
      'ratio ≤ 10 at 100 000': goal(n === 100000, ratio <= 10, `${ratio.toFixed(1)}×`),
      'µs/row ≤ 1.3× of 10 000': n === 100000 && !at10k ? 'n/a (no 10 000 run)' : goal(n === 100000, usPerRow <= 1.3 * usAt10k, `${(usPerRow / usAt10k).toFixed(2)}×`),
      'stall ≤ 100 ms': goal(true, cascade.stall.longestMs <= 100, `${cascade.stall.longestMs.toFixed(0)} ms`),
      'read p99 < 500 ms': readStats.count === 0 ? 'n/a (no read)' : goal(true, readStats.p99 < 500, `${readStats.p99.toFixed(0)} ms`),
      'peak RSS < 600 MB': goal(true, cascade.peakRssMb < 600, `${cascade.peakRssMb.toFixed(0)} MB`),
    };
  });
}

/**
 * What writing the change log costs a cascade, measured in pairs in one app: each round renames
 * the root once with the log (and the response cache that reads it) on and once with both off,
 * in alternating order, while public reads arrive. Separate processes for each side (the
 * CHANGE_LOG=false baseline) spread over ±6 s on PostgreSQL from run to run, more than the
 * 5 % to be told apart.
 */
async function measureLogCost(strapi, root, rounds, client, baseUrl, readPaths, readEveryMs, pg) {
  const delivery = strapi.config.get('colophon').delivery;
  const countChanges = async () => Number((await strapi.db.connection('colophon_changes').count({ c: 'id' }))[0].c);
  const runs = [];
  for (let round = 0; round < rounds; round += 1) {
    const order = round % 2 === 0 ? [true, false] : [false, true];
    const pair = {};
    for (const on of order) {
      strapi.config.set('colophon.delivery.changeLog', on);
      delivery.responseCache.enabled = on;
      pg.phase(`log cost, round ${round + 1}, log ${on ? 'on' : 'off'}`);
      await client.start({ baseUrl, maxSeconds: 30 * 60, jobs: [{ kind: 'reader', name: 'reads', everyMs: readEveryMs, paths: readPaths }] });
      const name = `Log ${round + 1} ${on ? 'on' : 'off'}`;
      const logged = await countChanges();
      const cascade = await measure(strapi, () => strapi.documents('api::category.category').update({ documentId: root.documentId, locale: 'fr', data: { name } }));
      await client.stop();
      // A side that did not do what it claims would make the comparison worthless.
      if ((await countChanges()) - logged !== (on ? 1 : 0)) throw new Error(`the rename with the log ${on ? 'on' : 'off'} logged ${(await countChanges()) - logged} changes`);
      pair[on ? 'on' : 'off'] = cascade.ms;
    }
    runs.push({ round: round + 1, first: order[0] ? 'on' : 'off', ...pair });
  }
  strapi.config.set('colophon.delivery.changeLog', true);
  delivery.responseCache.enabled = true;
  return runs;
}

function printLogCost(db, runs) {
  const median = (values) => {
    const sorted = [...values].sort((a, b) => a - b);
    const middle = Math.floor(sorted.length / 2);
    return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
  };
  const ratios = runs.map((run) => run.on / run.off);
  console.log(`\nWhat the change log costs a cascade (${db}): the same rename with the log and the response cache on, then off, in one app (order swapped each round)`);
  table(runs.map((run) => ({ round: run.round, first: run.first, 'log on ms': fmt(run.on), 'log off ms': fmt(run.off), 'on / off': (run.on / run.off).toFixed(3) })));
  const mean = (values) => values.reduce((sum, value) => sum + value, 0) / values.length;
  const medianRatio = median(ratios);
  console.log(
    `median on/off ${medianRatio.toFixed(3)} (${((medianRatio - 1) * 100).toFixed(1)} %), mean ${mean(ratios).toFixed(3)}, range ${Math.min(...ratios).toFixed(3)}–${Math.max(...ratios).toFixed(3)}; ` +
      `goal at most 5 % slower: ${goal(true, medianRatio <= 1.05, `${((medianRatio - 1) * 100).toFixed(1)} %`)}`
  );
}

async function measureHookOverhead(strapi, leaf, creates, pg) {
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
    pg.phase('creates with the hook off');
    off += (await measure(strapi, async () => { for (let j = i; j < i + block; j += 1) await createOne(j, 'off'); })).ms;
    strapi.config.set('colophon.hook.enabled', true);
    pg.phase('creates with the hook on');
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
