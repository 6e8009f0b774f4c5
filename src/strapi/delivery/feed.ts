import type { Core } from '@strapi/strapi';
import { compareFeedPositions, decodeCursor } from '../../core/delivery';
import { colophonConfig } from '../colophon-config';
import { creditedRowsQuery } from '../attribution/credited-rows';
import { columnOf, tableOf } from '../database/schema';
import { fieldError } from '../errors';
import { parse, readChangesAfter, type ChangedPath, type PathScope } from './change-log';
import { CHANGES_TABLE } from './models';
import { prunedThrough } from './retention';
import { readCount } from '../query-params';

export const DEFAULT_FEED_LIMIT = 100;
export const MAX_FEED_LIMIT = 1000;
export const DEFAULT_PATHS_PAGE_SIZE = 100;
export const MAX_PATHS_PAGE_SIZE = 500;

// Strapi 5.54 names the API token strategy 'content-api-token'; earlier releases 'api-token'.
const API_TOKEN_STRATEGIES = new Set(['content-api-token', 'api-token']);

/**
 * The feed is for the app's own frontends and CDN purgers: an API token (full access or read
 * only), never Public and never a reader's users-permissions account, whatever roles an
 * administrator grants. Answers 403 otherwise.
 */
function refuseAllButApiTokens(ctx: any): boolean {
  if (API_TOKEN_STRATEGIES.has(ctx.state?.auth?.strategy?.name)) return false;
  ctx.status = 403;
  ctx.body = { data: null, error: { status: 403, name: 'ForbiddenError', message: 'The change feed is read with an API token', details: {} } };
  return true;
}

/**
 * GET /api/changes?after=<cursor>&limit=<n> (limit 100 by default, at most 1 000): the changes
 * after the cursor, oldest first, and the cursor to continue from (`meta.next`, the same as the
 * request's when nothing came), with `meta.hasMore` when another page is waiting. A cursor this
 * feed did not give out is a 400 naming `after`; one from before the oldest change still kept
 * (see ./retention.ts) is a 410: the consumer purges everything and starts again.
 */
export async function answerChangeFeed(strapi: Core.Strapi, ctx: any): Promise<void> {
  if (refuseAllButApiTokens(ctx)) return;
  const position = decodeCursor(ctx.query?.after);
  if (!position) throw fieldError('after is not a cursor this feed gave out', ['after']);
  const limit = readCount(ctx.query?.limit, 'limit', DEFAULT_FEED_LIMIT, MAX_FEED_LIMIT);
  const pruned = position.id > 0 ? await prunedThrough(strapi) : null;
  if (pruned && compareFeedPositions(position, pruned) < 0) {
    // Some changes after this cursor were pruned: going on would skip them without a word.
    ctx.status = 410;
    ctx.set('Cache-Control', 'private, no-store');
    ctx.body = {
      data: null,
      error: {
        status: 410,
        name: 'GoneError',
        message: 'Changes after this cursor were pruned (CHANGES_RETENTION_DAYS): purge everything, then read the feed again without after',
        details: { errors: [{ path: ['after'], message: 'This cursor is older than the change log keeps', name: 'GoneError' }] },
      },
    };
    return;
  }
  const { changes, next, hasMore } = await readChangesAfter(strapi, position, limit);
  ctx.set('Cache-Control', 'private, no-store');
  ctx.body = { data: changes, meta: { next, hasMore } };
}

/**
 * GET /api/changes/:id/paths?page=<n>&pageSize=<n>: every public path one change covers,
 * page by page: those it listed, then those its scopes hold now (every published page at or
 * below a moved or renamed category, with the old path each one redirects from; every page
 * crediting a Source; every page, for a Site edit). 404 for an unknown change.
 */
export async function answerChangePaths(strapi: Core.Strapi, ctx: any): Promise<void> {
  if (refuseAllButApiTokens(ctx)) return;
  const id = /^\d{1,15}$/.test(String(ctx.params?.id ?? '')) ? Number(ctx.params.id) : NaN;
  if (!Number.isSafeInteger(id)) throw fieldError('id must be a change id from the feed', ['id']);
  const page = readCount(ctx.query?.page, 'page', 1, 1_000_000);
  const pageSize = readCount(ctx.query?.pageSize, 'pageSize', DEFAULT_PATHS_PAGE_SIZE, MAX_PATHS_PAGE_SIZE);
  const row = await strapi.db.connection(CHANGES_TABLE).where('id', id).first();
  if (!row) {
    ctx.status = 404;
    ctx.body = { data: null, error: { status: 404, name: 'NotFoundError', message: 'No such change', details: {} } };
    return;
  }
  const listed = parse<ChangedPath[]>(row.paths, []);
  const scopes = parse<PathScope[]>(row.scopes, []);
  const all: ChangedPath[] = [...listed];
  for (const scope of scopes) for (const path of await pathsOfScope(strapi, scope)) all.push(path);
  const unique = [...new Map(all.map((entry) => [`${entry.locale}\u0000${entry.path}\u0000${entry.change}`, entry])).values()];
  const start = (page - 1) * pageSize;
  ctx.set('Cache-Control', 'private, no-store');
  ctx.body = {
    data: unique.slice(start, start + pageSize),
    meta: { pagination: { page, pageSize, total: unique.length, pageCount: Math.ceil(unique.length / pageSize) } },
  };
}

/** The public paths a scope holds now: published target rows and categories (which have no drafts). */
async function pathsOfScope(strapi: Core.Strapi, scope: PathScope): Promise<ChangedPath[]> {
  const { trails } = colophonConfig(strapi);
  const owners = [
    ...trails.targets.map((target) => ({ uid: target.uid, published: true })),
    { uid: trails.categoryUid, published: false },
  ].filter(({ uid }) => 'path' in (strapi.contentType(uid as any).attributes as object));
  const paths: ChangedPath[] = [];
  for (const { uid, published } of owners) {
    const table = tableOf(strapi, uid);
    const column = (attribute: string) => `${table}.${columnOf(strapi, uid, attribute)}`;
    const query = strapi.db.getConnection(table).select(`${column('locale')} as locale`, `${column('path')} as path`).whereNotNull(column('path'));
    if (published) query.whereNotNull(column('publishedAt'));
    if (scope.kind === 'subtree') {
      query
        .where(column('locale'), scope.locale)
        // Paths hold only a-z, 0-9, "-" and "/": nothing LIKE would read as a wildcard.
        .where((where: any) => where.where(column('path'), scope.path).orWhere(column('path'), 'like', `${scope.path}/%`));
    } else if (scope.kind === 'credits') {
      if (uid === trails.categoryUid) continue;
      const { sourceUid } = colophonConfig(strapi).attribution;
      const sourceIds = await strapi.db.getConnection(tableOf(strapi, sourceUid)).where(columnOf(strapi, sourceUid, 'documentId'), scope.sourceDocumentId).pluck('id');
      if (sourceIds.length === 0) continue;
      query.whereIn(`${table}.id`, creditedRowsQuery(strapi, undefined, uid, sourceIds.map(Number)));
    }
    const rows: Array<{ locale: string | null; path: string }> = await query.orderBy(`${table}.id`);
    for (const row of rows) {
      const locale = row.locale ?? '';
      if (scope.kind === 'subtree' && scope.from && (row.path === scope.path || row.path.startsWith(`${scope.path}/`))) {
        paths.push({ locale, path: row.path, change: 'moved-to' });
        paths.push({ locale, path: scope.from + row.path.slice(scope.path.length), change: 'moved-from' });
      } else {
        paths.push({ locale, path: row.path, change: 'updated' });
      }
    }
  }
  return paths;
}
