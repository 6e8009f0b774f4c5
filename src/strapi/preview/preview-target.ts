import type { Core } from '@strapi/strapi';
import type { Credit } from '../../core/attribution';
import { summarizeStructuredData, type StructuredDataSummary } from '../../core/structured-data';
import { colophonConfig, type TrailTarget } from '../colophon-config';
import { findSilentCredits } from '../attribution/credit-input';
import { loadCovers, type CoverImage } from '../attribution/load-covers';
import { loadCredits } from '../attribution/load-credits';
import { loadDerivationInputs } from '../hook/cascade';
import { derivedAttributesOf, deriveTargetValues } from '../hook/derive-target';
import { addAlternates } from '../discovery/alternate-writes';
import { findPublishBlockers, prepareTargetWrite, type WriteBlocker } from '../hook/target-writes';
import { targetRowsQuery, toTargetRow } from '../hook/target-rows';
import { columnOf, tableOf } from '../database/schema';
import { readFormCover, readFormCredits } from './form-values';
import type { PreviewRequest } from './request';

export interface TargetPreview {
  uid: string;
  documentId: string | null;
  locale: string;
  /** The slug the save would store: the one typed, or the one generated from the title. */
  slug: string;
  /** Exactly what the hook would store in the derived fields (breadcrumbs, path, attribution, seo, structuredData…). */
  derived: Record<string, unknown>;
  structuredDataSummary: StructuredDataSummary | null;
  /** What would refuse a save (a silent credit) or a publish (the publish policy), by field path. */
  blockers: WriteBlocker[];
}

/**
 * What saving the form's values would store in a trail target's derived fields, computed by
 * the hook's own steps without writing: prepareTargetWrite (the checks and completions a save
 * runs, so the same 400s), then deriveTargetValues on the row the save would produce, then the
 * save and publish checks as blockers. Values the form does not send are those of the stored
 * draft, as for a save. Run it inside a transaction the caller rolls back.
 */
export async function previewTarget(strapi: Core.Strapi, trx: unknown, target: TrailTarget, request: PreviewRequest): Promise<TargetPreview> {
  const { creditsField, syndicationField, imageField, imageCaptionField } = colophonConfig(strapi).attribution;
  const has = derivedAttributesOf(strapi, target.uid);
  const data = structuredClone(request.data);
  const inputs = await loadDerivationInputs(strapi, trx);
  const action = request.documentId ? 'update' : 'create';
  const intent = (await prepareTargetWrite(strapi, trx, target, action, { documentId: request.documentId, locale: request.locale, data }, inputs, { claim: false }))!;

  const stored = request.documentId ? await readStoredDraft(strapi, trx, target, request.documentId, intent.locale) : null;
  const sent = (field: string | undefined) => field !== undefined && field in data;
  const row = toTargetRow({
    id: stored?.id ?? 0,
    documentId: request.documentId ?? '',
    locale: intent.locale,
    // A save stores a draft, stamped now; the first publication, if any, is kept.
    publishedAt: null,
    firstPublishedAt: stored?.firstPublishedAt,
    updatedAt: new Date(),
    title: intent.title,
    slug: intent.slug,
    categoryId: intent.categoryId,
    excerpt: sent('excerpt') ? data.excerpt : stored?.excerpt,
    syndication: sent(syndicationField) ? data[syndicationField] : stored?.syndication,
  });

  let credits: Credit[] | null = null;
  if (has.attribution) {
    if (Array.isArray(data[creditsField])) credits = await readFormCredits(strapi, data[creditsField] as unknown[]);
    else if (data[creditsField] === undefined && stored) credits = (await loadCredits(strapi, trx, target.uid, [stored.id])).get(stored.id) ?? [];
    else credits = [];
  }
  let cover: CoverImage | null = null;
  if (has.structuredData && imageField) {
    const storedCover = stored ? ((await loadCovers(strapi, trx, target.uid, [stored.id])).get(stored.id) ?? null) : null;
    const caption = imageCaptionField && sent(imageCaptionField) ? data[imageCaptionField] : (storedCover?.caption ?? null);
    if (sent(imageField)) cover = await readFormCover(strapi, data[imageField], caption, imageField);
    else if (storedCover) cover = { ...storedCover, caption: typeof caption === 'string' ? caption : null };
  }

  const derived = deriveTargetValues(strapi, target, row, inputs, credits, cover);
  // A draft names what the published version of its locale names, as a save stores it.
  if (has.seo) await addAlternates(strapi, trx, target.uid, inputs.site, [{ row, values: derived }], { write: false });
  return {
    uid: target.uid,
    documentId: request.documentId ?? null,
    locale: intent.locale,
    slug: intent.slug,
    derived,
    structuredDataSummary: has.structuredData ? summarizeStructuredData(derived.structuredData) : null,
    blockers: credits ? [...findSilentCredits(credits, intent.locale, creditsField), ...findPublishBlockers(strapi, credits)] : [],
  };
}

async function readStoredDraft(strapi: Core.Strapi, trx: unknown, target: TrailTarget, documentId: string, locale: string) {
  const table = tableOf(strapi, target.uid);
  const column = (attribute: string) => `${table}.${columnOf(strapi, target.uid, attribute)}`;
  const row = await targetRowsQuery(strapi, trx, target)
    .where(column('documentId'), documentId)
    .where(column('locale'), locale)
    .whereNull(column('publishedAt'))
    .first();
  return row ? toTargetRow(row) : null;
}
