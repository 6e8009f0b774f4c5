import type { Core } from '@strapi/strapi';

/**
 * Cascades speak SQL to stay set-based, but column and join-table names belong to Strapi's
 * metadata, not to us: read them from there so a renamed attribute or a new content type
 * needs no change here.
 */
export function tableOf(strapi: Core.Strapi, uid: string): string {
  return strapi.db.metadata.get(uid as any).tableName;
}

export function columnOf(strapi: Core.Strapi, uid: string, attribute: string): string {
  const meta = strapi.db.metadata.get(uid as any);
  const column = (meta.attributes[attribute] as { columnName?: string } | undefined)?.columnName;
  if (!column) throw new Error(`${uid}.${attribute} is not a column`);
  return column;
}

export interface RelationLink {
  /** The link table Strapi keeps for the relation. */
  table: string;
  /** The column holding the owner row's id. */
  ownerColumn: string;
  /** The column holding the related row's id. */
  targetColumn: string;
}

export function relationLinkOf(strapi: Core.Strapi, uid: string, attribute: string): RelationLink {
  const meta = strapi.db.metadata.get(uid as any);
  const joinTable = (meta.attributes[attribute] as any)?.joinTable;
  if (!joinTable) throw new Error(`${uid}.${attribute} is not a relation with a link table`);
  return {
    table: joinTable.name,
    ownerColumn: joinTable.joinColumn.name,
    targetColumn: joinTable.inverseJoinColumn.name,
  };
}

/** A knex query builder inside transaction `trx` (outside any when none is given), with the configured schema. */
export function sql(strapi: Core.Strapi, trx: unknown, table: string) {
  const query = strapi.db.getConnection(table);
  return trx ? query.transacting(trx as any) : query;
}

export function isPostgres(strapi: Core.Strapi): boolean {
  return strapi.db.dialect.client === 'postgres';
}
