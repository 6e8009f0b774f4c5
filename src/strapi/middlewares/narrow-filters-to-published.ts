import type { Core } from '@strapi/strapi';

const PUBLISHED = { publishedAt: { $notNull: true } };
const LOGICAL = new Set(['$and', '$or', '$not']);

/**
 * A reader's filter that walks a relation into a draft & publish type
 * (`/api/categories?filters[articles][title][$eq]=…`) would otherwise match draft rows too,
 * and so tell whether an embargoed draft says something. Every such step is narrowed to
 * published rows, however deep, through components as well as relations.
 */
export function narrowFiltersToPublished(strapi: Core.Strapi, uid: string, filters: unknown): unknown {
  if (Array.isArray(filters)) return filters.map((filter) => narrowFiltersToPublished(strapi, uid, filter));
  if (!isPlainObject(filters)) return filters;

  const attributes = (strapi.getModel(uid as any)?.attributes ?? {}) as Record<string, any>;
  const narrowed: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(filters)) {
    const attribute = attributes[key];
    if (LOGICAL.has(key)) {
      narrowed[key] = narrowFiltersToPublished(strapi, uid, value);
    } else if (attribute?.type === 'relation' && attribute.target) {
      const nested = isPlainObject(value) && !isOperatorOnly(value) ? narrowFiltersToPublished(strapi, attribute.target, value) : { id: value };
      const target = strapi.getModel(attribute.target);
      narrowed[key] = target?.options?.draftAndPublish ? { $and: [nested, PUBLISHED] } : nested;
    } else if (attribute?.type === 'component' && isPlainObject(value)) {
      narrowed[key] = narrowFiltersToPublished(strapi, attribute.component, value);
    } else {
      narrowed[key] = value;
    }
  }
  return narrowed;
}

/** `{ $eq: 3 }` directly on a relation compares the related row's id. */
function isOperatorOnly(value: Record<string, unknown>): boolean {
  return Object.keys(value).every((key) => key.startsWith('$') && !LOGICAL.has(key));
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
