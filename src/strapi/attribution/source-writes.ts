import createHttpError from 'http-errors';
import type { Core } from '@strapi/strapi';
import { colophonConfig } from '../colophon-config';
import { loadDerivationInputs } from '../hook/cascade';
import { countCreditingDocuments, creditedRowsQuery } from './credited-rows';
import { rederiveTargets } from '../hook/rederive-targets';
import { columnOf, relationLinkOf, sql, tableOf } from '../database/schema';
import type { WriteParams } from '../hook/write-context';

async function sourceRowIds(strapi: Core.Strapi, documentId: string | undefined): Promise<number[]> {
  if (!documentId) return [];
  const rows = await strapi.db.query(colophonConfig(strapi).attribution.sourceUid as any).findMany({
    where: { documentId },
    select: ['id'],
  });
  return rows.map((row: { id: number }) => row.id);
}

/** After a Source changed: every footer and JSON-LD that names it is recomputed, in batches. */
export async function deriveAfterSourceWrite(strapi: Core.Strapi, trx: unknown, documentId: string): Promise<void> {
  const creditedSourceIds = await sourceRowIds(strapi, documentId);
  const inputs = await loadDerivationInputs(strapi, trx);
  for (const target of colophonConfig(strapi).trails.targets) {
    if (!hasCredits(strapi, target.uid)) continue;
    await rederiveTargets(strapi, trx, target, { creditedSourceIds }, inputs);
  }
}

export interface SourceDeletion {
  /** Target rows that credited the source, to re-derive once it is gone. */
  rowsByTarget: Map<string, number[]>;
}

/**
 * A Source that articles still credit is not deleted by accident: the caller gets 409 and how
 * many articles credit it. Forcing it (`?force=true`, or `force: true` in code) keeps every
 * footer's text: the source's name is copied into the credits before the relation goes.
 */
export async function prepareSourceDelete(
  strapi: Core.Strapi,
  trx: unknown,
  params: WriteParams & { force?: unknown }
): Promise<SourceDeletion> {
  const sourceIds = await sourceRowIds(strapi, params.documentId);
  const rowsByTarget = new Map<string, number[]>();
  if (sourceIds.length === 0) return { rowsByTarget };

  const crediting = await countCreditingDocuments(strapi, trx, sourceIds);
  if (crediting === 0) return { rowsByTarget };

  const query = strapi.requestContext.get()?.query as Record<string, unknown> | undefined;
  const forced = params.force === true || params.force === 'true' || query?.force === 'true';
  if (!forced) {
    throw createHttpError(
      409,
      `This source is credited by ${crediting} article${crediting === 1 ? '' : 's'}. ` +
        'Remove those credits first, or delete with force=true to keep the credits as text.',
      { details: { creditedBy: crediting } }
    );
  }

  const { creditUid, sourceUid } = colophonConfig(strapi).attribution;
  const link = relationLinkOf(strapi, creditUid, 'source');
  const creditTable = tableOf(strapi, creditUid);
  const [source] = await sql(strapi, trx, tableOf(strapi, sourceUid))
    .select(`${columnOf(strapi, sourceUid, 'name')} as name`)
    .whereIn('id', sourceIds);
  await sql(strapi, trx, creditTable)
    .whereIn('id', sql(strapi, trx, link.table).select(link.ownerColumn).whereIn(link.targetColumn, sourceIds))
    .update({ [columnOf(strapi, creditUid, 'sourceName')]: source?.name ?? null });

  for (const target of colophonConfig(strapi).trails.targets) {
    if (!hasCredits(strapi, target.uid)) continue;
    const rows = await creditedRowsQuery(strapi, trx, target.uid, sourceIds);
    rowsByTarget.set(target.uid, rows.map((row: Record<string, unknown>) => Number(Object.values(row)[0])));
  }
  return { rowsByTarget };
}

export async function deriveAfterSourceDelete(strapi: Core.Strapi, trx: unknown, deletion: SourceDeletion) {
  if (deletion.rowsByTarget.size === 0) return;
  const inputs = await loadDerivationInputs(strapi, trx);
  for (const target of colophonConfig(strapi).trails.targets) {
    const rowIds = deletion.rowsByTarget.get(target.uid) ?? [];
    // Chunked: IN lists have a bound on every database.
    for (let start = 0; start < rowIds.length; start += 5000) {
      await rederiveTargets(strapi, trx, target, { rowIds: rowIds.slice(start, start + 5000) }, inputs);
    }
  }
}

function hasCredits(strapi: Core.Strapi, uid: string): boolean {
  return colophonConfig(strapi).attribution.creditsField in (strapi.contentType(uid as any).attributes as object);
}
