#!/usr/bin/env node
/**
 * npm run bench:comments
 *
 * Measures reader comments against a real Colophon on a fresh SQLite file, over HTTP:
 *   1. POST /api/comments through the whole pipeline (thread checks, moderation with its
 *      database lookups, rendering, the author lock), requests per second and p99;
 *   2. the same POST with the pipeline off (COMMENT_PIPELINE=false: Strapi's plain create), on
 *      the same server, the two in turn five times each, and the median of the five rounds'
 *      ratios (goal: 0.8 or more);
 *   3. GET of one article's 100 approved comments, requests per second;
 *   4. the threaded read of an article with 1 000 approved comments (GET /api/comment-threads,
 *      a page of 20 threads with their replies), requests per second and queries per request;
 *   5. POST /api/comments/:documentId/report, each report a new reader, requests per second;
 *   6. the server's peak RSS.
 * Reads are measured with the response cache off (RESPONSE_CACHE=off): what a read costs, not a
 * cache hit.
 * The server runs in its own process (port 1440) on a fresh database. The server trusts
 * X-Forwarded-For (SERVER_PROXY=true) and every request comes from its own address and email,
 * so the flood rule never fires: this measures the pipeline, not a 429.
 *
 * A benchmark, not a test: numbers depend on the machine. About five minutes on 2 cores.
 * Environment: BENCH_SECONDS (per measured run, default 15), BENCH_CONNECTIONS (default 10),
 * BENCH_CPU_PROFILE (a directory: each server writes a V8 CPU profile there, for Chrome's
 * DevTools or speedscope, to see where a request's time goes).
 */
'use strict';

const { fork } = require('node:child_process');
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..');
const PORT = 1440;
const SECONDS = Number(process.env.BENCH_SECONDS || 15);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS || 10);
const WARMUP_SECONDS = 3;
/** Pipeline and plain-create runs, in turn, each. */
const ROUNDS = 5;
const THREAD_SIZE = 100;
/** The long thread: this many approved comments, a fifth of them top-level, the rest replies up to five deep. */
const LONG_THREAD_SIZE = 1000;

if (process.argv[2] === '--serve') serve(process.argv[3]).catch((error) => {
  console.error(error);
  process.exit(1);
});
else main().catch((error) => {
  console.error(error);
  process.exit(1);
});

// ---------------------------------------------------------------- the server (child process)

async function serve(mode) {
  const { createStrapi } = require('@strapi/strapi');
  const strapi = createStrapi({ appDir: ROOT, distDir: path.join(ROOT, 'dist') });
  await strapi.load();
  await strapi.listen();

  const documents = (uid) => strapi.documents(uid);
  await documents('api::site.site').create({ data: { name: 'Bench', baseUrl: 'https://example.org' } });
  // In the default locale: a plain create (pipeline off) links the article in that locale.
  const article = (title) => documents('api::article.article').create({ status: 'published', data: { title } });
  const posted = await article('Where readers post');
  const read = await article('Where readers read');
  // Written as code: the editor path, already approved. Dated a minute apart, oldest first.
  for (let i = 0; i < THREAD_SIZE; i += 1) {
    await documents('api::comment.comment').create({
      data: {
        article: read.documentId,
        authorName: `Reader ${i}`,
        authorEmail: `reader${i}@example.org`,
        body: `Comment number ${i}, with a link to https://example.org/${i} and a second paragraph.\n\nThe end.`,
        commentStatus: 'approved',
      },
    });
  }
  const long = await article('Where readers talk at length');
  const placed = [];
  for (let i = 0; i < LONG_THREAD_SIZE; i += 1) {
    // Deterministic: every fifth comment starts a thread, the others answer a recent comment
    // that is not yet five deep.
    const open = placed.filter((comment) => comment.depth < 5);
    const parent = i % 5 === 0 || open.length === 0 ? null : open[(i * 7919) % Math.min(open.length, 50) + Math.max(0, open.length - 50)];
    const created = await documents('api::comment.comment').create({
      data: {
        article: long.documentId,
        authorName: `Reader ${i}`,
        authorEmail: `long${i}@example.org`,
        body: `Comment ${i} of a long thread.`,
        commentStatus: 'approved',
        ...(parent ? { parent: parent.documentId } : {}),
      },
    });
    placed.push({ documentId: created.documentId, depth: parent ? parent.depth + 1 : 1 });
  }
  let queries = 0;
  strapi.db.connection.on('query', () => (queries += 1));
  process.send({ ready: true, mode, postTo: posted.documentId, readFrom: read.documentId, threadOf: long.documentId, reportOn: placed[1].documentId });
  process.on('message', async (message) => {
    if (message === 'rss') process.send({ peakRssKb: process.resourceUsage().maxRSS });
    if (message === 'queries') process.send({ queries });
    // The plain create is the same server with the pipeline switched off (the middleware reads
    // the switch on every request), so both are measured on the same database and the same warm process.
    if (message && typeof message.pipeline === 'boolean') {
      strapi.config.set('colophon.comments.pipeline', message.pipeline);
      process.send({ pipeline: message.pipeline });
    }
    if (message === 'stop') {
      await strapi.destroy();
      process.exit(0);
    }
  });
}

// ---------------------------------------------------------------- the client (parent process)

async function main() {
  const started = Date.now();
  const { compileStrapi } = require('@strapi/strapi');
  console.log('Compiling the app…');
  await compileStrapi({ appDir: ROOT });

  const pipeline = await withServer('pipeline', async ({ postTo, readFrom, threadOf, reportOn }, ask) => {
    // Pipeline and plain create in turn, ROUNDS times each: a drift of the machine or of the
    // growing database weighs on both alike, and the medians are compared.
    const rounds = [];
    for (let round = 0; round < ROUNDS; round += 1) {
      await ask({ pipeline: true });
      const on = await measurePosts(postTo);
      await ask({ pipeline: false });
      const off = await measurePosts(postTo);
      rounds.push({ on, off });
    }
    await ask({ pipeline: true });
    return {
      rounds,
      get: await measureThread(readFrom),
      threads: await measureThreadedRead(threadOf, ask),
      report: await measureReports(reportOn),
    };
  });
  const median = (runs) => [...runs].sort((a, b) => a.rps - b.rps)[Math.floor(runs.length / 2)];
  pipeline.post = median(pipeline.rounds.map((round) => round.on));
  const plain = { post: median(pipeline.rounds.map((round) => round.off)) };

  // Each round's two runs are a pair measured back to back: the median of their ratios is the
  // comparison a drift between rounds does not bend.
  const ratios = pipeline.rounds.map((round) => round.on.rps / round.off.rps).sort((a, b) => a - b);
  const ratio = ratios[Math.floor(ratios.length / 2)];
  const row = (label, run) =>
    `${label.padEnd(44)} ${run.rps.toFixed(0).padStart(6)} req/s   p99 ${String(run.p99).padStart(4)} ms   (${run.ok} ok, ${run.failed} failed)`;
  console.log('');
  console.log(`Reader comments on SQLite, ${CONNECTIONS} connections, ${SECONDS} s per run`);
  console.log(row('POST /api/comments, full pipeline', pipeline.post));
  console.log(row('POST /api/comments, pipeline off (plain create)', plain.post));
  console.log(`${'Pipeline / plain throughput'.padEnd(44)} ${ratio.toFixed(2).padStart(6)}        (goal >= 0.80; median of ${ROUNDS} rounds' ratios)`);
  console.log(`${'  each round, pipeline / plain'.padEnd(44)} ${pipeline.rounds.map((round) => `${round.on.rps.toFixed(0)}/${round.off.rps.toFixed(0)}`).join('  ')}`);
  console.log(row(`GET one article's ${THREAD_SIZE} approved comments`, pipeline.get));
  console.log(row(`GET a threaded page of ${LONG_THREAD_SIZE} comments`, pipeline.threads));
  console.log(`${'  queries per threaded read'.padEnd(44)} ${pipeline.threads.queriesPerRequest.toFixed(1).padStart(6)}`);
  console.log(row('POST /api/comments/:documentId/report', pipeline.report));
  console.log(`${'Peak RSS of the server'.padEnd(44)} ${(pipeline.peakRssKb / 1024).toFixed(0).padStart(6)} MB`);
  console.log(`Total time ${((Date.now() - started) / 1000).toFixed(0)} s`);
  if (pipeline.rounds.some((round) => round.on.failed || round.off.failed) || pipeline.get.failed || pipeline.threads.failed || pipeline.report.failed) {
    console.log('Some requests failed: the figures above are not comparable.');
    process.exitCode = 1;
  }
}

/** Starts a server in its own process on a fresh database, runs `work`, then stops it. */
async function withServer(mode, work) {
  const dir = path.join(ROOT, '.tmp', 'bench');
  fs.mkdirSync(dir, { recursive: true });
  const database = path.join(dir, `comments-${mode}-${process.pid}.db`);
  const profile = process.env.BENCH_CPU_PROFILE;
  const child = fork(__filename, ['--serve', mode], {
    cwd: ROOT,
    execArgv: profile ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(profile)}`, `--cpu-prof-name=comments-${mode}.cpuprofile`] : [],
    env: {
      ...process.env,
      ...randomSecrets(),
      // The pipeline switch is refused in production; the bench is its only user.
      NODE_ENV: 'benchmark',
      ENV_PATH: path.join(dir, 'no-such.env'),
      HOST: '127.0.0.1',
      PORT: String(PORT),
      SERVER_PROXY: 'true',
      DATABASE_CLIENT: 'sqlite',
      DATABASE_FILENAME: database,
      SEED_DEMO: 'false',
      LOG_LEVEL: 'error',
      STRAPI_TELEMETRY_DISABLED: 'true',
      COMMENT_PIPELINE: mode === 'pipeline' ? 'true' : 'false',
      RESPONSE_CACHE: 'off',
    },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  // Strapi's startup banner would bury the figures: the server's output is shown only if it dies.
  // Every question to the server waits on its exit too.
  child.setMaxListeners(100);
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  const ask = (message) =>
    new Promise((resolve, reject) => {
      child.once('message', resolve);
      child.once('exit', (code) => reject(new Error(`bench server (${mode}) exited with ${code}:\n${output}`)));
      if (message) child.send(message);
    });
  try {
    const ready = await ask();
    console.log(`Server up (${mode}); measuring…`);
    const results = await work(ready, ask);
    const { peakRssKb } = await ask('rss');
    return { ...results, peakRssKb };
  } finally {
    child.send('stop');
    await new Promise((resolve) => child.once('exit', resolve));
    for (const suffix of ['', '-wal', '-shm', '-journal']) fs.rmSync(`${database}${suffix}`, { force: true });
  }
}

let sequence = 0;

/** Every request a new reader: its own address, email and words. */
function nextPost(article) {
  sequence += 1;
  const n = sequence;
  return {
    headers: {
      'content-type': 'application/json',
      'x-forwarded-for': `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`,
      'user-agent': 'autocannon (colophon bench)',
    },
    body: JSON.stringify({
      data: {
        article,
        authorName: `Reader ${n}`,
        authorEmail: `bench${n}@example.org`,
        body: `Comment ${n}: thank you for this piece, see https://example.org/source/${n}.`,
      },
    }),
  };
}

async function measurePosts(article) {
  const request = {
    method: 'POST',
    path: '/api/comments',
    setupRequest: (req) => ({ ...req, ...nextPost(article) }),
  };
  await run({ requests: [request], duration: WARMUP_SECONDS });
  return run({ requests: [request], duration: SECONDS });
}

async function measureThread(article) {
  const query = new URLSearchParams({
    'filters[article][documentId][$eq]': article,
    'pagination[pageSize]': String(THREAD_SIZE),
  });
  const request = { method: 'GET', path: `/api/comments?${query}` };
  await run({ requests: [request], duration: WARMUP_SECONDS });
  return run({ requests: [request], duration: SECONDS });
}

/** A page of 20 threads of the long thread, and how many SQL statements each read costs the server. */
async function measureThreadedRead(article, ask) {
  const request = { method: 'GET', path: `/api/comment-threads?${new URLSearchParams({ article, pageSize: '20' })}` };
  await run({ requests: [request], duration: WARMUP_SECONDS });
  const before = (await ask('queries')).queries;
  const result = await run({ requests: [request], duration: SECONDS });
  const after = (await ask('queries')).queries;
  // The 'queries' answer itself runs none; every statement in between is a read's.
  return { ...result, queriesPerRequest: (after - before) / Math.max(1, result.ok + result.failed) };
}

/** Reports of one comment, each from a new reader (its own address): every one is stored and settled. */
async function measureReports(comment) {
  const request = {
    method: 'POST',
    path: `/api/comments/${comment}/report`,
    setupRequest: (req) => {
      sequence += 1;
      const n = sequence;
      return {
        ...req,
        headers: { 'content-type': 'application/json', 'x-forwarded-for': `11.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}` },
        body: JSON.stringify({ data: { reason: 'spam' } }),
      };
    },
  };
  await run({ requests: [request], duration: WARMUP_SECONDS });
  return run({ requests: [request], duration: SECONDS });
}

async function run({ requests, duration }) {
  const autocannon = require('autocannon');
  const result = await autocannon({ url: `http://127.0.0.1:${PORT}`, connections: CONNECTIONS, duration, requests });
  return {
    rps: result.requests.average,
    p99: result.latency.p99,
    ok: result['2xx'],
    failed: result.non2xx + result.errors + result.timeouts,
  };
}

function randomSecrets() {
  const key = () => crypto.randomBytes(32).toString('base64');
  return {
    APP_KEYS: [key(), key()].join(','),
    API_TOKEN_SALT: key(),
    ADMIN_JWT_SECRET: key(),
    JWT_SECRET: key(),
    TRANSFER_TOKEN_SALT: key(),
    ENCRYPTION_KEY: key(),
    COMMENT_IP_SECRET: key(),
    PREVIEW_SECRET: key(),
  };
}
