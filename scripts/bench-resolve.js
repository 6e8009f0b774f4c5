#!/usr/bin/env node
/**
 * npm run bench:resolve [-- --db=postgres] [-- --articles=1000]
 *
 * Requests per second of GET /api/resolve, as Public, for an article path, a category path
 * and a redirected path (an article re-slugged once), against the plain slug lookup a
 * frontend would otherwise make (GET /api/articles?filters[slug][$eq]=…&locale=fr), in the
 * same run on the same fresh database. The slug lookup runs first and last, and the baseline
 * is the mean of the two, so a drift during the run does not favour either side. Goal: each
 * resolve at least 0.9x the slug lookup.
 *
 * A benchmark, not a test: numbers depend on the machine. The server and autocannon share one
 * process (the server's share of the cores is what both sides of a ratio get alike).
 * Environment: BENCH_SECONDS (per measured run, default 10), BENCH_CONNECTIONS (default 10).
 */
'use strict';
const { parseArgs, compile, withFreshApp, seedNewsroom, table } = require('./bench/newsroom');
const { listenOnLoopback, request } = require('./bench/http');

const SECONDS = Number(process.env.BENCH_SECONDS || 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS || 10);

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const articles = Number(args.articles || 1000);
  const { distDir } = await compile();
  const autocannon = require('autocannon');

  await withFreshApp(distDir, args.db, 'resolve', async (strapi) => {
    await seedNewsroom(strapi, articles);
    const { baseUrl } = await listenOnLoopback(strapi);

    const article = await strapi.db.query('api::article.article').findOne({
      where: { locale: 'fr', publishedAt: { $notNull: true } },
      orderBy: { id: 'asc' },
    });
    const category = await strapi.db.query('api::category.category').findOne({ where: { parent: { id: { $notNull: true } } }, orderBy: { id: 'desc' } });
    // An article published once and re-slugged: its old path is redirected.
    const moved = await strapi.documents('api::article.article').create({
      locale: 'fr',
      status: 'published',
      data: { title: 'Ancien titre', category: category.documentId },
    });
    const oldPath = moved.path;
    await strapi.documents('api::article.article').update({ documentId: moved.documentId, locale: 'fr', status: 'published', data: { slug: 'nouveau-titre' } });

    const urls = {
      slug: `/api/articles?filters[slug][$eq]=${encodeURIComponent(article.slug)}&locale=fr`,
      article: `/api/resolve?path=${encodeURIComponent(article.path)}`,
      category: `/api/resolve?path=${encodeURIComponent(category.path)}`,
      redirect: `/api/resolve?path=${encodeURIComponent(oldPath)}`,
    };
    // Each answers what it should before anything is timed.
    const checks = {
      slug: (json) => json.data?.[0]?.documentId === article.documentId,
      article: (json) => json.data?.documentId === article.documentId,
      category: (json) => json.data?.documentId === category.documentId,
      redirect: (json) => json.redirect?.to === oldPath.replace(/ancien-titre$/, 'nouveau-titre'),
    };
    for (const [name, url] of Object.entries(urls)) {
      const { status, json } = await request(baseUrl, 'GET', url);
      if (status !== 200 || !checks[name](json)) throw new Error(`${name}: ${url} answered ${status} ${JSON.stringify(json).slice(0, 300)}`);
    }

    const run = async (url, duration = SECONDS) => {
      const result = await autocannon({ url: `${baseUrl}${url}`, connections: CONNECTIONS, duration });
      if (result.non2xx > 0 || result.errors > 0) throw new Error(`${url}: ${result.non2xx} non-2xx, ${result.errors} errors`);
      return result;
    };
    await run(urls.slug, 3); // warm-up: JIT, caches, the database's page cache

    const results = {};
    results.slugBefore = await run(urls.slug);
    for (const name of ['article', 'category', 'redirect']) results[name] = await run(urls[name]);
    results.slugAfter = await run(urls.slug);
    const baseline = (results.slugBefore.requests.average + results.slugAfter.requests.average) / 2;

    const rows = [
      ['slug lookup (first)', urls.slug, results.slugBefore],
      ['resolve article', urls.article, results.article],
      ['resolve category', urls.category, results.category],
      ['resolve redirect', urls.redirect, results.redirect],
      ['slug lookup (last)', urls.slug, results.slugAfter],
    ].map(([what, , result]) => ({
      db: args.db,
      what,
      'req/s': result.requests.average.toFixed(0),
      'p99 ms': result.latency.p99,
      'x slug lookup': (result.requests.average / baseline).toFixed(2),
    }));
    console.log(`\nGET /api/resolve vs the slug lookup (${args.db}, ${articles} articles, ${CONNECTIONS} connections, ${SECONDS}s each)`);
    table(rows);
  });
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  }
);
