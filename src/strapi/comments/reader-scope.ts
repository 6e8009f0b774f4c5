import type { Core } from '@strapi/strapi';
import { COMMENT_UID } from './model';

export interface ReadParams {
  status?: string;
  filters?: unknown;
  sort?: unknown;
}

const PUBLISHED = { publishedAt: { $notNull: true } };
const OLDEST_FIRST = [{ createdAt: 'asc' }, { id: 'asc' }];
const LOGICAL = new Set(['$and', '$or']);

/**
 * What a reader's query over comments may see: approved comments of published articles, oldest
 * first unless the reader sorts otherwise. The reader's own filters still apply, within that.
 *
 * A comment links to both the draft and the published row of its article, so three more
 * things keep drafts out of reach:
 * - status 'published', so a populated article is its published version;
 * - the reader's own filters on `article` are narrowed to published rows, or a filter on a
 *   draft's title would tell whether an embargoed draft says so;
 * - sorting is on the comment's own fields only, for the same reason.
 */
export function restrictToPublicComments(strapi: Core.Strapi, params: ReadParams): void {
  params.status = 'published';
  const scope = [{ commentStatus: 'approved' }, { article: PUBLISHED }];
  params.filters = params.filters ? { $and: [onPublishedArticles(params.filters), ...scope] } : { $and: scope };
  const sort = ownFieldSort(strapi, params.sort);
  params.sort = sort.length > 0 ? sort : OLDEST_FIRST;
}

function onPublishedArticles(filters: unknown): unknown {
  if (Array.isArray(filters)) return filters.map(onPublishedArticles);
  if (!isPlainObject(filters)) return filters;
  const narrowed: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(filters)) {
    if (LOGICAL.has(key) || key === '$not') narrowed[key] = onPublishedArticles(value);
    else if (key === 'article') narrowed[key] = { $and: [isPlainObject(value) && !isOperatorOnly(value) ? value : { id: value }, PUBLISHED] };
    else narrowed[key] = value;
  }
  return narrowed;
}

/** `{ $eq: 3 }` directly on a relation compares the related row's id. */
function isOperatorOnly(value: Record<string, unknown>): boolean {
  return Object.keys(value).every((key) => key.startsWith('$') && !LOGICAL.has(key) && key !== '$not');
}

/** Keeps sort entries on the comment's own scalar fields, in any of the shapes Strapi accepts. */
function ownFieldSort(strapi: Core.Strapi, sort: unknown): Array<Record<string, string>> {
  const attributes = strapi.contentType(COMMENT_UID as any).attributes as Record<string, { type?: string }>;
  const own = (field: string) => field === 'id' || (field in attributes && attributes[field].type !== 'relation');
  const entries: Array<Record<string, string>> = [];
  const add = (field: string, direction: unknown) => {
    const order = String(direction ?? 'asc').toLowerCase() === 'desc' ? 'desc' : 'asc';
    if (own(field)) entries.push({ [field]: order });
  };
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(visit);
    else if (typeof value === 'string') {
      for (const part of value.split(',')) {
        const [field, direction] = part.trim().split(':');
        if (field) add(field, direction);
      }
    } else if (isPlainObject(value)) {
      for (const [field, direction] of Object.entries(value)) if (typeof direction === 'string') add(field, direction);
    }
  };
  visit(sort);
  return entries;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
