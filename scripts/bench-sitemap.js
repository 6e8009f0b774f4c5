#!/usr/bin/env node
/**
 * npm run bench:sitemap [-- --db=sqlite|postgres] [-- --articles=100000] [-- --rounds=2] [-- --feedRequests=200] [-- --feedConcurrency=10]
 *
 * What serving the sitemaps of a large archive costs, on SQLite and PostgreSQL side by side
 * (one database with --db): N articles, each published in French and in English (2N pages),
 * under 13 categories. Each round (two by default) fetches, over HTTP on loopback, the sitemap
 * index and every sitemap it names, reading each body to its end, with the response cache off
 * (what a crawler's visit costs). Reported: the wall time of the whole set, bytes and URLs
 * served, the process's peak RSS growth over the run, and the longest event-loop stall.
 * Goals: the whole set in under 10 s, peak RSS growth under 100 MB, no stall over 100 ms.
 * Then feed requests per second, on the same archive and still with the response cache off (so
 * each request reads the database): the French site feed and one leaf category's (a ninth of
 * the articles), in RSS and JSON Feed, and the root category's (all of them) in RSS,
 * --feedRequests (200) one after another, then as many from --feedConcurrency (10) clients at
 * once, each answer read to its end.
 *
 * A benchmark, not a test: numbers depend on the machine. BENCH_PROFILE=<prefix> writes a CPU
 * profile of each round to <prefix>-<db>-<round>.cpuprofile; BENCH_VERBOSE=1 prints each
 * file's time, the slowest statements and the stall's details.
 */
'use strict';
const { parseArgs, compile, withFreshApp, seedNewsroom, measure, meta, table } = require('./bench/newsroom');
const { listenOnLoopback } = require('./bench/http');
const { fmt, goal, percentiles } = require('./bench/instruments');
const path = require('node:path');

/** An English localization of every French article row (draft and published), filed in the same category. */
async function addEnglish(strapi) {
  const locales = strapi.plugin('i18n').service('locales');
  for (const [code, name] of [['fr', 'French (fr)'], ['en', 'English (en)']]) if (!(await locales.findByCode(code))) await locales.create({ code, name });
  const knex = strapi.db.connection;
  const article = meta(strapi, 'api::article.article');
  // The seeded credits make every article a republication, which stays out of the index by
  // default: said to be indexed, as a newsroom's own articles are, they are all listed.
  await knex(article.table).update({ [article.col('syndication')]: 'index' });
  const link = article.attr('category').joinTable;
  const [{ max }] = await knex(article.table).max({ max: 'id' });
  const offset = Number(max);
  for (let cursor = 0; ; ) {
    const rows = await knex(article.table).where(article.col('locale'), 'fr').where('id', '>', cursor).orderBy('id').limit(200);
    if (rows.length === 0) break;
    cursor = rows[rows.length - 1].id;
    const links = await knex(link.name).whereIn(link.joinColumn.name, rows.map((row) => row.id));
    await knex.transaction(async (trx) => {
      await trx(article.table).insert(
        rows.map((row) => ({ ...row, id: row.id + offset, [article.col('locale')]: 'en', [article.col('path')]: null, [article.col('seo')]: null }))
      );
      await trx(link.name).insert(links.map(({ id, ...row }) => ({ ...row, [link.joinColumn.name]: row[link.joinColumn.name] + offset })));
    });
  }
  // An archive, as a newsroom has one: each document first published ten minutes before the
  // next, the newest now (and the news sitemap's 48 hours hold a few hundred of them).
  const published = article.col('publishedAt');
  const first = article.col('firstPublishedAt');
  const order = `(${offset * 2} - (case when id > ${offset} then id - ${offset} else id end))`;
  if (strapi.db.dialect.client === 'postgres') {
    await knex.raw(`UPDATE ?? SET ?? = now() - ${order} * interval '5 minutes', ?? = now() - ${order} * interval '5 minutes' WHERE ?? IS NOT NULL`, [article.table, published, first, published]);
  } else {
    await knex.raw(`UPDATE ?? SET ?? = ? - ${order} * 300000, ?? = ? - ${order} * 300000 WHERE ?? IS NOT NULL`, [article.table, published, Date.now(), first, Date.now(), published]);
  }
  if (strapi.db.dialect.client === 'postgres') {
    await knex.raw(`SELECT setval(pg_get_serial_sequence(?, 'id'), (SELECT MAX(id) FROM ??))`, [article.table, article.table]);
    await knex.raw('ANALYZE');
  }
  const { cascadeEverything } = require(path.join(strapi.dirs.dist.root, 'src/strapi/hook/cascade.js'));
  const { reclaimEverything } = require(path.join(strapi.dirs.dist.root, 'src/strapi/claims/index.js'));
  await strapi.db.transaction(async ({ trx }) => {
    await cascadeEverything(strapi, trx);
    const conflict = await reclaimEverything(strapi, trx, { slugs: true });
    if (conflict) throw new Error(`two pages share ${conflict.path} (${conflict.locale})`);
  });
}

async function fetchAll(baseUrl) {
  const sizes = { files: 0, bytes: 0, urls: 0 };
  const read = async (file) => {
    const response = await fetch(new URL(`/api/sitemap/${file}`, baseUrl));
    if (response.status !== 200) throw new Error(`${file}: ${response.status} ${await response.text()}`);
    let text = '';
    let bytes = 0;
    const decoder = new TextDecoder();
    let urls = 0;
    for await (const chunk of response.body) {
      bytes += chunk.length;
      // Counted as it streams, never held whole: the client must not be what uses the memory.
      // The tail kept is shorter than `<url>`, so no match is counted twice.
      text = text + decoder.decode(chunk, { stream: true });
      urls += (text.match(/<url>/g) ?? []).length;
      text = text.slice(-4);
    }
    sizes.files += 1;
    sizes.bytes += bytes;
    sizes.urls += urls;
    return bytes;
  };
  const indexStarted = performance.now();
  const indexResponse = await fetch(new URL('/api/sitemap/index.xml', baseUrl));
  const index = await indexResponse.text();
  if (process.env.BENCH_VERBOSE) console.log(`index.xml: ${(performance.now() - indexStarted).toFixed(0)} ms`);
  sizes.files += 1;
  sizes.bytes += index.length;
  const files = [...index.matchAll(/<loc>[^<]*\/sitemap-([^<]+)<\/loc>/g)].map((match) => match[1]);
  for (const file of files) {
    const started = performance.now();
    const bytes = await read(file);
    if (process.env.BENCH_VERBOSE) console.log(`${file}: ${bytes} bytes in ${(performance.now() - started).toFixed(0)} ms`);
  }
  return sizes;
}

/**
 * Feed requests per second: each feed fetched once to check it (200, FEED_SIZE items), then
 * `requests` times one after another and `requests` times from `concurrency` clients at once.
 */
async function measureFeeds(strapi, baseUrl, db, { requests, concurrency }) {
  const category = meta(strapi, 'api::category.category');
  const named = async (name) => (await strapi.db.connection(category.table).where(category.col('name'), name).where(category.col('locale'), 'fr').first())[category.col('documentId')];
  const leafId = await named('Rubrique 0.0');
  const rootId = await named('Monde');
  // The leaf's subtree is read whole, the root's (every article) by walking the index (src/strapi/discovery/feeds.ts).
  const feeds = [
    ['site', 'RSS', '/api/feeds/fr/rss.xml'],
    ['site', 'JSON', '/api/feeds/fr/feed.json'],
    ['category (a leaf)', 'RSS', `/api/feeds/fr/categories/${leafId}/rss.xml`],
    ['category (a leaf)', 'JSON', `/api/feeds/fr/categories/${leafId}/feed.json`],
    ['category (the root)', 'RSS', `/api/feeds/fr/categories/${rootId}/rss.xml`],
  ];
  const size = strapi.config.get('colophon').discovery.feedSize;
  const fetchOne = async (path) => {
    const started = performance.now();
    const response = await fetch(new URL(path, baseUrl));
    const body = await response.text();
    if (response.status !== 200) throw new Error(`${path}: ${response.status} ${body.slice(0, 200)}`);
    return { ms: performance.now() - started, body };
  };
  const rows = [];
  for (const [feed, format, path] of feeds) {
    const { body } = await fetchOne(path);
    const items = format === 'JSON' ? JSON.parse(body).items.length : (body.match(/<item>/g) ?? []).length;
    if (items !== size) throw new Error(`${path} lists ${items} items, not ${size}`);
    const sequential = [];
    let started = performance.now();
    for (let index = 0; index < requests; index += 1) sequential.push((await fetchOne(path)).ms);
    const sequentialRate = requests / ((performance.now() - started) / 1000);
    const concurrent = [];
    let next = 0;
    started = performance.now();
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (next < requests) {
          next += 1;
          concurrent.push((await fetchOne(path)).ms);
        }
      })
    );
    const concurrentRate = requests / ((performance.now() - started) / 1000);
    rows.push({
      database: db,
      feed,
      format,
      KB: fmt(Buffer.byteLength(body) / 1024, 1),
      'req/s sequential': fmt(sequentialRate, 0),
      'p50 / p99 ms': `${fmt(percentiles(sequential).p50, 1)} / ${fmt(percentiles(sequential).p99, 1)}`,
      [`req/s ${concurrency} at once`]: fmt(concurrentRate, 0),
      'p99 ms at once': fmt(percentiles(concurrent).p99, 1),
    });
  }
  return rows;
}

/** BENCH_PROFILE=<prefix>: a CPU profile of the measured run only, written to <prefix>-<db>.cpuprofile. */
async function startProfile() {
  const inspector = require('node:inspector');
  const session = new inspector.Session();
  session.connect();
  const post = (method, params) => new Promise((resolve, reject) => session.post(method, params, (error, result) => (error ? reject(error) : resolve(result))));
  await post('Profiler.enable');
  await post('Profiler.start');
  return {
    async stop(file) {
      const { profile } = await post('Profiler.stop');
      require('node:fs').writeFileSync(file, JSON.stringify(profile));
      session.disconnect();
    },
  };
}

/** Resolves once SQLite's WAL holds no frame the database file lacks (what the app's PASSIVE checkpoints reach). */
async function waitForCheckpoint(strapi) {
  const started = performance.now();
  for (;;) {
    const [state] = await strapi.db.connection.raw('PRAGMA wal_checkpoint(PASSIVE)');
    if (state.busy === 0 && state.log === state.checkpointed) break;
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
  console.log(`(the WAL was checkpointed after ${fmt((performance.now() - started) / 1000, 1)} s)`);
}

async function measureDatabase(distDir, db, articles, rounds, feedLoad) {
  process.env.RESPONSE_CACHE = 'off';
  return withFreshApp(distDir, db, 'sitemap', async (strapi) => {
    await seedNewsroom(strapi, articles);
    await addEnglish(strapi);
    const { baseUrl } = await listenOnLoopback(strapi);
    // A bulk load of 200 000 rows leaves SQLite's WAL a few GB long, which the app's checkpointer
    // copies into the database file over the next minute or so, reading and writing all of it;
    // a crawl meeting it there measured the disk, not the sitemaps (a statement of 1.2 s). Wait,
    // as a crawler would not arrive within that minute, until every frame is copied: the state
    // the checkpointer reaches on its own. Each round is then a crawler's whole visit.
    if (db === 'sqlite') await waitForCheckpoint(strapi);
    // PostgreSQL: the English half was loaded after seedNewsroom's ANALYZE, and this machine runs
    // with autovacuum off. Do what autovacuum does after a bulk load in production: statistics,
    // hint bits and the visibility map (without which no index-only scan skips the heap).
    if (db === 'postgres') await strapi.db.connection.raw('VACUUM ANALYZE');
    const rows = [];
    for (let round = 1; round <= rounds; round += 1) {
      let sizes;
      const profiler = process.env.BENCH_PROFILE ? await startProfile() : null;
      const result = await measure(strapi, async () => {
        sizes = await fetchAll(baseUrl);
      });
      if (profiler) await profiler.stop(`${process.env.BENCH_PROFILE}-${db}-${round}.cpuprofile`);
      const growth = Math.round(result.peakRssMb - result.rssBeforeMb);
      if (process.env.BENCH_VERBOSE) console.log(db, round, { queries: result.queries, slowest: result.slowestQueries, stall: result.stall });
      rows.push({
        database: db,
        round,
        articles,
        pages: sizes.urls,
        files: sizes.files,
        MB: fmt(sizes.bytes / 1024 / 1024, 1),
        seconds: fmt(result.ms / 1000, 2),
        'rss growth MB': growth,
        'longest stall ms': fmt(result.stall.longestMs),
        'goal < 10 s': goal(true, result.ms < 10_000, `${fmt(result.ms / 1000, 1)} s`),
        'goal < 100 MB': goal(true, growth < 100, `${growth} MB`),
        'goal stall < 100 ms': goal(true, result.stall.longestMs < 100, `${fmt(result.stall.longestMs)} ms`),
      });
    }
    return { rows, feedRows: await measureFeeds(strapi, baseUrl, db, feedLoad) };
  });
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const articles = Number(args.articles || 100_000);
  const databases = process.argv.some((arg) => arg.startsWith('--db')) ? [args.db] : ['sqlite', 'postgres'];
  const { distDir } = await compile();
  const rows = [];
  const feedRows = [];
  const rounds = Number(args.rounds || 2);
  const feedLoad = { requests: Number(args.feedRequests || 200), concurrency: Number(args.feedConcurrency || 10) };
  for (const db of databases) {
    const measured = await measureDatabase(distDir, db, articles, rounds, feedLoad);
    rows.push(...measured.rows);
    feedRows.push(...measured.feedRows);
  }
  console.log(`\nThe whole sitemap set, response cache off (${articles} articles in French and English)`);
  table(rows);
  console.log(`\nFeed requests, response cache off (${feedLoad.requests} one after another, then ${feedLoad.requests} from ${feedLoad.concurrency} clients at once)`);
  table(feedRows);
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  }
);
