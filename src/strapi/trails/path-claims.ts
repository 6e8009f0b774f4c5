import type { Core } from '@strapi/strapi';
import { colophonConfig } from '../colophon-config';
import { columnOf, sql, tableOf } from '../database/schema';

/** Who already holds a public path: enough for an editor to find it and for a 400 to name it. */
export interface PathClaim {
  uid: string;
  /** The content type's singular name: "article", "category". */
  type: string;
  documentId: string;
  /** Its title or name, as the editor knows it. */
  label: string;
  /** Set when the Site keeps the path for itself: what for ("the home page of locale en"). */
  reserved?: string;
}

/** The content types whose rows hold a public `path`, with the field that labels them. */
export function pathOwners(strapi: Core.Strapi): Array<{ uid: string; labelField: string }> {
  const { categoryUid, targets } = colophonConfig(strapi).trails;
  return [...targets.map((target) => ({ uid: target.uid, labelField: target.titleField })), { uid: categoryUid, labelField: 'name' }].filter(
    ({ uid }) => 'path' in (strapi.contentType(uid as any).attributes as object)
  );
}

/**
 * The document that holds `path` in `locale`, other than `self`, or null. Drafts count: a
 * draft's path is the one it will go live at, and letting two documents aim at one path only
 * moves the collision to the day the second is published. One indexed lookup per type.
 */
export async function findPathClaim(
  strapi: Core.Strapi,
  trx: unknown,
  path: string,
  locale: string,
  self?: { uid: string; documentId?: string } | Array<{ uid: string; documentId?: string }>
): Promise<PathClaim | null> {
  const excluded = (Array.isArray(self) ? self : self ? [self] : []).filter((entry) => entry.documentId);
  for (const { uid, labelField } of pathOwners(strapi)) {
    const query = sql(strapi, trx, tableOf(strapi, uid))
      .select(`${columnOf(strapi, uid, 'documentId')} as documentId`, `${columnOf(strapi, uid, labelField)} as label`)
      .where(columnOf(strapi, uid, 'path'), path)
      .where(columnOf(strapi, uid, 'locale'), locale)
      .first();
    const own = excluded.filter((entry) => entry.uid === uid).map((entry) => entry.documentId!);
    if (own.length > 0) query.whereNotIn(columnOf(strapi, uid, 'documentId'), own);
    const row = await query;
    if (row) {
      return { uid, type: strapi.contentType(uid as any).info.singularName, documentId: row.documentId, label: row.label ?? '' };
    }
  }
  return null;
}

/** `article "Ukraine" (documentId abc…)`: how an error names the holder of a path. */
export function describeClaim(claim: PathClaim): string {
  if (claim.reserved) return claim.reserved;
  return `${claim.type} "${claim.label}" (documentId ${claim.documentId})`;
}
