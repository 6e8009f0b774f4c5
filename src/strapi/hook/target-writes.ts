import type { Core } from '@strapi/strapi';
import { checkPublishPolicy, type Credit } from '../../core/attribution';
import { stripInvisible } from '../../core/text';
import { colophonConfig, type TrailTarget } from '../colophon-config';
import type { DerivationInputs } from './derive-target';
import { readRelationIntent } from './relation-input';
import { rederiveTargets, type DerivedRow } from './rederive-targets';
import { recordRedirects, type PathChange } from '../trails/redirects';
import { resolveCategoryIntent } from '../trails/resolve-category';
import { columnOf, sql, tableOf } from '../database/schema';
import { settleSlug } from '../trails/unique-slug';
import { buildArticleTrail } from '../../core/trail';
import { dropDerivedFields, fail, writeLocale, type WriteParams } from './write-context';
import { prepareCreditInput, prepareTargetText } from '../attribution/credit-input';

export const TARGET_DERIVED_FIELDS = ['breadcrumbs', 'breadcrumbText', 'path', 'structuredData', 'structuredDataHtml', 'attribution', 'seo'];

/** What the checks after the write need to know of what the caller sent. */
export interface TargetWriteIntent {
  locale: string;
  /** The caller sent credits: they are judged once stored, with their sources resolved. */
  creditsSent: boolean;
  /** The title and slug as they will be stored (cleaned, settled) and the category row id it files under. */
  title: string;
  slug: string;
  categoryId: number | null;
}

/**
 * Validates and completes what the caller sent, before Strapi writes it, and claims the path
 * (and slug) it settles on in the ledger, for the document `params.documentId` or, on a
 * create, `data.documentId` (see assignDocumentId). `claim: false` (the live preview) checks
 * without claiming.
 */
export async function prepareTargetWrite(
  strapi: Core.Strapi,
  trx: unknown,
  target: TrailTarget,
  action: string,
  params: WriteParams,
  inputs: DerivationInputs,
  options: { claim?: boolean } = {}
): Promise<TargetWriteIntent | null> {
  if (action !== 'create' && action !== 'update') return null;
  const data = (params.data ??= {});
  const owner = params.documentId ?? (typeof data.documentId === 'string' ? data.documentId : undefined);
  dropDerivedFields(data, TARGET_DERIVED_FIELDS);

  const locale = await writeLocale(strapi, params);
  const { creditsField } = colophonConfig(strapi).attribution;
  prepareCreditInput(data, creditsField);
  prepareTargetText(data);
  const existing =
    action === 'update' && params.documentId
      ? await strapi.db.query(target.uid as any).findOne({
          where: { documentId: params.documentId, locale, publishedAt: null },
          select: ['id', target.titleField, target.slugField],
          populate: { [target.categoryField]: { select: ['id'] } },
        })
      : null;

  const sentTitle = data[target.titleField];
  if (sentTitle !== undefined && (typeof sentTitle !== 'string' || stripInvisible(sentTitle).trim() === '')) {
    fail(`${target.titleField} must not be empty`, { field: target.titleField });
  }
  // Bidi overrides and zero-width characters would reach the trail and the JSON-LD as they are.
  const title = typeof sentTitle === 'string' ? stripInvisible(sentTitle).trim() : existing?.[target.titleField];
  if (!title) fail(`${target.titleField} is required`, { field: target.titleField });
  if (typeof sentTitle === 'string') data[target.titleField] = title;

  const category = resolveCategoryIntent(inputs.tree, readRelationIntent(data, target.categoryField), locale, target.categoryField);
  if (category) refuseDamagedCategory(inputs, category.id, target.categoryField);

  const sentSlug = data[target.slugField];
  const categoryIntent = readRelationIntent(data, target.categoryField);
  const categoryId =
    categoryIntent.kind === 'unchanged' ? (existing?.[target.categoryField]?.id ?? null) : (category?.id ?? null);
  // A move changes the path as surely as a new slug: the slug is checked again where it lands.
  if (sentSlug !== undefined || !existing?.[target.slugField] || categoryIntent.kind !== 'unchanged') {
    const typeName = strapi.contentType(target.uid as any).info.singularName;
    data[target.slugField] = await settleSlug(
      strapi,
      trx,
      {
        uid: target.uid,
        slugField: target.slugField,
        locale,
        documentId: owner,
        claim: options.claim,
        claimSlug: true,
        pathOf: (slug) => buildArticleTrail(inputs.site, inputs.tree.segments(categoryId), { title, slug }, locale).path,
        // Editors and links address an article by its slug in a locale, whatever its category.
        findSameTypeRival: async (slug) => {
          const row = await strapi.db.query(target.uid as any).findOne({
            where: {
              [target.slugField]: slug,
              locale,
              ...(params.documentId ? { documentId: { $ne: params.documentId } } : {}),
            },
            select: ['documentId', target.titleField],
          });
          return row ? { uid: target.uid, type: typeName, documentId: row.documentId, label: row[target.titleField] } : null;
        },
      },
      // Sent empty: generate one. Not sent: the slug the document has, checked at its new place.
      sentSlug !== undefined ? (typeof sentSlug === 'string' ? sentSlug.trim() : null) : (existing?.[target.slugField] ?? null),
      title
    );
  }
  return {
    locale,
    creditsSent: Array.isArray(data[creditsField]),
    title,
    slug: (data[target.slugField] as string | undefined) ?? existing?.[target.slugField],
    categoryId,
  };
}

/** Public paths of the published versions, per locale, before a write replaces them. */
export async function publishedPaths(strapi: Core.Strapi, trx: unknown, target: TrailTarget, documentId?: string) {
  return storedPaths(strapi, trx, target.uid, documentId, true);
}

/**
 * A document's stored paths per locale ('' for a type without locales): its published rows'
 * only when `publishedOnly`, else every row's (a type without drafts, such as Category).
 * Empty for no documentId or a type without `path`.
 */
export async function storedPaths(strapi: Core.Strapi, trx: unknown, uid: string, documentId: string | undefined, publishedOnly: boolean) {
  const paths = new Map<string, string>();
  if (!documentId || !('path' in (strapi.contentType(uid as any).attributes as object))) return paths;
  const query = sql(strapi, trx, tableOf(strapi, uid))
    .select(`${columnOf(strapi, uid, 'locale')} as locale`, `${columnOf(strapi, uid, 'path')} as path`)
    .where(columnOf(strapi, uid, 'documentId'), documentId);
  if (publishedOnly) query.whereNotNull(columnOf(strapi, uid, 'publishedAt'));
  for (const row of await query) if (row.path) paths.set(row.locale ?? '', row.path);
  return paths;
}

/**
 * Recomputes every version of the written document, then records a redirect for each locale
 * whose published path moved. Publishing replaces the published row, so the old path is the
 * one read before the write, not the row's own.
 */
export async function deriveAfterTargetWrite(
  strapi: Core.Strapi,
  trx: unknown,
  target: TrailTarget,
  documentId: string,
  pathsBefore: Map<string, string>,
  inputs: DerivationInputs
): Promise<Map<number, DerivedRow>> {
  const { derived, skipped } = await rederiveTargets(strapi, trx, target, { documentId }, inputs, { keepDerived: true });
  // A version still filed in a damaged category cannot get a trail: refuse rather than store a stale one.
  for (const row of skipped) refuseDamagedCategory(inputs, row.categoryId, target.categoryField);
  const changes: PathChange[] = [];
  for (const row of derived.values()) {
    const before = pathsBefore.get(row.locale ?? '');
    const after = row.values.path;
    if (row.published && before && typeof after === 'string' && after !== before) changes.push({ from: before, to: after, locale: row.locale });
  }
  await recordRedirects(strapi, trx, changes);
  return derived;
}

/** A reason a write would be refused, named by the field path its 400 would carry. */
export interface WriteBlocker {
  /** `save` refuses any write of the form as it is; `publish` only its publication. */
  action: 'save' | 'publish';
  path: Array<string | number>;
  message: string;
}

/**
 * Why publishing this version would be refused, one blocker per problem, all on the credits
 * field (where enforcePublishPolicy puts its 400). Empty when the policy is off or the
 * credits pass. The hook and the preview both ask here.
 */
export function findPublishBlockers(strapi: Core.Strapi, credits: readonly Credit[] | null): WriteBlocker[] {
  const { publishPolicy, creditsField } = colophonConfig(strapi).attribution;
  if (!publishPolicy || credits === null) return [];
  return checkPublishPolicy(credits).map((message) => ({ action: 'publish', path: [creditsField], message }));
}

/**
 * Publishing is where republication rules bite: a translation must say what it translates,
 * and a source that forbids republication cannot be republished. Checked on what was just
 * published, inside the write's transaction, so a refusal leaves nothing written. Drafts may
 * be as incomplete as an editor likes.
 */
export function enforcePublishPolicy(strapi: Core.Strapi, derived: Map<number, DerivedRow>): void {
  for (const row of derived.values()) {
    if (!row.published) continue;
    const blockers = findPublishBlockers(strapi, row.credits);
    if (blockers.length > 0) {
      const problems = blockers.map((blocker) => blocker.message);
      fail(`Cannot publish${row.locale ? ` (${row.locale})` : ''}: ${problems.join('; ')}`, {
        field: colophonConfig(strapi).attribution.creditsField,
        problems,
      });
    }
  }
}

function refuseDamagedCategory(inputs: DerivationInputs, categoryId: number, field: string): void {
  const damage = inputs.tree.damaged.get(categoryId);
  if (!damage) return;
  const name = inputs.tree.nodes.get(categoryId)?.name ?? `#${categoryId}`;
  fail(
    `${field}: category "${name}" sits in a damaged part of the tree (${damage.code === 'cycle' ? 'a cycle' : 'a chain deeper than allowed'}), ` +
      'so no trail can be built under it; file the article elsewhere or repair the tree (`npm run rederive -- --check`)',
    { field }
  );
}
