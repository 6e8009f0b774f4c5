import { createHash } from 'node:crypto';
import fs from 'node:fs';
import type { Core } from '@strapi/strapi';
import { CommittedPrefix } from '../../core/wordpress/committedPrefix';
import { WxrSyntaxError } from '../../core/wordpress/readWxr';
import type { WxrCategory, WxrItem, WxrSite } from '../../core/wordpress/types';
import { colophonConfig } from '../colophon-config';
import { sql } from '../database/schema';
import { defaultLocale } from '../hook/write-context';
import { importCategories } from './categories';
import type { ImportContext } from './context';
import { IdMap } from './id-map';
import { WORDPRESS_RUNS_TABLE } from './models';
import { openExport, readExport } from './open-export';
import { importItem, type AttachmentInfo } from './posts';
import { emptyReport, tally, type ImportReport } from './report';
import { SourceBook } from './sources';

/** How a run goes: what the command's flags say, and how it reports progress. */
export interface ImportOptions {
  /** Read and plan everything, write nothing (--dry-run). */
  dryRun?: boolean;
  /** Replace what editors changed or deleted in Colophon since the last import (--overwrite). */
  overwrite?: boolean;
  /** Skip the records an earlier run of the same export committed (--resume). */
  resume?: boolean;
  /** A copy of wp-content/uploads (--media-dir). */
  mediaDir?: string | null;
  /** Which WordPress site this is (--site), when its export does not say well enough (./run-import.ts readSiteKey). */
  site?: string | null;
  /** The Colophon locale to import into (--locale); else the export's language when the app has it, else the default locale. */
  locale?: string | null;
  /** Called after each item is over (committed, failed or skipped) with bytes read (of totalBytes) and items over. */
  onProgress?(progress: { phase: 'scan' | 'import'; bytes: number; totalBytes: number; items: number }): void;
  /** Asked between items: true stops the run once the items in hand have committed (Ctrl-C). */
  shouldStop?(): boolean;
}

/**
 * Imports a WordPress export (WXR 1.0–1.2: one .xml, a WordPress.com .zip, or the parts of a
 * split export) into Colophon. Two streaming passes, so memory does not grow with the file:
 * the first reads the channel, the categories and where each attachment's file is (posts name
 * their images by attachment id, wherever the attachment sits in the file); the second
 * imports the categories, then each item in its own transaction (./posts.ts). Returns the
 * report (./report.ts). Throws ExportOpenError before anything is read for a file that cannot
 * be opened, and a WxrSyntaxError (with line and column) when the XML breaks, after what came
 * before it has been committed (its counts are in the error's `report`).
 */
export async function importWordpress(strapi: Core.Strapi, paths: string[], options: ImportOptions = {}): Promise<ImportReport> {
  const source = await openExport(paths);
  const report = emptyReport(
    source.parts.map((part) => part.name),
    Boolean(options.dryRun)
  );
  const started = Date.now();
  const progress = (phase: 'scan' | 'import', bytes: number, items: number) => options.onProgress?.({ phase, bytes, totalBytes: source.totalBytes, items });

  try {
    // Pass 1: the channel, categories and attachments.
    let site: WxrSite | null = null;
    const categories: WxrCategory[] = [];
    // A "Posts only" export names categories on its items but lists none in the channel.
    const itemCategories = new Map<string, WxrCategory>();
    const attachments = new Map<number, AttachmentInfo>();
    let bytes = 0;
    let scanned = 0;
    try {
      for await (const { record } of readExport(source, { onBytes: (total) => (bytes = total) })) {
        scanned += 1;
        if (scanned % 500 === 0) progress('scan', bytes, 0);
        if (record.kind === 'site') site ??= record.site;
        else if (record.kind === 'category') categories.push(record);
        else if (record.kind === 'tag' || record.kind === 'term') tally(report, record.kind, 'skipped', { wpId: record.termId || null, reason: `${record.kind === 'tag' ? 'tags have' : `taxonomy ${record.taxonomy} has`} no home in Colophon` });
        else if (record.kind === 'item' && record.postType === 'attachment') attachments.set(record.postId, attachmentInfo(record));
        else if (record.kind === 'item') noteItemCategories(record, itemCategories);
      }
    } catch (error) {
      // A file that breaks half-way still gives what comes before the break: the second pass
      // imports it, then meets the same error at the same place and reports it.
      if (!(error instanceof WxrSyntaxError)) throw error;
    }

    const listed = new Set(categories.map((category) => category.nicename));
    for (const [nicename, category] of itemCategories) if (!listed.has(nicename)) categories.push(category);

    const locale = await importLocale(strapi, site?.language ?? null, options.locale ?? null);
    const siteKey = readSiteKey(site, options.site ?? null);
    const config = colophonConfig(strapi);
    const articleUid = config.trails.targets[0]?.uid ?? 'api::article.article';
    const context: ImportContext = {
      strapi,
      types: { article: articleUid, category: config.trails.categoryUid, source: config.attribution.sourceUid, comment: 'api::comment.comment' },
      ids: new IdMap(strapi, siteKey),
      locale,
      report,
      dryRun: Boolean(options.dryRun),
      overwrite: Boolean(options.overwrite),
      mediaDir: options.mediaDir ?? null,
      siteUrls: [...new Set([site?.link, site?.baseBlogUrl, site?.baseSiteUrl].filter((url): url is string => Boolean(url)))],
      attachments,
      usedAttachments: new Set(),
      categories: new Map(),
      categoryParents: new Map(categories.map((category) => [category.nicename, category.parent])),
    };
    await importCategories(context, categories);

    // Pass 2: the items.
    // A re-export under the same name is another file: its modification time tells them apart.
    const exportKey = createHash('sha256')
      .update(JSON.stringify([siteKey, source.parts.map((part) => [part.name, part.size]), paths.map((file) => fs.statSync(file).mtimeMs)]))
      .digest('base64url');
    const committedBefore = options.resume && !context.dryRun ? await readCursor(strapi, exportKey) : 0;
    report.resumedAfter = committedBefore;
    if (!context.dryRun) await writeCursor(strapi, null, exportKey, committedBefore, false);
    const sources = new SourceBook(context);
    const committed = new CommittedPrefix(committedBefore);
    const inFlight = new ItemsInFlight(context.dryRun ? 1 : itemsSideBySide(strapi));
    const statistics = new PlannerStatistics(strapi, context.dryRun);
    let index = 0;
    let items = 0;
    // The cursor never passes an item that failed, so that --resume tries it again.
    let failedYet = false;
    const seenPosts = new Set<number>();
    try {
      for await (const { record } of readExport(source, { onBytes: (total) => (bytes = total) })) {
        report.records += 1;
        if (record.kind !== 'item') continue;
        index += 1;
        if (index <= committedBefore) continue;
        if (options.shouldStop?.()) break;
        const position = index;
        const item = record as WxrItem;
        const done = () => {
          items += 1;
          progress('import', bytes, items);
          statistics.grew(items);
        };
        if (record.postType === 'attachment') {
          committed.settle(position);
        } else if (!(item.postId > 0)) {
          tally(report, item.postType || 'item', 'skipped', { wpId: null, reason: `"${item.title.slice(0, 80)}" has no wp:post_id, which the import keys everything on` });
          committed.settle(position);
        } else if (seenPosts.has(item.postId)) {
          tally(report, item.postType || 'item', 'skipped', { wpId: item.postId, reason: 'its wp:post_id appears twice in the export; the first was imported' });
          committed.settle(position);
        } else {
          seenPosts.add(item.postId);
          // The cursor moves in the item's own transaction, as far as every item before it has
          // committed too. An item that opens none (a page, a skipped post) has nothing to lose,
          // and leaves the cursor to the next one.
          const markCommitted = context.dryRun ? null : (trx: unknown) => writeCursor(strapi, trx, exportKey, committed.through(position), false, true);
          await inFlight.add(
            importItem(context, item, sources, markCommitted).then((imported) => {
              if (imported) committed.settle(position);
              else failedYet = true;
              done();
            })
          );
          continue;
        }
        done();
      }
    } finally {
      // Whatever ended the loop (the end, Ctrl-C, a broken file, an error), the items in hand
      // finish, so the report and the cursor say what was committed.
      await inFlight.drain().finally(() => statistics.settled());
    }
    if (!options.shouldStop?.()) {
      if (!context.dryRun && !failedYet) await writeCursor(strapi, null, exportKey, index, true);
      // The Media Library gets the images posts show, not every file ever uploaded to WordPress.
      if (committedBefore === 0) {
        for (const id of attachments.keys()) {
          if (!context.usedAttachments.has(id)) tally(report, 'attachment', 'skipped', { wpId: id, reason: 'not shown by any imported post' });
        }
      }
    }
    return report;
  } catch (error) {
    (error as { report?: ImportReport }).report = report;
    throw error;
  } finally {
    report.ms = Date.now() - started;
  }
}

/** The categories an item names (`<category domain="category" nicename="…">`), as flat categories. */
function noteItemCategories(item: WxrItem, into: Map<string, WxrCategory>): void {
  for (const term of item.terms) {
    if (term.domain !== 'category' || !term.nicename || into.has(term.nicename)) continue;
    into.set(term.nicename, { kind: 'category', termId: 0, nicename: term.nicename, parent: '', name: term.name, description: '' });
  }
}

/**
 * Which WordPress site an export is, for the import's memory of its ids: --site when given,
 * else the blog's own address (`wp:base_blog_url`, else the channel's `<link>`) without scheme,
 * `www.` or trailing slash, so a site moved to https stays one site. Not `wp:base_site_url`:
 * every blog of a multisite network (and of WordPress.com) shares it.
 */
function readSiteKey(site: WxrSite | null, asked: string | null): string {
  if (asked) return asked;
  const address = site?.baseBlogUrl || site?.link || '';
  const key = address
    .trim()
    .replace(/^[a-z][a-z0-9+.-]*:\/\//i, '')
    .replace(/^www\./i, '')
    .replace(/\/+$/, '')
    .toLowerCase();
  if (!key) throw new ImportOptionError('the export names no site (no wp:base_blog_url and no <link>): give --site=<name> to tell this blog apart from others');
  return key;
}

function attachmentInfo(item: WxrItem): AttachmentInfo {
  const alt = item.meta.find((meta) => meta.key === '_wp_attachment_image_alt')?.value ?? '';
  return { url: item.attachmentUrl || item.guid, caption: item.excerpt.trim(), alt: alt.trim() };
}

/** --locale when given (it must be one of the app's), else the export's language if the app has it, else the default locale. */
async function importLocale(strapi: Core.Strapi, language: string | null, asked: string | null): Promise<string> {
  const codes: string[] = (await strapi.plugin('i18n').service('locales').find()).map((locale: { code: string }) => locale.code);
  if (asked) {
    const found = codes.find((code) => code.toLowerCase() === asked.toLowerCase());
    if (!found) throw new ImportOptionError(`--locale ${asked} is not one of the site's locales (${codes.join(', ')})`);
    return found;
  }
  if (language) {
    const wanted = language.toLowerCase();
    const exact = codes.find((code) => code.toLowerCase() === wanted);
    const primary = codes.find((code) => code.toLowerCase() === wanted.split(/[-_]/)[0]);
    if (exact ?? primary) return (exact ?? primary)!;
  }
  return defaultLocale(strapi);
}

/** An option the command cannot act on, found once the app is up (an unknown locale). */
export class ImportOptionError extends Error {
  name = 'ImportOptionError';
}

async function readCursor(strapi: Core.Strapi, exportKey: string): Promise<number> {
  const row = await sql(strapi, null, WORDPRESS_RUNS_TABLE).select('committed', 'finished_at as finishedAt').where('export_key', exportKey).first();
  return row ? Number(row.committed ?? 0) : 0;
}

/**
 * Notes that the export's first `committed` items are in; in `trx` when given, so that it
 * commits with the item. `forward`: never move it back (items side by side commit in any
 * order, each with the prefix it saw).
 */
async function writeCursor(strapi: Core.Strapi, trx: unknown, exportKey: string, committed: number, finished: boolean, forward = false): Promise<void> {
  const values = { committed, finished_at: finished ? new Date() : null };
  const greatest = strapi.db.dialect.client === 'postgres' ? 'greatest' : 'max';
  const update = forward ? { ...values, committed: strapi.db.connection.raw(`${greatest}(committed, ?)`, [committed]) } : values;
  const updated = await sql(strapi, trx, WORDPRESS_RUNS_TABLE).where('export_key', exportKey).update(update);
  if (Number(updated) === 0) await sql(strapi, trx, WORDPRESS_RUNS_TABLE).insert({ export_key: exportKey, started_at: new Date(), ...values });
}

/**
 * How many items are imported side by side: PostgreSQL takes the writes of several transactions
 * at once, and an item spends much of its time waiting on round trips; SQLite has one writer,
 * so a second item would only wait for the first. Each item holds a pooled connection for its
 * transaction, which leaves the rest of the pool (DATABASE_POOL_MAX, 10) to readers.
 */
function itemsSideBySide(strapi: Core.Strapi): number {
  return strapi.db.dialect.client === 'postgres' ? ITEMS_SIDE_BY_SIDE : 1;
}

const ITEMS_SIDE_BY_SIDE = 3;

/**
 * PostgreSQL plans each statement from the statistics ANALYZE gathers, which autovacuum
 * refreshes only when it runs (it may be off, and lags a bulk load): a table that grew from
 * empty during the import is planned as if still empty, and the import's own lookups by
 * WordPress id then read every row of their kind (about 3 ms more a post per 10 000 rows).
 * So, as PostgreSQL's manual advises after loading data ("Populating a Database"), the
 * import runs ANALYZE each time the items it has done double from 250, beside the items, on a
 * connection of its own; the statement samples each table, so its cost does not grow with it.
 * SQLite keeps no statistics unless asked, and its plans here do not depend on them.
 */
class PlannerStatistics {
  private next = 250;
  private running: Promise<void> = Promise.resolve();

  constructor(
    private readonly strapi: Core.Strapi,
    dryRun: boolean
  ) {
    if (dryRun || strapi.db.dialect.client !== 'postgres') this.next = Number.POSITIVE_INFINITY;
  }

  grew(items: number): void {
    if (items < this.next) return;
    this.next = items * 2;
    this.running = this.running.then(() =>
      this.strapi.db.connection.raw('analyze').then(
        () => undefined,
        (error: Error) => void this.strapi.log.warn(`[import] ANALYZE failed, plans may be slower: ${error.message}`)
      )
    );
  }

  /** Waits for an ANALYZE still running, so that the run ends with nothing in flight. */
  settled(): Promise<void> {
    return this.running;
  }
}

/**
 * The items in hand, at most `limit` at once: add() waits for room before it returns. The
 * first error of an item (one the item did not turn into a report line) is thrown by the
 * add() or drain() after it, once the others have finished.
 */
class ItemsInFlight {
  private readonly running = new Set<Promise<void>>();
  private failure: { error: unknown } | null = null;

  constructor(private readonly limit: number) {}

  async add(work: Promise<void>): Promise<void> {
    const tracked = work.then(
      () => undefined,
      (error) => void (this.failure ??= { error })
    );
    this.running.add(tracked);
    void tracked.finally(() => this.running.delete(tracked));
    while (this.running.size >= this.limit) await Promise.race(this.running);
    if (this.failure) {
      await this.drain();
    }
  }

  async drain(): Promise<void> {
    await Promise.all(this.running);
    if (this.failure) throw this.failure.error;
  }
}
