#!/usr/bin/env node
// npm run import:wordpress -- <export.xml | export.zip | part.000.xml part.001.xml …>
//                             [--dry-run] [--resume] [--media-dir=<wp-content/uploads>]
//                             [--locale=<code>] [--site=<name>] [--overwrite] [--report=<file.json>]
// Imports a WordPress export (WXR) into Colophon: categories, posts, comments, images, credits
// typed in footers, and redirects from every old URL. Each item is its own transaction; run it
// again to update what changed, or with --resume to go on after a crash or Ctrl-C. Prints a
// progress bar on a terminal (plain lines otherwise), then the report; --report writes it as
// JSON. Exits 0 when it ran to the end, 1 on a malformed file (after saying where and what was
// imported before it) or when some items failed, 2 for bad arguments (nothing written), 130
// after Ctrl-C. See the README's "Moving from WordPress".
'use strict';
const fs = require('node:fs');
const path = require('node:path');

const USAGE =
  'usage: npm run import:wordpress -- <export.xml | export.zip | part.000.xml …> [--dry-run] [--resume] [--media-dir=<dir>] [--locale=<code>] [--site=<name>] [--overwrite] [--report=<file.json>]';

/** The command line as options, or an error message: nothing is booted or written before it is right. */
function readArguments(argv) {
  const options = { files: [], dryRun: false, resume: false, overwrite: false, mediaDir: null, locale: null, site: null, report: null };
  for (const arg of argv) {
    if (arg === '--dry-run') options.dryRun = true;
    else if (arg === '--resume') options.resume = true;
    else if (arg === '--overwrite') options.overwrite = true;
    else if (arg.startsWith('--site=')) options.site = arg.slice('--site='.length);
    else if (arg.startsWith('--media-dir=')) options.mediaDir = arg.slice('--media-dir='.length);
    else if (arg.startsWith('--locale=')) options.locale = arg.slice('--locale='.length);
    else if (arg.startsWith('--report=')) options.report = arg.slice('--report='.length);
    else if (arg.startsWith('-')) return { error: `unknown option ${arg}` };
    else options.files.push(arg);
  }
  if (options.files.length === 0) return { error: 'no export file given' };
  if (options.dryRun && options.resume) return { error: '--dry-run and --resume cannot go together' };
  for (const [flag, value] of [
    ['--media-dir', options.mediaDir],
    ['--locale', options.locale],
    ['--site', options.site],
    ['--report', options.report],
  ]) {
    if (value === '') return { error: `${flag} needs a value` };
  }
  if (options.mediaDir !== null) {
    const stat = fs.statSync(options.mediaDir, { throwIfNoEntry: false });
    if (!stat || !stat.isDirectory()) return { error: `--media-dir ${options.mediaDir} is not a directory` };
  }
  if (options.report !== null) {
    const dir = path.dirname(path.resolve(options.report));
    if (!fs.existsSync(dir)) return { error: `--report ${options.report}: no directory ${dir}` };
  }
  for (const file of options.files) {
    const stat = fs.statSync(file, { throwIfNoEntry: false });
    if (!stat) return { error: `${file}: no such file` };
    if (!stat.isFile()) return { error: `${file}: not a file` };
    if (!/\.(xml|zip)$/i.test(file)) return { error: `${file}: a WordPress export is a .xml or a .zip file` };
  }
  return { options };
}

/** A progress bar on a terminal; one plain line every few seconds otherwise (CI logs, pipes). */
function progressReporter() {
  if (process.stderr.isTTY) {
    const cliProgress = require('cli-progress');
    const bar = new cliProgress.SingleBar(
      { format: '{phase} [{bar}] {percentage}% | {mb}/{totalMb} MB | {items} items', stream: process.stderr, hideCursor: true },
      cliProgress.Presets.shades_classic
    );
    let started = false;
    return {
      update({ phase, bytes, totalBytes, items }) {
        const payload = { phase: phase === 'scan' ? 'Reading  ' : 'Importing', mb: (bytes / 1e6).toFixed(1), totalMb: (totalBytes / 1e6).toFixed(1), items };
        if (!started) bar.start(totalBytes || 1, 0, payload);
        started = true;
        bar.update(Math.min(bytes, totalBytes), payload);
      },
      stop: () => started && bar.stop(),
    };
  }
  let last = 0;
  return {
    update({ phase, bytes, totalBytes, items }) {
      if (Date.now() - last < 5000) return;
      last = Date.now();
      const percent = totalBytes > 0 ? Math.floor((100 * bytes) / totalBytes) : 0;
      console.error(`${phase === 'scan' ? 'reading' : 'importing'}: ${percent}% of ${(totalBytes / 1e6).toFixed(1)} MB, ${items} items`);
    },
    stop() {},
  };
}

/**
 * Compiles the app in a process of its own and returns its dist directory: the TypeScript
 * compiler's few hundred megabytes are then never the import's, whose heap npm's script caps
 * (package.json: --max-old-space-size) so that V8 collects as it goes rather than growing.
 */
function compileInChild(appDir) {
  const { execFileSync } = require('node:child_process');
  const script = "require('@strapi/strapi').compileStrapi({ appDir: process.argv[1] }).then(() => process.exit(0), (error) => { console.error(error); process.exit(1); })";
  execFileSync(process.execPath, ['-e', script, appDir], { cwd: appDir, stdio: ['ignore', 'ignore', 'inherit'] });
  return path.join(appDir, 'dist');
}

(async () => {
  const parsed = readArguments(process.argv.slice(2));
  if (parsed.error) {
    console.error(`import:wordpress: ${parsed.error}\n${USAGE}`);
    process.exit(2);
  }
  const { options } = parsed;
  const { createStrapi } = require('@strapi/strapi');
  const appDir = path.resolve(__dirname, '..');
  const distDir = compileInChild(appDir);
  const { openExport, ExportOpenError } = require(path.join(distDir, 'src/strapi/wordpress-import/open-export.js'));
  // A zip without an export in it, or a split export with a part missing, is said before boot.
  try {
    await openExport(options.files);
  } catch (error) {
    if (error instanceof ExportOpenError) {
      console.error(`import:wordpress: ${error.message}\n${USAGE}`);
      process.exit(2);
    }
    throw error;
  }
  process.env.LOG_LEVEL = process.env.LOG_LEVEL || 'warn';
  const strapi = await createStrapi({ appDir, distDir }).load();
  const { importWordpress, ImportOptionError } = require(path.join(distDir, 'src/strapi/wordpress-import/run-import.js'));
  const { formatReport } = require(path.join(distDir, 'src/strapi/wordpress-import/report.js'));

  let stopping = false;
  process.on('SIGINT', () => {
    if (stopping) process.exit(130);
    stopping = true;
    console.error('\nStopping after the item in hand (Ctrl-C again to quit at once); --resume goes on from there.');
  });
  const progress = progressReporter();
  let report;
  let exitCode = 0;
  try {
    report = await importWordpress(strapi, options.files, {
      dryRun: options.dryRun,
      resume: options.resume,
      overwrite: options.overwrite,
      site: options.site,
      mediaDir: options.mediaDir,
      locale: options.locale,
      onProgress: (state) => progress.update(state),
      shouldStop: () => stopping,
    });
  } catch (error) {
    progress.stop();
    report = error.report;
    if (error instanceof ImportOptionError) {
      console.error(`import:wordpress: ${error.message}`);
      exitCode = 2;
    } else if (error.name === 'WxrSyntaxError') {
      console.error(`import:wordpress: ${error.message}`);
      if (report) console.error('What was read before it was imported; fix the file and run the command again (add --resume to skip what is done).');
      exitCode = 1;
    } else {
      throw error;
    }
  }
  progress.stop();
  if (report) {
    for (const line of formatReport(report)) console.log(line);
    if (options.report) fs.writeFileSync(options.report, `${JSON.stringify(report, null, 2)}\n`);
    const failed = report.skipped.some((thing) => thing.failed);
    if (exitCode === 0 && failed) exitCode = 1;
  }
  if (exitCode === 0 && stopping) exitCode = 130;
  await strapi.destroy();
  process.exit(exitCode);
})().catch((error) => {
  console.error(error);
  process.exit(1);
});
