import type { Core } from '@strapi/strapi';
import { colophonConfig } from '../colophon-config';
import { relationLinkOf, sql } from '../database/schema';

/** The ids of a target's rows whose credits name one of the given Source rows, as a query to run or nest. */
export function creditedRowsQuery(strapi: Core.Strapi, trx: unknown, uid: string, sourceIds: number[]) {
  const { creditsField, creditUid } = colophonConfig(strapi).attribution;
  const joinTable = (strapi.db.metadata.get(uid as any).attributes[creditsField] as any).joinTable;
  const sourceLink = relationLinkOf(strapi, creditUid, 'source');
  return sql(strapi, trx, joinTable.name)
    .join(sourceLink.table, `${sourceLink.table}.${sourceLink.ownerColumn}`, `${joinTable.name}.${joinTable.inverseJoinColumn.name}`)
    .whereIn(`${sourceLink.table}.${sourceLink.targetColumn}`, sourceIds)
    .where(`${joinTable.name}.field`, creditsField)
    .select(`${joinTable.name}.${joinTable.joinColumn.name}`);
}

/** How many documents credit these sources (what an editor is told before deleting one). */
export async function countCreditingDocuments(strapi: Core.Strapi, trx: unknown, sourceIds: number[]): Promise<number> {
  let total = 0;
  for (const target of colophonConfig(strapi).trails.targets) {
    const attributes = strapi.contentType(target.uid as any).attributes as Record<string, unknown>;
    if (!(colophonConfig(strapi).attribution.creditsField in attributes)) continue;
    const meta = strapi.db.metadata.get(target.uid as any);
    const documentIdColumn = (meta.attributes.documentId as any).columnName;
    const [row] = await sql(strapi, trx, meta.tableName)
      .whereIn('id', creditedRowsQuery(strapi, trx, target.uid, sourceIds))
      .countDistinct({ count: documentIdColumn });
    total += Number(row?.count ?? 0);
  }
  return total;
}
