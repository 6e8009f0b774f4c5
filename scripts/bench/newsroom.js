'use strict';
// Shared by the benchmarks: boots the compiled app on a fresh database, fills it with a
// newsroom of N articles fast (bulk SQL, since seeding is not what is measured), and
// measures one operation: wall time, SQL statements issued, and the process's RSS.
const { AsyncLocalStorage } = require('node:async_hooks');
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');
const { createPeakRss, processPeakRssMb, startStallMonitor } = require('./instruments');

const appDir = path.resolve(__dirname, '..', '..');

function parseArgs(argv) {
  const args = { db: process.env.DATABASE_CLIENT === 'postgres' ? 'postgres' : 'sqlite' };
  for (const arg of argv) {
    const [key, value] = arg.replace(/^--/, '').split('=');
    args[key] = value ?? true;
  }
  return args;
}

const BENCH_SECRETS = {
  APP_KEYS: 'bench-a,bench-b',
  API_TOKEN_SALT: 'bench',
  ADMIN_JWT_SECRET: 'bench',
  JWT_SECRET: 'bench',
  TRANSFER_TOKEN_SALT: 'bench',
  ENCRYPTION_KEY: 'bench-encryption-key',
  COMMENT_IP_SECRET: 'bench',
  PREVIEW_SECRET: 'bench',
};

/** Compiled in a child process: the TypeScript compiler's heap must not count as ours. */
async function compile() {
  const { execFileSync } = require('node:child_process');
  const script = "require('@strapi/strapi').compileStrapi({ appDir: process.argv[1] }).then(() => process.exit(0))";
  execFileSync(process.execPath, ['-e', script, appDir], { cwd: appDir, stdio: 'inherit' });
  return { distDir: path.join(appDir, 'dist') };
}

/** A fresh database for one run; returns a drop() for afterwards. */
async function freshDatabase(db, label) {
  const suffix = `${label}_${crypto.randomBytes(3).toString('hex')}`;
  if (db === 'postgres') {
    const { Client } = require('pg');
    const admin = process.env.BENCH_POSTGRES_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
    const name = `colophon_bench_${suffix}`;
    const client = new Client({ connectionString: admin });
    await client.connect();
    await client.query(`CREATE DATABASE "${name}"`);
    await client.end();
    const url = new URL(admin);
    url.pathname = `/${name}`;
    return {
      env: { DATABASE_CLIENT: 'postgres', DATABASE_URL: url.toString() },
      async drop() {
        const c = new Client({ connectionString: admin });
        await c.connect();
        await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
        await c.end();
      },
    };
  }
  const filename = path.join(appDir, '.tmp', 'bench', `${suffix}.db`);
  fs.mkdirSync(path.dirname(filename), { recursive: true });
  return {
    env: { DATABASE_CLIENT: 'sqlite', DATABASE_FILENAME: filename },
    async drop() {
      for (const f of [filename, `${filename}-wal`, `${filename}-shm`, `${filename}-journal`]) fs.rmSync(f, { force: true });
    },
  };
}

async function boot(distDir, databaseEnv, extraEnv = {}) {
  Object.assign(process.env, {
    NODE_ENV: 'production',
    LOG_LEVEL: 'error',
    SEED_DEMO: 'false',
    STRAPI_TELEMETRY_DISABLED: 'true',
    ENV_PATH: path.join(appDir, 'scripts', 'bench', 'no-such.env'),
    ...BENCH_SECRETS,
    ...databaseEnv,
    ...extraEnv,
  });
  const { createStrapi } = require('@strapi/strapi');
  const strapi = createStrapi({ appDir, distDir, serveAdminPanel: false });
  await strapi.load();
  return strapi;
}

const documentId = () => {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
  return Array.from(crypto.randomBytes(24), (b) => alphabet[b % alphabet.length]).join('');
};

function meta(strapi, uid) {
  const m = strapi.db.metadata.get(uid);
  const col = (attribute) => m.attributes[attribute].columnName;
  return { table: m.tableName, col, attr: (a) => m.attributes[a] };
}

async function nextId(knex, table) {
  const [{ max }] = await knex(table).max({ max: 'id' });
  return Number(max || 0) + 1;
}

async function resetSequences(strapi, tables) {
  if (strapi.db.dialect.client !== 'postgres') return;
  for (const table of tables) {
    await strapi.db.connection.raw(`SELECT setval(pg_get_serial_sequence(?, 'id'), (SELECT COALESCE(MAX(id), 1) FROM ??))`, [table, table]);
  }
}

/**
 * A site, a 3-level tree (1 root, 3 sections, 9 leaves) and N articles spread over the
 * leaves, each with a draft and a published row and one credit naming the same Source.
 * With `outside`, a second root category holds that many more articles (slugs
 * `outside-0`…), which a rename of the first root must leave alone.
 * Articles go in by bulk INSERT; then one full re-derivation fills their derived fields.
 */
async function seedNewsroom(strapi, articles, { outside = 0 } = {}) {
  const documents = (uid) => strapi.documents(uid);
  await documents('api::site.site').create({ data: { name: 'Cellule44', baseUrl: 'https://example.org', blogPath: '/blog' } });
  const source = await documents('api::source.source').create({ data: { name: 'Réseau International', kind: 'outlet' } });
  const root = await documents('api::category.category').create({ locale: 'fr', data: { name: 'Monde' } });
  const leaves = [];
  for (let s = 0; s < 3; s += 1) {
    const section = await documents('api::category.category').create({ locale: 'fr', data: { name: `Section ${s}`, parent: root.documentId } });
    for (let l = 0; l < 3; l += 1) {
      leaves.push(await documents('api::category.category').create({ locale: 'fr', data: { name: `Rubrique ${s}.${l}`, parent: section.documentId } }));
    }
  }
  const outsideRoot = outside > 0 ? await documents('api::category.category').create({ locale: 'fr', data: { name: 'Ailleurs' } }) : null;

  const knex = strapi.db.connection;
  const article = meta(strapi, 'api::article.article');
  const credit = meta(strapi, 'editorial.credit');
  const categoryLink = article.attr('category').joinTable;
  const creditsLink = article.attr('credits').joinTable;
  const sourceLink = credit.attr('source').joinTable;

  let articleId = await nextId(knex, article.table);
  let creditId = await nextId(knex, credit.table);
  const now = new Date();
  const chunk = 250;
  // Indexes 0..articles-1 go under the root's leaves, the rest under the outside root.
  const total = articles + (outsideRoot ? outside : 0);
  for (let start = 0; start < total; start += chunk) {
    const articleRows = [];
    const categoryRows = [];
    const creditRows = [];
    const cmpRows = [];
    const sourceRows = [];
    for (let i = start; i < Math.min(total, start + chunk); i += 1) {
      const docId = documentId();
      const isOutside = i >= articles;
      const leaf = isOutside ? outsideRoot : leaves[i % leaves.length];
      for (const publishedAt of [null, now]) {
        const id = articleId++;
        articleRows.push({
          id,
          [article.col('documentId')]: docId,
          [article.col('title')]: isOutside ? `Outside ${i - articles}` : `Article ${i}`,
          [article.col('slug')]: isOutside ? `outside-${i - articles}` : `article-${i}`,
          [article.col('locale')]: 'fr',
          [article.col('allowComments')]: true,
          // What the comment pipeline keeps for an article with no comment yet (the checker expects it).
          [article.col('commentCount')]: 0,
          [article.col('syndication')]: 'default',
          [article.col('createdAt')]: now,
          [article.col('updatedAt')]: now,
          [article.col('publishedAt')]: publishedAt,
        });
        categoryRows.push({ [categoryLink.joinColumn.name]: id, [categoryLink.inverseJoinColumn.name]: leaf.id, [categoryLink.inverseOrderColumnName]: 1 });
        const cid = creditId++;
        creditRows.push({ id: cid, [credit.col('role')]: 'translation', [credit.col('person')]: 'Avic' });
        cmpRows.push({ [creditsLink.joinColumn.name]: id, [creditsLink.inverseJoinColumn.name]: cid, component_type: 'editorial.credit', field: 'credits', [creditsLink.orderColumnName]: 1 });
        sourceRows.push({ [sourceLink.joinColumn.name]: cid, [sourceLink.inverseJoinColumn.name]: source.id });
      }
    }
    await knex.transaction(async (trx) => {
      await trx(article.table).insert(articleRows);
      await trx(categoryLink.name).insert(categoryRows);
      await trx(credit.table).insert(creditRows);
      await trx(creditsLink.name).insert(cmpRows);
      await trx(sourceLink.name).insert(sourceRows);
    });
  }
  await resetSequences(strapi, [article.table, credit.table]);
  // PostgreSQL plans from statistics that autovacuum gathers only after a while: straight
  // after a bulk load it still believes the tables nearly empty, and picked plans that made
  // the first cascade measured look worse than it is. Gather them now, as an operator would
  // after a migration. (SQLite keeps no statistics unless asked, and is left as shipped.)
  await analyze(strapi);

  const { cascadeEverything } = require(path.join(strapi.dirs.dist.root, 'src/strapi/hook/cascade.js'));
  const { reclaimEverything, claimReservedPaths } = require(path.join(strapi.dirs.dist.root, 'src/strapi/claims/index.js'));
  const started = performance.now();
  // What `npm run rederive` does after a bulk load: derive, then claim every path and slug.
  await strapi.db.transaction(async ({ trx }) => {
    await cascadeEverything(strapi, trx);
    const conflict = (await reclaimEverything(strapi, trx, { slugs: true })) ?? (await claimReservedPaths(strapi, trx));
    if (conflict) throw new Error(`the seeded newsroom shares a path: ${conflict.path} (${conflict.locale})`);
  });
  const fullRebuildMs = performance.now() - started;
  await analyze(strapi);
  return { root, source, leaves, outsideRoot, fullRebuildMs };
}

async function analyze(strapi) {
  if (strapi.db.dialect.client === 'postgres') await strapi.db.connection.raw('ANALYZE');
}

/** Ids of a category and every category below it, read from the parent links. */
async function subtreeCategoryIds(strapi, rootId) {
  const link = meta(strapi, 'api::category.category').attr('parent').joinTable;
  const ids = [rootId];
  for (let frontier = [rootId]; frontier.length > 0; ) {
    const children = await strapi.db.connection(link.name).whereIn(link.inverseJoinColumn.name, frontier).pluck(link.joinColumn.name);
    frontier = children.map(Number).filter((id) => !ids.includes(id));
    ids.push(...frontier);
  }
  return ids;
}

/** A query for the ids of every article row (draft and published) filed in these categories. */
function articleRowsIn(strapi, categoryIds) {
  const link = meta(strapi, 'api::article.article').attr('category').joinTable;
  return strapi.db.connection(link.name).whereIn(link.inverseJoinColumn.name, categoryIds).select(link.joinColumn.name);
}

const ownQueries = new AsyncLocalStorage();

/**
 * Runs fn and reports its wall time, the SQL statements it issued (its own only: requests
 * the app serves meanwhile run in other async contexts and are not counted), the peak RSS the
 * operating system saw meanwhile, and the longest event-loop stall.
 */
async function measure(strapi, fn) {
  const token = {};
  let queries = 0;
  // Each statement's time from knex's 'query' to its 'query-response', the slowest kept: to
  // tell a long statement (a batch UPDATE, a COMMIT) from a pause of the event loop's own.
  const pending = new Map();
  const slowest = [];
  const onQuery = (query) => {
    if (ownQueries.getStore() === token) queries += 1;
    pending.set(query.__knexQueryUid, { sql: String(query.sql).slice(0, 90), at: performance.now() });
  };
  const onResponse = (_response, query) => {
    const started = pending.get(query.__knexQueryUid);
    if (!started) return;
    pending.delete(query.__knexQueryUid);
    slowest.push({ sql: started.sql, startMs: started.at, ms: performance.now() - started.at });
    slowest.sort((a, b) => b.ms - a.ms);
    slowest.length = Math.min(slowest.length, 3);
  };
  global.gc?.();
  const peakRss = createPeakRss();
  const rssBeforeMb = peakRss.currentMb();
  const stalls = await startStallMonitor();
  peakRss.reset();
  strapi.db.connection.on('query', onQuery);
  strapi.db.connection.on('query-response', onResponse);
  // What the RSS is made of at its largest: V8's heap, or memory outside it (SQLite's cache,
  // buffers, the allocator's arenas). Sampled, so only while the event loop runs.
  const memory = { rss: 0, heapTotal: 0, heapUsed: 0, external: 0 };
  const sampler = setInterval(() => {
    const now = process.memoryUsage();
    if (now.rss > memory.rss) Object.assign(memory, { rss: now.rss, heapTotal: now.heapTotal, heapUsed: now.heapUsed, external: now.external });
  }, 50);
  const started = performance.now();
  let ms;
  try {
    await ownQueries.run(token, fn);
  } finally {
    ms = performance.now() - started;
    strapi.db.connection.off('query', onQuery);
    strapi.db.connection.off('query-response', onResponse);
    clearInterval(sampler);
  }
  const mb = (bytes) => Math.round(bytes / 1024 / 1024);
  const memoryAtPeak = { rssMb: mb(memory.rss), heapTotalMb: mb(memory.heapTotal), heapUsedMb: mb(memory.heapUsed), externalMb: mb(memory.external) };
  const stall = await stalls.stop();
  stall.endMs = stall.longestGapEnd === null ? null : stall.longestGapEnd - started;
  if (stall.longestGc) stall.longestGc = { ...stall.longestGc, endMs: stall.longestGc.end - started };
  const slowestQueries = slowest.map((q) => ({ ...q, startMs: q.startMs - started }));
  return { ms, queries, slowestQueries, memoryAtPeak, peakRssMb: peakRss.peakMb(), peakRssSource: peakRss.source, rssBeforeMb, stall };
}

/** Boots a fresh app on a fresh database, runs work against it, and tears both down. */
async function withFreshApp(distDir, db, label, work) {
  const database = await freshDatabase(db, label);
  const strapi = await boot(distDir, database.env);
  try {
    return await work(strapi);
  } catch (error) {
    console.error(error);
    throw error;
  } finally {
    // Strapi emits its entry events after commit; let them drain before closing the pool.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    await strapi.destroy().catch(() => undefined);
    await database.drop();
  }
}

function table(rows) {
  const headers = Object.keys(rows[0]);
  const widths = headers.map((h) => Math.max(h.length, ...rows.map((r) => String(r[h]).length)));
  const line = (cells) => cells.map((c, i) => String(c).padEnd(widths[i])).join('  ');
  console.log(line(headers));
  console.log(line(widths.map((w) => '-'.repeat(w))));
  for (const row of rows) console.log(line(headers.map((h) => row[h])));
}

module.exports = { parseArgs, compile, withFreshApp, seedNewsroom, measure, processPeakRssMb, table, meta, subtreeCategoryIds, articleRowsIn };
