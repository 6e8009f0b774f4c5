#!/usr/bin/env node
/**
 * npm run bench:delivery [-- --db=sqlite|postgres] [-- --articles=1000]
 *
 * What telling frontends costs and gives, on SQLite and PostgreSQL side by side (one database
 * with --db):
 * - public reads answered by the response cache against the same reads with the cache off: a
 *   list of 25 articles with their category, one article through /api/resolve, and the same
 *   list over GraphQL (POST). Goal: at least 20x the requests per second;
 * - a 304 revalidation (If-None-Match) against the full answer, with the cache off;
 * - commit-to-delivery latency of a signed webhook to a local receiver: the time from a
 *   write's response to the receiver holding its change, p50 and p99 over sequential writes.
 *   Goal: p99 under 1 s.
 *
 * A benchmark, not a test: numbers depend on the machine. autocannon runs in a process of its
 * own, as a frontend or a CDN would: in the server's process it took the event loop from the
 * server for every answer it read, which costs a cached read far more than an uncached one.
 * Environment: BENCH_SECONDS (per measured run, default 5), BENCH_CONNECTIONS (10),
 * BENCH_WEBHOOK_WRITES (100).
 */
'use strict';
const http = require('node:http');
const { fork } = require('node:child_process');
const { parseArgs, compile, withFreshApp, seedNewsroom, table } = require('./bench/newsroom');
const { listenOnLoopback, createApiToken, request } = require('./bench/http');

const SECONDS = Number(process.env.BENCH_SECONDS || 5);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS || 10);
const WEBHOOK_WRITES = Number(process.env.BENCH_WEBHOOK_WRITES || 100);
const SECRET = `whsec_${Buffer.from('colophon-bench-webhook-secret-32').toString('base64')}`;

/** A receiver that notes when each article's change arrives. */
function startReceiver() {
  const arrivals = new Map();
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      const at = performance.now();
      try {
        for (const change of JSON.parse(body).data.changes) {
          for (const document of change.documents ?? []) if (!arrivals.has(document.documentId)) arrivals.set(document.documentId, at);
        }
      } catch {
        // not ours
      }
      res.writeHead(204).end();
    });
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve({ url: `http://127.0.0.1:${server.address().port}/hook`, arrivals, close: () => server.close() }))
  );
}

const percentile = (values, p) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
};

/** autocannon in a child process; resolves with the parts of its result the tables use. */
function autocannon(options) {
  return new Promise((resolve, reject) => {
    const child = fork(__filename, ['--load'], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    let result = null;
    child.on('message', (message) => (result = message));
    child.on('exit', (code) => (result && !result.error ? resolve(result) : reject(new Error(result?.error ?? `load process ended with ${code}`))));
    child.send(options);
  });
}

function runLoadChild() {
  process.once('message', (options) => {
    require('autocannon')(options).then(
      (result) => {
        const { requests, latency, throughput, errors, non2xx } = result;
        process.send({ requests, latency, throughput, errors, non2xx }, () => process.exit(0));
      },
      (error) => process.send({ error: String(error) }, () => process.exit(1))
    );
  });
}

async function measureDatabase(distDir, db, articles) {
  const receiver = await startReceiver();
  Object.assign(process.env, {
    RESPONSE_CACHE: 'on',
    CHANGES_WEBHOOK_URLS: receiver.url,
    CHANGES_WEBHOOK_SECRET: SECRET,
    CHANGES_WEBHOOK_RETRY_SECONDS: '1',
  });
  try {
    return await withFreshApp(distDir, db, 'delivery', async (strapi) => {
      await seedNewsroom(strapi, articles);
      const { baseUrl } = await listenOnLoopback(strapi);
      const token = await createApiToken(strapi);
      const settings = strapi.config.get('colophon').delivery.responseCache;
      const article = await strapi.db.query('api::article.article').findOne({ where: { locale: 'fr', publishedAt: { $notNull: true } }, orderBy: { id: 'asc' } });
      const graphqlBody = JSON.stringify({ query: '{ articles(locale: "fr", pagination: { pageSize: 25 }) { documentId title path category { name path } } }' });
      const reads = {
        'REST list of 25 with category': { url: '/api/articles?locale=fr&populate=category&pagination[pageSize]=25' },
        'article by path (/api/resolve)': { url: `/api/resolve?path=${encodeURIComponent(article.path)}` },
        'GraphQL list of 25 (POST)': { url: '/graphql', method: 'POST', body: graphqlBody, headers: { 'content-type': 'application/json' } },
      };
      for (const [name, read] of Object.entries(reads)) {
        const { status } = await request(baseUrl, read.method ?? 'GET', read.url, read.body ? { body: JSON.parse(read.body) } : {});
        if (status !== 200) throw new Error(`${name}: ${read.url} answered ${status}`);
      }
      const run = async (read, extraHeaders = {}, duration = SECONDS) => {
        const result = await autocannon({
          url: `${baseUrl}${read.url}`,
          method: read.method ?? 'GET',
          body: read.body,
          headers: { ...(read.headers ?? {}), ...extraHeaders },
          connections: CONNECTIONS,
          duration,
        });
        if (result.errors > 0 || result.non2xx > (extraHeaders['if-none-match'] ? result.requests.total + 1 : 0)) {
          throw new Error(`${read.url}: ${result.non2xx} non-2xx, ${result.errors} errors`);
        }
        return result;
      };
      const rows = [];
      for (const [name, read] of Object.entries(reads)) {
        settings.enabled = false;
        await run(read, {}, 2);
        const off = await run(read);
        settings.enabled = true;
        await run(read, {}, 1);
        const on = await run(read);
        rows.push({ db, read: name, 'off req/s': off.requests.average.toFixed(0), 'on req/s': on.requests.average.toFixed(0), 'x': (on.requests.average / off.requests.average).toFixed(1), 'on p99 ms': on.latency.p99 });
      }

      // 304 against the full answer, with the cache off: what revalidation saves the origin.
      settings.enabled = false;
      const list = reads['REST list of 25 with category'];
      const etag = (await fetch(`${baseUrl}${list.url}`)).headers.get('etag');
      const full = await run(list);
      const revalidated = await run(list, { 'if-none-match': etag });
      settings.enabled = true;
      const revalidation = {
        db,
        'full req/s': full.requests.average.toFixed(0),
        '304 req/s': revalidated.requests.average.toFixed(0),
        'x': (revalidated.requests.average / full.requests.average).toFixed(2),
        'full KB/s': (full.throughput.average / 1024).toFixed(0),
        '304 KB/s': (revalidated.throughput.average / 1024).toFixed(0),
      };

      // Commit to delivery: one write at a time, each timed from its response.
      const latencies = [];
      for (let i = 0; i < WEBHOOK_WRITES; i += 1) {
        const response = await fetch(`${baseUrl}/api/articles?locale=fr&status=published`, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body: JSON.stringify({ data: { title: `Livraison ${i}` } }),
        });
        const answered = performance.now();
        const { data } = await response.json();
        const deadline = Date.now() + 30000;
        while (!receiver.arrivals.has(data.documentId)) {
          if (Date.now() > deadline) throw new Error(`webhook for ${data.documentId} never came`);
          await new Promise((resolve) => setTimeout(resolve, 2));
        }
        latencies.push(Math.max(0, receiver.arrivals.get(data.documentId) - answered));
      }
      const webhook = { db, writes: WEBHOOK_WRITES, 'p50 ms': percentile(latencies, 50).toFixed(0), 'p99 ms': percentile(latencies, 99).toFixed(0), 'max ms': Math.max(...latencies).toFixed(0) };
      return { rows, revalidation, webhook };
    });
  } finally {
    receiver.close();
  }
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const articles = Number(args.articles || 1000);
  const databases = process.argv.some((arg) => arg.startsWith('--db')) ? [args.db] : ['sqlite', 'postgres'];
  const { distDir } = await compile();
  const results = [];
  for (const db of databases) results.push(await measureDatabase(distDir, db, articles));
  console.log(`\nPublic reads, response cache off vs on (${articles} articles, ${CONNECTIONS} connections, ${SECONDS}s each; goal x >= 20)`);
  table(results.flatMap((result) => result.rows));
  console.log('\nA 304 revalidation vs the full answer (REST list of 25, cache off)');
  table(results.map((result) => result.revalidation));
  console.log('\nCommit to webhook delivery, local receiver (goal: p99 < 1000 ms)');
  table(results.map((result) => result.webhook));
}

if (process.argv[2] === '--load') runLoadChild();
else main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  }
);
