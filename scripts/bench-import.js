#!/usr/bin/env node
// npm run bench:import [-- --sizes=1000,10000] [-- --db=sqlite,postgres] [-- --comments=10]
//                      [-- --readEvery=100] [-- --keep]
// Generates a WordPress export (WXR 1.2) of N published posts in a category tree, each with
// Gutenberg paragraphs, a hand-typed credit footer (Source, Photo, Traduction) and --comments
// reader comments in threads (some pending, some spam), then imports it into a fresh app on a
// fresh database, with a client reading the public API every --readEvery ms meanwhile.
// Each (database, N) runs in its own process, started with the Node options the command's npm
// script gives it (its heap cap), so its peak RSS is its own and not the high-water mark of the
// runs before it. Prints, side by side: the import's time, posts and
// comments per second, the process's peak RSS (the kernel's VmHWM: boot and import, all of it)
// next to its RSS once booted, the longest event-loop stall, and the readers' latency, with the
// issue's goals: 10 000 posts and 100 000 comments in under 10 minutes, peak RSS under 500 MB
// whatever N, no stall over 100 ms. It checks what it imported (articles published, comments
// stored, credits made) so that a fast run that imported nothing cannot pass.
// A benchmark, not a test: goals are printed PASS/FAIL, nothing is asserted.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { fork } = require('node:child_process');

const appDir = path.resolve(__dirname, '..');

async function main() {
  const { parseArgs } = require('./bench/newsroom');
  const args = parseArgs(process.argv.slice(2));
  if (args.child) return runChild(args);

  const { compile, table } = require('./bench/newsroom');
  const { fmt, goal } = require('./bench/instruments');
  const sizes = String(args.sizes || '1000,10000').split(',').map(Number);
  const databases = String(args.db === true ? 'sqlite' : args.db || 'sqlite,postgres').split(',');
  const commentsPerPost = Number(args.comments ?? 10);
  if (sizes.some((n) => !Number.isSafeInteger(n) || n < 1) || !Number.isSafeInteger(commentsPerPost) || commentsPerPost < 0) {
    console.error('--sizes takes positive integers (--sizes=1000,10000) and --comments a count');
    process.exit(2);
  }
  const unknown = databases.filter((db) => db !== 'sqlite' && db !== 'postgres');
  if (unknown.length > 0) {
    console.error(`--db takes sqlite, postgres or both (--db=sqlite,postgres), not ${unknown.join(', ')}`);
    process.exit(2);
  }
  await compile();

  const rows = [];
  const notes = [];
  for (const n of sizes) {
    const file = path.join(appDir, '.tmp', 'bench', `wxr-${n}-${commentsPerPost}.xml`);
    if (!fs.existsSync(file)) await writeExport(file, n, commentsPerPost);
    const megabytes = fs.statSync(file).size / 1024 / 1024;
    for (const db of databases) {
      console.log(`importing ${n} posts, ${n * commentsPerPost} comments (${fmt(megabytes, 1)} MB) into ${db}…`);
      const result = await runInChild({ db, file, posts: n, comments: commentsPerPost, readEvery: Number(args.readEvery || 100) });
      if (result.error) {
        notes.push(`${db} ${n}: ${result.error}`);
        continue;
      }
      const fullScale = n >= 10000 && commentsPerPost >= 10;
      const row = {
        database: db,
        posts: n,
        comments: result.stored.comments,
        'file MB': fmt(megabytes, 1),
        time: `${fmt(result.seconds, 1)} s`,
        'posts/s': fmt(n / result.seconds, 1),
        'comments/s': fmt(result.stored.comments / result.seconds, 0),
        'RSS booted': `${fmt(result.rssBootedMb)} MB`,
        'peak RSS': `${fmt(result.peakRssMb)} MB`,
        'longest stall': `${fmt(result.stall.longestMs)} ms`,
        'reads p50/p99': `${fmt(result.reads.p50)} / ${fmt(result.reads.p99)} ms`,
        'reads not 2xx': result.reads.failures,
        'goal: 10 min': goal(fullScale, result.seconds < 600, `${fmt(result.seconds / 60, 1)} min`),
        'goal: RSS': goal(true, result.peakRssMb < 500, `${fmt(result.peakRssMb)} MB`),
        'goal: stall': goal(true, result.stall.longestMs <= 100, `${fmt(result.stall.longestMs)} ms`),
      };
      rows.push(row);
      console.log(`  ${Object.entries(row).map(([key, value]) => `${key} ${value}`).join(', ')}`);
      const expected = { published: n, comments: n * commentsPerPost };
      if (result.stored.published !== expected.published || result.stored.comments !== expected.comments || result.stored.credits === 0) {
        notes.push(`${db} ${n}: imported ${JSON.stringify(result.stored)}, expected ${JSON.stringify(expected)} and credits`);
      }
      if (result.reads.failures > 0) notes.push(`${db} ${n}: reads answered ${JSON.stringify(result.reads.statuses)}, errors ${JSON.stringify(result.reads.errors)}, e.g. ${JSON.stringify(result.reads.examples).slice(0, 600)}`);
      if (result.failed > 0) notes.push(`${db} ${n}: ${result.failed} item(s) failed, e.g. ${result.firstFailure}`);
      if (result.stall.longestGc) notes.push(`${db} ${n}: longest GC pause ${fmt(result.stall.longestGc.ms)} ms (${result.stall.gcTotalMs.toFixed(0)} ms of GC in all)`);
    }
    if (!args.keep) fs.rmSync(file, { force: true });
  }
  console.log('');
  if (rows.length > 0) table(rows);
  console.log('\nPeak RSS: the import process\'s VmHWM from boot to the end (the app, the import and the reads it answers).');
  for (const note of notes) console.log(`- ${note}`);
}

/** The Node options package.json's import:wordpress script runs the command with. */
function commandNodeOptions() {
  const script = require(path.join(appDir, 'package.json')).scripts['import:wordpress'];
  return script.split(/\s+/).filter((word) => word.startsWith('--'));
}

/** One import, in a process of its own; resolves with what it measured. */
function runInChild(options) {
  return new Promise((resolve) => {
    const child = fork(__filename, ['--child', `--db=${options.db}`, `--file=${options.file}`, `--posts=${options.posts}`, `--comments=${options.comments}`, `--readEvery=${options.readEvery}`], {
      cwd: appDir,
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      // Node as `npm run import:wordpress` starts it (its heap cap), so the figures are the command's.
      execArgv: commandNodeOptions(),
    });
    let result = null;
    child.on('message', (message) => (result = message));
    child.on('exit', (code, signal) => resolve(result ?? { error: `the import process ended with ${signal ?? `code ${code}`} before reporting` }));
  });
}

async function runChild(args) {
  const { withFreshApp } = require('./bench/newsroom');
  const { listenOnLoopback } = require('./bench/http');
  const { LoadClient } = require('./bench/load-client');
  const { processPeakRssMb, startStallMonitor, percentiles } = require('./bench/instruments');
  const distDir = path.join(appDir, 'dist');
  try {
    const result = await withFreshApp(distDir, args.db, `import_${args.posts}`, async (strapi) => {
      await strapi.documents('api::site.site').create({ data: { name: 'Cellule44', baseUrl: 'https://example.org', blogPath: '/blog' } });
      const { baseUrl } = await listenOnLoopback(strapi);
      const rssBootedMb = process.memoryUsage().rss / 1024 / 1024;
      const { importWordpress } = require(path.join(distDir, 'src/strapi/wordpress-import/run-import.js'));
      const client = await LoadClient.spawn();
      // What a site answers most while it imports: its home list, its sections, its credited outlets.
      const readPaths = ['/api/articles?locale=fr&populate=category&pagination[pageSize]=25', '/api/categories?locale=fr&populate=parent', '/api/sources?pagination[pageSize]=25'];
      await client.start({ baseUrl, maxSeconds: 60 * 60, jobs: [{ kind: 'reader', name: 'reads', everyMs: Number(args.readEvery), paths: readPaths }] });
      const stall = await startStallMonitor();
      const started = performance.now();
      const report = await importWordpress(strapi, [args.file], {});
      const seconds = (performance.now() - started) / 1000;
      const stallResult = await stall.stop();
      const peakRssMb = processPeakRssMb();
      const reads = (await client.stop())[0];
      client.close();
      const failures = Object.entries(reads.statuses).filter(([status]) => Number(status) >= 300).reduce((sum, [, count]) => sum + count, 0) + Object.values(reads.errors).reduce((sum, count) => sum + count, 0);
      const { meta } = require('./bench/newsroom');
      const count = async (uid, where = (query) => query) => Number((await where(strapi.db.connection(meta(strapi, uid).table)).count({ n: '*' }))[0].n);
      const stored = {
        published: await count('api::article.article', (query) => query.whereNotNull(meta(strapi, 'api::article.article').col('publishedAt'))),
        comments: await count('api::comment.comment'),
        credits: await count('editorial.credit'),
      };
      const failed = report.skipped.filter((entry) => entry.failed);
      return {
        seconds,
        rssBootedMb,
        peakRssMb,
        stall: stallResult,
        reads: { ...percentiles(reads.latencies), failures, statuses: reads.statuses, errors: reads.errors, examples: reads.failures },
        stored,
        failed: failed.length,
        firstFailure: failed[0] ? `${failed[0].kind} ${failed[0].wpId}: ${failed[0].reason}` : null,
      };
    });
    process.send(result);
  } catch (error) {
    process.send({ error: String(error?.stack ?? error).slice(0, 2000) });
  }
  // Strapi leaves timers behind; the parent has what it needs.
  process.exit(0);
}

const OUTLETS = ['Le Monde diplomatique', 'Al Mayadeen', 'RT', 'The Cradle', 'Global Times', 'Asia Times', 'Press TV', 'Sputnik'];

/**
 * Writes a WXR 1.2 export of `posts` published posts to `file`, streamed so that generating a
 * large one costs no memory either: a two-level category tree, posts spread over it with
 * Gutenberg paragraphs and a credit footer, and `commentsPerPost` comments each, in threads of
 * up to three levels, a tenth pending and a tenth spam.
 */
async function writeExport(file, posts, commentsPerPost) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const partial = `${file}.partial`;
  const out = fs.createWriteStream(partial);
  const write = (text) => (out.write(text) ? undefined : new Promise((resolve) => out.once('drain', resolve)));
  await write(`<?xml version="1.0" encoding="UTF-8" ?>
<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:wfw="http://wellformedweb.org/CommentAPI/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel>
<title>Réseau</title><link>https://reseau.example.net</link><language>fr-FR</language>
<wp:wxr_version>1.2</wp:wxr_version><wp:base_site_url>https://reseau.example.net</wp:base_site_url><wp:base_blog_url>https://reseau.example.net</wp:base_blog_url>
`);
  const categories = [];
  let termId = 1;
  for (let s = 0; s < 4; s += 1) {
    const section = { id: termId++, nicename: `section-${s}`, name: `Section ${s}`, parent: '' };
    categories.push(section);
    for (let r = 0; r < 5; r += 1) categories.push({ id: termId++, nicename: `rubrique-${s}-${r}`, name: `Rubrique ${s}.${r}`, parent: section.nicename });
  }
  for (const category of categories) {
    await write(`<wp:category><wp:term_id>${category.id}</wp:term_id><wp:category_nicename>${category.nicename}</wp:category_nicename><wp:category_parent>${category.parent}</wp:category_parent><wp:cat_name><![CDATA[${category.name}]]></wp:cat_name></wp:category>\n`);
  }
  const leaves = categories.filter((category) => category.parent);
  let commentId = 1;
  for (let i = 0; i < posts; i += 1) {
    const postId = 100 + i;
    const day = new Date(Date.UTC(2015, 0, 1) + i * 3600 * 1000 * 5);
    const date = day.toISOString().slice(0, 19).replace('T', ' ');
    const [y, m, d] = date.slice(0, 10).split('-');
    const slug = `article-${i}-sur-le-sommet`;
    const leaf = leaves[i % leaves.length];
    const outlet = OUTLETS[i % OUTLETS.length];
    const paragraphs = Array.from({ length: 6 }, (_, p) =>
      `<!-- wp:paragraph -->\n<p>Paragraphe ${p + 1} de l'article ${i} : les ministres se sont retrouvés pour <strong>discuter</strong> du <a href="https://example.com/dossier-${i}">dossier</a> et de ses suites, dont <em>personne</em> ne connaît encore l'issue.</p>\n<!-- /wp:paragraph -->`
    ).join('\n\n');
    const footer = [
      `<!-- wp:paragraph -->\n<p>Source : https://www.${outlet.toLowerCase().replace(/[^a-z]+/g, '')}.example/${y}/${m}/article-${i}</p>\n<!-- /wp:paragraph -->`,
      `<!-- wp:paragraph -->\n<p>Photo : Les ministres au sommet / ${outlet}</p>\n<!-- /wp:paragraph -->`,
      `<!-- wp:paragraph -->\n<p>Traduction : Avic – Réseau International</p>\n<!-- /wp:paragraph -->`,
    ].join('\n\n');
    const comments = [];
    for (let c = 0; c < commentsPerPost; c += 1) {
      const id = commentId++;
      // Threads: every third comment starts one, the next two answer it and then its answer.
      const parent = c % 3 === 0 ? 0 : id - 1;
      const approved = c % 10 === 7 ? '0' : c % 10 === 9 ? 'spam' : '1';
      const at = new Date(day.getTime() + (c + 1) * 600 * 1000).toISOString().slice(0, 19).replace('T', ' ');
      comments.push(`<wp:comment><wp:comment_id>${id}</wp:comment_id><wp:comment_author><![CDATA[Lecteur ${c}]]></wp:comment_author><wp:comment_author_email>lecteur${(i * 7 + c) % 5000}@example.org</wp:comment_author_email><wp:comment_author_IP>203.0.113.${c + 1}</wp:comment_author_IP><wp:comment_date>${at}</wp:comment_date><wp:comment_date_gmt>${at}</wp:comment_date_gmt><wp:comment_content><![CDATA[Merci pour cet article ${i}.\nJe retiens surtout le point ${c}, et https://example.org/lien-${c}.]]></wp:comment_content><wp:comment_approved>${approved}</wp:comment_approved><wp:comment_type>comment</wp:comment_type><wp:comment_parent>${parent}</wp:comment_parent></wp:comment>`);
    }
    await write(`<item><title><![CDATA[Article ${i} : le sommet et ses suites]]></title><link>https://reseau.example.net/${y}/${m}/${d}/${slug}/</link><pubDate>${day.toUTCString()}</pubDate><dc:creator><![CDATA[avic]]></dc:creator><guid isPermaLink="false">https://reseau.example.net/?p=${postId}</guid>
<content:encoded><![CDATA[${paragraphs}\n\n${footer}]]></content:encoded><excerpt:encoded><![CDATA[]]></excerpt:encoded>
<wp:post_id>${postId}</wp:post_id><wp:post_date>${date}</wp:post_date><wp:post_date_gmt>${date}</wp:post_date_gmt><wp:post_modified_gmt>${date}</wp:post_modified_gmt><wp:comment_status>open</wp:comment_status><wp:post_name>${slug}</wp:post_name><wp:status>publish</wp:status><wp:post_parent>0</wp:post_parent><wp:post_type>post</wp:post_type><wp:post_password></wp:post_password>
<category domain="category" nicename="${leaf.nicename}"><![CDATA[${leaf.name}]]></category>
${comments.join('\n')}
</item>
`);
  }
  await write('</channel>\n</rss>\n');
  await new Promise((resolve, reject) => out.end((error) => (error ? reject(error) : resolve())));
  fs.renameSync(partial, file);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
