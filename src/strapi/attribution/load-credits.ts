import type { Core } from '@strapi/strapi';
import type { Credit } from '../../core/attribution';
import { colophonConfig } from '../colophon-config';
import { columnOf, relationLinkOf, sql, tableOf } from '../database/schema';

/**
 * The credits of many rows in one query: component rows joined to their sources. A forced
 * Source deletion leaves the source's name behind in `sourceName`, so the footer keeps
 * saying who it was.
 */
export async function loadCredits(
  strapi: Core.Strapi,
  trx: unknown,
  uid: string,
  rowIds: number[]
): Promise<Map<number, Credit[]>> {
  const credits = new Map<number, Credit[]>();
  if (rowIds.length === 0) return credits;
  const { creditsField, creditUid, sourceUid } = colophonConfig(strapi).attribution;

  const joinTable = (strapi.db.metadata.get(uid as any).attributes[creditsField] as any).joinTable;
  const creditTable = tableOf(strapi, creditUid);
  const sourceTable = tableOf(strapi, sourceUid);
  const sourceLink = relationLinkOf(strapi, creditUid, 'source');
  const c = (attribute: string) => `${creditTable}.${columnOf(strapi, creditUid, attribute)}`;
  const s = (attribute: string) => `${sourceTable}.${columnOf(strapi, sourceUid, attribute)}`;
  const link = joinTable.name;

  const rows = await sql(strapi, trx, link)
    .join(creditTable, `${creditTable}.id`, `${link}.${joinTable.inverseJoinColumn.name}`)
    .leftJoin(sourceLink.table, `${sourceLink.table}.${sourceLink.ownerColumn}`, `${creditTable}.id`)
    .leftJoin(sourceTable, `${sourceTable}.id`, `${sourceLink.table}.${sourceLink.targetColumn}`)
    .select(
      `${link}.${joinTable.joinColumn.name} as rowId`,
      `${c('role')} as role`,
      `${c('person')} as person`,
      `${c('url')} as url`,
      `${c('title')} as title`,
      `${c('language')} as language`,
      `${c('caption')} as caption`,
      `${c('note')} as note`,
      `${c('sourceName')} as sourceName`,
      `${sourceTable}.id as sourceId`,
      `${s('name')} as sourceNameNow`,
      `${s('kind')} as sourceKind`,
      `${s('website')} as sourceWebsite`,
      `${s('license')} as sourceLicense`,
      `${s('licenseUrl')} as sourceLicenseUrl`,
      `${s('allowsRepublication')} as sourceAllowsRepublication`,
      `${s('language')} as sourceLanguage`,
      `${s('syndication')} as sourceSyndication`,
      `${s('acquireLicensePage')} as sourceAcquireLicensePage`
    )
    .whereIn(`${link}.${joinTable.joinColumn.name}`, rowIds)
    .where(`${link}.field`, creditsField)
    .orderBy([`${link}.${joinTable.joinColumn.name}`, `${link}.${joinTable.orderColumnName}`]);

  for (const row of rows) {
    const name = row.sourceId != null ? row.sourceNameNow : row.sourceName;
    const credit: Credit = {
      role: row.role,
      person: row.person,
      url: row.url,
      title: row.title,
      language: row.language,
      caption: row.caption,
      note: row.note,
      source: name
        ? {
            name,
            kind: row.sourceKind ?? null,
            website: row.sourceWebsite ?? null,
            license: row.sourceLicense ?? null,
            licenseUrl: row.sourceLicenseUrl ?? null,
            allowsRepublication: row.sourceAllowsRepublication == null ? null : Boolean(row.sourceAllowsRepublication),
            language: row.sourceLanguage ?? null,
            syndication: row.sourceSyndication ?? null,
            acquireLicensePage: row.sourceAcquireLicensePage ?? null,
          }
        : null,
    };
    const rowId = Number(row.rowId);
    credits.set(rowId, [...(credits.get(rowId) ?? []), credit]);
  }
  return credits;
}
