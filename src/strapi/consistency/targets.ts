import { diffDerived, ownerKey } from '../../core/consistency';
import { TrailError } from '../../core/trail';
import { colophonConfig, type TrailTarget } from '../colophon-config';
import { countApprovedComments, recountComments } from '../comments/comment-count';
import { ARTICLE_COUNT_FIELD, ARTICLE_UID } from '../comments/model';
import { derivedAttributesOf, deriveTargetValues } from '../hook/derive-target';
import { loadCredits } from '../attribution/load-credits';
import { loadCovers } from '../attribution/load-covers';
import { rederiveTargets } from '../hook/rederive-targets';
import { columnOf, sql, tableOf } from '../database/schema';
import { readTargetRows } from '../hook/target-rows';
import { addAlternates } from '../discovery/alternate-writes';
import type { CheckContext } from './context';
import { describeRow } from './report';
import { inTransaction } from './transactions';
import { reclaimMoved } from '../claims';
import { noteChange } from '../delivery/change-log';
import { tagVocabulary } from '../delivery/tags';

/**
 * Recomputes the derived fields of every row of a trail target, draft and published, with the
 * functions every write uses, and compares them with what is stored; for articles, also
 * commentCount against the approved comments. Walks the table by id, one batch per
 * transaction and a fixed handful of queries per batch however large the table, so memory
 * and each batch's cost stay flat. A repair re-derives and recounts the batch's stale rows in
 * the same transaction.
 */
export async function checkTargetRows(context: CheckContext, target: TrailTarget): Promise<void> {
  const { strapi, fix, log } = context;
  const { batchSize } = colophonConfig(strapi).trails;
  const table = tableOf(strapi, target.uid);
  const has = derivedAttributesOf(strapi, target.uid);
  const storedFields = [
    'breadcrumbs',
    ...(has.breadcrumbText ? ['breadcrumbText'] : []),
    ...(has.path ? ['path'] : []),
    ...(has.attribution ? ['attribution'] : []),
    ...(has.seo ? ['seo'] : []),
    ...(has.structuredData ? ['structuredData'] : []),
    ...(has.structuredDataHtml ? ['structuredDataHtml'] : []),
  ];
  const countsComments =
    target.uid === ARTICLE_UID && ARTICLE_COUNT_FIELD in (strapi.contentType(target.uid as any).attributes as object);
  const selected = [...storedFields, ...(countsComments ? [ARTICLE_COUNT_FIELD] : [])];

  let cursor = 0;
  for (let more = true; more; ) {
    more = await inTransaction(strapi, fix, async (trx) => {
      const inputs = await context.inputsFor(trx);
      const stored: Array<Record<string, unknown> & { id: number }> = await sql(strapi, trx, table)
        .select('id', ...selected.map((field) => `${columnOf(strapi, target.uid, field)} as ${field}`))
        .where('id', '>', cursor)
        .orderBy('id', 'asc')
        .limit(batchSize);
      if (stored.length === 0) return false;
      cursor = Number(stored[stored.length - 1].id);

      const ids = stored.map((row) => Number(row.id));
      const rows = new Map((await readTargetRows(strapi, trx, target, ids)).map((row) => [row.id, row]));
      const credits = has.attribution ? await loadCredits(strapi, trx, target.uid, ids) : null;
      const covers = has.structuredData ? await loadCovers(strapi, trx, target.uid, ids) : null;
      const approved = countsComments
        ? await countApprovedComments(strapi, trx, [...new Set([...rows.values()].map((row) => row.documentId))])
        : null;

      // Every row first: a row's alternates name its document's other rows as they should be.
      const expectedValues = new Map<number, Record<string, unknown> | TrailError>();
      for (const row of rows.values()) {
        try {
          expectedValues.set(row.id, deriveTargetValues(strapi, target, row, inputs, credits ? (credits.get(row.id) ?? []) : null, covers?.get(row.id) ?? null));
        } catch (error) {
          if (!(error instanceof TrailError)) throw error;
          expectedValues.set(row.id, error);
        }
      }
      if (has.seo) {
        const derived = [...rows.values()].flatMap((row) => {
          const values = expectedValues.get(row.id);
          return values && !(values instanceof TrailError) ? [{ row, values }] : [];
        });
        await addAlternates(strapi, trx, target.uid, inputs.site, derived, { write: false });
      }

      const stale: number[] = [];
      const miscounted = new Set<string>();
      for (const storedRow of stored) {
        const row = rows.get(Number(storedRow.id));
        if (!row) continue;
        const name = describeRow(target.uid, { id: row.id, locale: row.locale, published: Boolean(row.publishedAt) });
        const hold = (path: unknown) => {
          if (has.path && typeof path === 'string' && path !== '') {
            // A type without locales keeps its paths under '' in the ledger, as here.
            context.pathHolders.push({ uid: target.uid, documentId: row.documentId, locale: row.locale ?? '', path, label: row.title, firstRowId: row.id });
          }
        };
        const where = { uid: target.uid, id: row.id, documentId: row.documentId, locale: row.locale };

        if (approved) {
          const approvedCount = approved.get(row.documentId) ?? 0;
          const count = storedRow[ARTICLE_COUNT_FIELD];
          if (count === null || count === undefined || Number(count) !== approvedCount) {
            miscounted.add(row.documentId);
            log.add({
              kind: 'comment-count',
              ...where,
              fields: [ARTICLE_COUNT_FIELD],
              message: `${name}: commentCount is ${count ?? 'null'}, its document has ${approvedCount} approved comment${
                approvedCount === 1 ? '' : 's'
              }${fix ? '; recounted' : ''}`,
            });
          }
        }

        const expected = expectedValues.get(row.id)!;
        if (expected instanceof TrailError) {
          if (row.publishedAt && row.path) context.livePaths?.add(row.locale, row.path);
          hold(row.path);
          log.add({
            kind: 'broken-trail',
            ...where,
            message: `${name} is filed in category #${row.categoryId}, whose trail cannot be built (${expected.message})${
              fix ? '; not repaired' : ''
            }`,
          });
          continue;
        }
        if (row.publishedAt && typeof expected.path === 'string') context.livePaths?.add(row.locale, expected.path);
        hold(expected.path);
        const fields = diffDerived(storedRow, expected);
        if (fields.length === 0) continue;
        stale.push(row.id);
        if (fields.includes('path')) context.stalePathOwners.add(ownerKey({ uid: target.uid, documentId: row.documentId }));
        log.add({ kind: 'derived', ...where, fields, message: `${name}: stale ${fields.join(', ')}${fix ? '; re-derived' : ''}` });
      }

      if (fix && stale.length > 0) {
        await rederiveTargets(strapi, trx, target, { rowIds: stale }, inputs);
        await reclaimMoved(strapi, trx, [], new Map([[target.uid, stale]]));
      }
      if (fix && miscounted.size > 0) await recountComments(strapi, trx, miscounted);
      if (fix && (stale.length > 0 || miscounted.size > 0)) {
        const repaired = [...rows.values()].filter((row) => stale.includes(row.id) || miscounted.has(row.documentId));
        const tags = tagVocabulary(strapi);
        noteChange({
          documents: repaired.map((row) => ({ uid: target.uid, documentId: row.documentId, locale: row.locale })),
          tags: [tags.listTag(target.uid), ...repaired.map((row) => tags.documentTag(target.uid, row.documentId))],
          paths: repaired
            .filter((row) => row.publishedAt && row.path)
            .map((row) => ({ locale: row.locale ?? '', path: row.path!, change: 'updated' as const })),
        });
      }
      return stored.length === batchSize;
    });
  }
}

