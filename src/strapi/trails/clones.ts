import type { Core } from '@strapi/strapi';
import { buildArticleTrail, buildCategoryTrail } from '../../core/trail';
import { colophonConfig, type TrailTarget } from '../colophon-config';
import { columnOf, relationLinkOf, sql, tableOf } from '../database/schema';
import type { DerivationInputs } from '../hook/derive-target';
import { settleSlug } from './unique-slug';

/** What is cloned: a trail target, or a category. */
export type ClonedType = { kind: 'target'; target: TrailTarget } | { kind: 'category' };

/**
 * A clone (the Content Manager's Duplicate, auto-clone and clone, or `documents().clone()` in
 * code) copies every field of every locale it clones, slug and path included. Before the
 * clone's transaction commits, each of its rows gets a slug of its own, claimed in the ledger
 * for the new document: one generated from its title with the first free "-2", "-3"…, unless
 * the caller sent a slug other than the original's, which is checked as any explicit slug is
 * (a 400 on the slug field when taken). The derivation that follows gives the paths.
 * Returns the slug given to each locale ('' for a type without locales).
 */
export function settleClonedSlugs(
  strapi: Core.Strapi,
  trx: unknown,
  cloned: ClonedType,
  source: string,
  clone: string,
  sentSlug: unknown,
  inputs: DerivationInputs
): Promise<Map<string, string>> {
  return settleFreshSlugs(strapi, trx, cloned, clone, inputs, { original: source, sentSlug });
}

/**
 * Gives the rows of `documentId` (in `locales`, else every locale it has) a free slug
 * generated from their title, claimed in the ledger, and stores it on every row of that
 * locale, draft and published; `original`, the document it was copied from, and `sentSlug`,
 * as for a clone. The checker's repair of a page on a path someone else holds uses it too.
 */
export async function settleFreshSlugs(
  strapi: Core.Strapi,
  trx: unknown,
  cloned: ClonedType,
  clone: string,
  inputs: DerivationInputs,
  options: { original?: string; sentSlug?: unknown; locales?: readonly string[] } = {}
): Promise<Map<string, string>> {
  const { original: source, sentSlug } = options;
  const { categoryUid } = colophonConfig(strapi).trails;
  const uid = cloned.kind === 'target' ? cloned.target.uid : categoryUid;
  const slugField = cloned.kind === 'target' ? cloned.target.slugField : 'slug';
  const titleField = cloned.kind === 'target' ? cloned.target.titleField : 'name';
  const link = relationLinkOf(strapi, uid, cloned.kind === 'target' ? cloned.target.categoryField : 'parent');
  const table = tableOf(strapi, uid);
  const column = (attribute: string) => `${table}.${columnOf(strapi, uid, attribute)}`;
  const typeName = strapi.contentType(uid as any).info.singularName;

  const rowsOf = (documentId: string) =>
    sql(strapi, trx, table)
      .leftJoin(link.table, `${link.table}.${link.ownerColumn}`, `${table}.id`)
      .where(column('documentId'), documentId)
      .select(
        `${table}.id as id`,
        `${column('locale')} as locale`,
        `${column(titleField)} as title`,
        `${column(slugField)} as slug`,
        `${link.table}.${link.targetColumn} as parentId`
      );
  const copies: Array<{ id: number; locale: string | null; title: string; slug: string | null; parentId: number | null }> = (
    await rowsOf(clone)
  ).filter((row: { locale: string | null }) => !options.locales || options.locales.includes(row.locale ?? ''));
  const originals: Array<{ locale: string | null; slug: string | null }> = source ? await rowsOf(source) : [];
  const sent = typeof sentSlug === 'string' && sentSlug.trim() !== '' ? sentSlug.trim() : null;

  const settled = new Map<string, string>();
  for (const copy of copies) {
    const locale = copy.locale ?? '';
    if (settled.has(locale)) continue;
    const original = originals.find((row) => (row.locale ?? '') === locale)?.slug ?? null;
    const parentId = copy.parentId == null ? null : Number(copy.parentId);
    const ancestry = parentId === null ? [] : inputs.tree.segments(parentId);
    const slug = await settleSlug(
      strapi,
      trx,
      {
        uid,
        slugField,
        locale,
        documentId: clone,
        claimSlug: cloned.kind === 'target',
        pathOf: (candidate) =>
          cloned.kind === 'target'
            ? buildArticleTrail(inputs.site, ancestry, { title: copy.title, slug: candidate }, locale).path
            : buildCategoryTrail(inputs.site, [...ancestry, { label: copy.title, slug: candidate }], locale).path,
        findSameTypeRival: async (candidate) => {
          const query = sql(strapi, trx, table)
            .select(`${column('documentId')} as documentId`, `${column(titleField)} as label`)
            .where(column(slugField), candidate)
            .where(column('locale'), locale)
            .whereNot(column('documentId'), clone)
            .first();
          // Categories keep one slug among siblings; articles one per locale.
          if (cloned.kind === 'category') {
            query.leftJoin(link.table, `${link.table}.${link.ownerColumn}`, `${table}.id`);
            if (parentId === null) query.whereNull(`${link.table}.${link.targetColumn}`);
            else query.where(`${link.table}.${link.targetColumn}`, parentId);
          }
          const row = await query;
          return row ? { uid, type: typeName, documentId: row.documentId, label: row.label ?? '' } : null;
        },
      },
      // The original's slug, carried over by the form or the copy, is not a choice: generate.
      sent !== null && sent !== original ? sent : null,
      copy.title ?? ''
    );
    settled.set(locale, slug);
    const rows = sql(strapi, trx, table).where(column('documentId'), clone);
    if (copy.locale === null) rows.whereNull(column('locale'));
    else rows.where(column('locale'), copy.locale);
    // A clone never lived at the original's path: forget it, or the derivation that follows
    // would take it for a move and record a redirect from the original's page.
    await rows.update({ [columnOf(strapi, uid, slugField)]: slug, ...(source ? { [columnOf(strapi, uid, 'path')]: null } : {}) });
  }
  return settled;
}

/** The clone's answer carries the slugs it was given, not the original's it was read with. */
export function patchClonedSlugs(result: any, slugField: string, settled: Map<string, string>): void {
  const entries = Array.isArray(result?.entries) ? result.entries : [result];
  for (const entry of entries) {
    const slug = entry && settled.get(entry.locale ?? '');
    if (slug) entry[slugField] = slug;
  }
}

/**
 * Strapi's clone copies the original's relations into the copy, including the inverse side of
 * one-to-many relations (a category's `children` and `articles`): since each child or article
 * has one parent, the copy takes them away from the original. A newsroom's Duplicate makes an
 * empty sibling, never moves the original's pages: unless the caller sent such a relation,
 * the copy gets none (`set: []`, which Strapi's clone applies over what it copied).
 */
export function leaveRelationsWithOriginal(strapi: Core.Strapi, uid: string, data: Record<string, unknown>): void {
  const attributes = strapi.contentType(uid as any).attributes as Record<string, any>;
  for (const [name, attribute] of Object.entries(attributes)) {
    const inverse = attribute?.type === 'relation' && attribute.relation === 'oneToMany' && attribute.mappedBy;
    if (inverse && !(name in data)) data[name] = { set: [] };
  }
}
