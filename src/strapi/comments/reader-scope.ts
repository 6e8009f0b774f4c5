import type { Core } from '@strapi/strapi';
import { narrowFiltersToPublished } from '../middlewares/narrow-filters-to-published';
import { COMMENT_UID } from './model';

export interface ReadParams {
  status?: string;
  filters?: unknown;
  sort?: unknown;
}

const PUBLISHED = { publishedAt: { $notNull: true } };
const OLDEST_FIRST = [{ createdAt: 'asc' }, { id: 'asc' }];

/**
 * A comment links to both the draft and the published row of its article, so anyone below an
 * editor (readers and moderators, reading or writing) gets three things fixed on any call:
 * - status 'published', so a populated article is its published version, in a list as in the
 *   answer to a POST or a PUT;
 * - their filters on `article` narrowed to published rows, or a filter on a draft's title
 *   would tell whether an embargoed draft says so;
 * - sorting on the comment's own fields only, for the same reason.
 */
export function keepDraftsOutOfReach(strapi: Core.Strapi, params: ReadParams): void {
  params.status = 'published';
  if (params.filters) params.filters = narrowFiltersToPublished(strapi, COMMENT_UID, params.filters);
  if (params.sort !== undefined) params.sort = ownFieldSort(strapi, params.sort);
}

/** Conversations read top to bottom: oldest first, unless the caller chose an order. */
export function sortOldestFirst(params: ReadParams): void {
  if (!Array.isArray(params.sort) || params.sort.length === 0) params.sort = OLDEST_FIRST;
}

/** A reader's query sees approved comments of published articles only, within its own filters. */
export function restrictToPublicComments(params: ReadParams): void {
  const scope = [{ commentStatus: 'approved' }, { article: PUBLISHED }];
  params.filters = { $and: [...(params.filters ? [params.filters] : []), ...scope] };
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
