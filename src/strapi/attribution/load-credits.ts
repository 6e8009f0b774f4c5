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
    const source: SourceFields | null =
      row.sourceId == null
        ? null
        : {
            name: row.sourceNameNow,
            kind: row.sourceKind,
            website: row.sourceWebsite,
            license: row.sourceLicense,
            licenseUrl: row.sourceLicenseUrl,
            allowsRepublication: row.sourceAllowsRepublication,
            language: row.sourceLanguage,
            syndication: row.sourceSyndication,
            acquireLicensePage: row.sourceAcquireLicensePage,
          };
    const credit = toCredit(row, source);
    const rowId = Number(row.rowId);
    credits.set(rowId, [...(credits.get(rowId) ?? []), credit]);
  }
  return credits;
}

/** The fields of one stored or submitted credit component, as Strapi holds them. */
export interface CreditFields {
  role: Credit['role'];
  person?: string | null;
  url?: string | null;
  title?: string | null;
  language?: string | null;
  caption?: string | null;
  note?: string | null;
  /** The name of a Source since deleted, kept so the footer still says who it was. */
  sourceName?: string | null;
}

/** The fields of the Source a credit links to, as stored. */
export interface SourceFields {
  name: string;
  kind?: string | null;
  website?: string | null;
  license?: string | null;
  licenseUrl?: string | null;
  allowsRepublication?: boolean | number | null;
  language?: string | null;
  syndication?: string | null;
  acquireLicensePage?: string | null;
}

/**
 * One credit as derivation reads it, from its component's fields and its linked Source (null
 * when none is linked). The hook (loadCredits, on stored rows) and the preview (on a form's
 * values) both build credits here, so a credit means the same thing to both.
 */
export function toCredit(fields: CreditFields, source: SourceFields | null): Credit {
  const name = source ? source.name : fields.sourceName;
  return {
    role: fields.role,
    person: fields.person ?? null,
    url: fields.url ?? null,
    title: fields.title ?? null,
    language: fields.language ?? null,
    caption: fields.caption ?? null,
    note: fields.note ?? null,
    source: name
      ? {
          name,
          kind: (source?.kind ?? null) as NonNullable<Credit['source']>['kind'],
          website: source?.website ?? null,
          license: source?.license ?? null,
          licenseUrl: source?.licenseUrl ?? null,
          // SQLite stores booleans as 0/1.
          allowsRepublication: source?.allowsRepublication == null ? null : Boolean(source.allowsRepublication),
          language: source?.language ?? null,
          syndication: (source?.syndication ?? null) as NonNullable<Credit['source']>['syndication'],
          acquireLicensePage: source?.acquireLicensePage ?? null,
        }
      : null,
  };
}
