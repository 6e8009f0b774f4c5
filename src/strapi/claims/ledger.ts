import type { Core } from '@strapi/strapi';
import type { ReservedPath } from '../../core/trail';
import { colophonConfig } from '../colophon-config';
import { columnOf, tableOf } from '../database/schema';
import type { PathClaim } from '../trails/path-claims';
import { PATH_CLAIMS_TABLE, SLUG_CLAIMS_TABLE } from './models';

/** A content type whose rows hold public paths, with the columns the ledger reads. */
export interface OwnerType {
  uid: string;
  /** Its singular name, as refusals name it: "article", "category". */
  type: string;
  table: string;
  columns: { documentId: string; locale: string; path: string; label: string };
  /** The slug column, when the type's slugs are claimed per locale too (trail targets). */
  slugColumn: string | null;
}

/**
 * What the claims ledger needs of the app, and nothing more: the dialect, a query builder
 * bound to a transaction, the owner types and the Site's uid. Built once per Strapi instance
 * from its metadata and config/colophon.ts (ledgerOf).
 */
export interface Ledger {
  dialect: 'postgres' | 'sqlite' | 'mysql';
  table(trx: unknown, name: string): any;
  raw(trx: unknown, sql: string, bindings?: unknown[]): Promise<any>;
  /** A query builder bound to nothing, for subqueries that become part of another statement. */
  subquery(): any;
  owners: OwnerType[];
  /** Reserved paths are claimed in the Site's name. */
  siteUid: string;
}

/** Who is in the way of a claim, and where. */
export interface ClaimConflict {
  locale: string;
  path: string;
  holder: PathClaim;
  /** Set when the conflict is over a slug rather than a path. */
  slug?: string;
}

/**
 * A claim released and taken again by other transactions between our two statements, three
 * times over: another writer was in the way, as in a serialization failure, so it carries that
 * SQLSTATE (40001) and the contention retry runs the whole write again.
 */
export class ClaimRaceError extends Error {
  readonly code = '40001';
}

const ledgers = new WeakMap<object, Ledger>();

/** The ledger of a Strapi instance (built on first use, after the database is initialised). */
export function ledgerOf(strapi: Core.Strapi): Ledger {
  let ledger = ledgers.get(strapi);
  if (ledger) return ledger;
  const { trails } = colophonConfig(strapi);
  const has = (uid: string, attribute: string) => attribute in (strapi.contentType(uid as any).attributes as object);
  const owner = (uid: string, labelField: string, slugField: string | null): OwnerType => ({
    uid,
    type: strapi.contentType(uid as any).info.singularName,
    table: tableOf(strapi, uid),
    columns: {
      documentId: columnOf(strapi, uid, 'documentId'),
      locale: columnOf(strapi, uid, 'locale'),
      path: columnOf(strapi, uid, 'path'),
      label: columnOf(strapi, uid, labelField),
    },
    slugColumn: slugField ? columnOf(strapi, uid, slugField) : null,
  });
  const client = strapi.db.dialect.client;
  ledger = {
    dialect: client === 'postgres' ? 'postgres' : client === 'mysql' ? 'mysql' : 'sqlite',
    table: (trx, name) => strapi.db.getConnection(name).transacting(trx as any),
    raw: (trx, query, bindings = []) => strapi.db.connection.raw(query, bindings as any).transacting(trx as any) as any,
    subquery: () => strapi.db.connection.queryBuilder(),
    owners: [
      ...trails.targets.filter((t) => has(t.uid, 'path')).map((t) => owner(t.uid, t.titleField, t.slugField)),
      ...(has(trails.categoryUid, 'path') ? [owner(trails.categoryUid, 'name', null)] : []),
    ],
    siteUid: trails.siteUid,
  };
  ledgers.set(strapi, ledger);
  return ledger;
}

export function ownerTypeOf(ledger: Ledger, uid: string): OwnerType | undefined {
  return ledger.owners.find((owner) => owner.uid === uid);
}

interface ClaimRow {
  id: number;
  locale: string;
  path: string;
  owner_uid: string;
  owner_document_id: string | null;
  reason: string | null;
}

/** The claim on (locale, path) as committed now; on MySQL a locking read, which sees past the transaction's snapshot. */
async function readPathClaim(ledger: Ledger, trx: unknown, locale: string, path: string): Promise<ClaimRow | undefined> {
  const query = ledger.table(trx, PATH_CLAIMS_TABLE).select('*').where({ locale, path }).first();
  return ledger.dialect === 'mysql' ? query.forShare() : query;
}

/**
 * Claims `path` in `locale` for `owner`, inside `trx`. Returns null when the owner holds it
 * (already, or now), else who does. The claim is an INSERT that does nothing on conflict,
 * then a read of who won: on PostgreSQL and MySQL an INSERT that meets another transaction's
 * uncommitted claim waits for that transaction, so two writers racing for one path are
 * ordered by the database, on one app instance or several, and the second sees the first's
 * claim once it commits (or takes the path if the first rolled back). The claim lasts until
 * releaseStaleClaims or a rebuild drops it, in the transaction that moves the owner away.
 */
export async function claimPath(
  ledger: Ledger,
  trx: unknown,
  { locale, path }: { locale: string; path: string },
  owner: { uid: string; documentId: string }
): Promise<PathClaim | null> {
  for (let attempt = 0; attempt < 3; attempt += 1) {
    await ledger
      .table(trx, PATH_CLAIMS_TABLE)
      .insert({ locale, path, owner_uid: owner.uid, owner_document_id: owner.documentId })
      .onConflict(['locale', 'path'])
      .ignore();
    const held = await readPathClaim(ledger, trx, locale, path);
    // Gone between the two statements: its holder released it and committed. Try again.
    if (!held) continue;
    if (held.owner_uid === owner.uid && held.owner_document_id === owner.documentId) return null;
    return describeHolder(ledger, trx, held);
  }
  throw new ClaimRaceError(`The claim on ${path} (${locale}) kept changing hands`);
}

/** Claims `slug` for `documentId` among `uid`'s documents of `locale`: see claimPath. */
export async function claimSlug(
  ledger: Ledger,
  trx: unknown,
  { uid, locale, slug }: { uid: string; locale: string; slug: string },
  documentId: string
): Promise<PathClaim | null> {
  for (let attempt = 0; attempt < 3; attempt += 1) {
    await ledger
      .table(trx, SLUG_CLAIMS_TABLE)
      .insert({ owner_uid: uid, locale, slug, owner_document_id: documentId })
      .onConflict(['owner_uid', 'locale', 'slug'])
      .ignore();
    const query = ledger.table(trx, SLUG_CLAIMS_TABLE).select('*').where({ owner_uid: uid, locale, slug }).first();
    const held = await (ledger.dialect === 'mysql' ? query.forShare() : query);
    if (!held) continue;
    if (held.owner_document_id === documentId) return null;
    return describeHolder(ledger, trx, { owner_uid: uid, owner_document_id: held.owner_document_id, locale, reason: null });
  }
  throw new ClaimRaceError(`The claim on slug ${slug} (${locale}) kept changing hands`);
}

/** Names the holder of a claim the way refusals name documents: type, label, documentId. */
async function describeHolder(
  ledger: Ledger,
  trx: unknown,
  held: Pick<ClaimRow, 'owner_uid' | 'owner_document_id' | 'locale' | 'reason'>
): Promise<PathClaim> {
  const type = ownerTypeOf(ledger, held.owner_uid);
  if (!type || !held.owner_document_id) {
    const reason = held.reason ?? 'reserved';
    return { uid: held.owner_uid, type: 'site', documentId: '', label: reason, reserved: reason };
  }
  const { documentId, locale, label } = type.columns;
  const rows: Array<{ label: string | null; locale: string | null }> = await ledger
    .table(trx, type.table)
    .select(`${label} as label`, `${locale} as locale`)
    .where(documentId, held.owner_document_id);
  const row = rows.find((candidate) => (candidate.locale ?? '') === held.locale) ?? rows[0];
  return { uid: type.uid, type: type.type, documentId: held.owner_document_id, label: row?.label ?? '' };
}

/**
 * Brings one document's claims in line with its rows, inside the write's transaction: each
 * path (and, for a trail target, each slug) some row of it holds, draft or published, in any
 * locale, is claimed; every claim no row holds any more is released. Returns the first
 * conflict (a path or slug another document or the Site holds), or null. A document whose
 * rows are all gone (deleted) releases everything it held.
 */
export async function syncDocumentClaims(ledger: Ledger, trx: unknown, uid: string, documentId: string): Promise<ClaimConflict | null> {
  const type = ownerTypeOf(ledger, uid);
  if (!type) return null;
  const { columns } = type;
  const rows: Array<{ locale: string | null; path: string | null; slug?: string | null }> = await ledger
    .table(trx, type.table)
    .select(`${columns.locale} as locale`, `${columns.path} as path`, ...(type.slugColumn ? [`${type.slugColumn} as slug`] : []))
    .where(columns.documentId, documentId);

  const wantedPaths = new Map<string, { locale: string; path: string }>();
  const wantedSlugs = new Map<string, { locale: string; slug: string }>();
  for (const row of rows) {
    const locale = row.locale ?? '';
    if (row.path) wantedPaths.set(`${locale}\u0000${row.path}`, { locale, path: row.path });
    if (type.slugColumn && row.slug) wantedSlugs.set(`${locale}\u0000${row.slug}`, { locale, slug: row.slug });
  }

  const heldPaths: Array<{ id: number; locale: string; path: string }> = await ledger
    .table(trx, PATH_CLAIMS_TABLE)
    .select('id', 'locale', 'path')
    .where({ owner_uid: uid, owner_document_id: documentId });
  const stalePaths = heldPaths.filter((claim) => !wantedPaths.delete(`${claim.locale}\u0000${claim.path}`)).map((claim) => claim.id);
  if (stalePaths.length > 0) await ledger.table(trx, PATH_CLAIMS_TABLE).whereIn('id', stalePaths).delete();

  if (type.slugColumn) {
    const heldSlugs: Array<{ id: number; locale: string; slug: string }> = await ledger
      .table(trx, SLUG_CLAIMS_TABLE)
      .select('id', 'locale', 'slug')
      .where({ owner_uid: uid, owner_document_id: documentId });
    const staleSlugs = heldSlugs.filter((claim) => !wantedSlugs.delete(`${claim.locale}\u0000${claim.slug}`)).map((claim) => claim.id);
    if (staleSlugs.length > 0) await ledger.table(trx, SLUG_CLAIMS_TABLE).whereIn('id', staleSlugs).delete();
    // Slugs before paths, in every writer, so that two racing writers wait on the same key first.
    for (const { locale, slug } of wantedSlugs.values()) {
      const holder = await claimSlug(ledger, trx, { uid, locale, slug }, documentId);
      if (holder) return { locale, path: '', slug, holder };
    }
  }
  for (const { locale, path } of wantedPaths.values()) {
    const holder = await claimPath(ledger, trx, { locale, path }, { uid, documentId });
    if (holder) return { locale, path, holder };
  }
  return null;
}

/**
 * Which documents of one owner type a rebuild covers: all of them, or those a subquery names
 * (a knex query selecting document ids, e.g. the articles filed in the categories a cascade
 * moved).
 */
export interface RebuildScope {
  uid: string;
  documents: 'all' | ((knex: any) => any);
}

/**
 * Re-claims, set-based, the paths (and with `slugs`, the slugs) of every document in scope
 * from what their rows hold now: the claims of all those documents are dropped first, then
 * claimed again in one INSERT … SELECT per type that does nothing on conflict, then one
 * anti-join finds a row whose path went to someone else. Three statements per type whatever
 * the number of rows, for cascades, Site edits and repairs. Dropping every scope's claims
 * before re-claiming any matters: in a Site edit one page's new path may be another's old one.
 * Returns the first conflict, or null.
 */
export async function rebuildClaims(
  ledger: Ledger,
  trx: unknown,
  scopes: RebuildScope[],
  options: { slugs?: boolean } = {}
): Promise<ClaimConflict | null> {
  const knex = (name: string) => ledger.table(trx, name);
  const typed = scopes
    .map((scope) => ({ scope, type: ownerTypeOf(ledger, scope.uid) }))
    .filter((entry): entry is { scope: RebuildScope; type: OwnerType } => entry.type !== undefined);

  for (const { scope, type } of typed) {
    for (const [table, wanted] of [[PATH_CLAIMS_TABLE, true], [SLUG_CLAIMS_TABLE, Boolean(options.slugs && type.slugColumn)]] as const) {
      if (!wanted) continue;
      const drop = knex(table).where('owner_uid', type.uid);
      if (scope.documents !== 'all') drop.whereIn('owner_document_id', documentsOf(ledger, trx, type, scope));
      else drop.whereNotNull('owner_document_id');
      await drop.delete();
    }
  }
  for (const { scope, type } of typed) {
    await insertClaims(ledger, trx, type, scope, 'path');
    if (options.slugs && type.slugColumn) await insertClaims(ledger, trx, type, scope, 'slug');
  }
  for (const { scope, type } of typed) {
    const [lost] = await findUnclaimed(ledger, trx, type, scope, 'path', 1);
    if (lost) return { locale: lost.locale, path: lost.value, holder: await holderOfPath(ledger, trx, lost.locale, lost.value) };
    if (options.slugs && type.slugColumn) {
      const [lostSlug] = await findUnclaimed(ledger, trx, type, scope, 'slug', 1);
      if (lostSlug) {
        const held = await knex(SLUG_CLAIMS_TABLE).where({ owner_uid: type.uid, locale: lostSlug.locale, slug: lostSlug.value }).first();
        return {
          locale: lostSlug.locale,
          path: '',
          slug: lostSlug.value,
          holder: await describeHolder(ledger, trx, { owner_uid: type.uid, owner_document_id: held?.owner_document_id ?? null, locale: lostSlug.locale, reason: null }),
        };
      }
    }
  }
  return null;
}

async function holderOfPath(ledger: Ledger, trx: unknown, locale: string, path: string): Promise<PathClaim> {
  const held = await readPathClaim(ledger, trx, locale, path);
  return held
    ? describeHolder(ledger, trx, held)
    : { uid: '', type: 'unknown', documentId: '', label: '' };
}

function documentsOf(ledger: Ledger, trx: unknown, type: OwnerType, scope: RebuildScope): any {
  if (scope.documents === 'all') return ledger.table(trx, type.table).select(type.columns.documentId);
  return scope.documents(ledger.subquery());
}

/** INSERT … SELECT the claims of every row in scope; a (locale, value) someone else holds is skipped. */
async function insertClaims(ledger: Ledger, trx: unknown, type: OwnerType, scope: RebuildScope, kind: 'path' | 'slug'): Promise<void> {
  const { columns } = type;
  const valueColumn = kind === 'path' ? columns.path : type.slugColumn!;
  const claims = kind === 'path' ? PATH_CLAIMS_TABLE : SLUG_CLAIMS_TABLE;
  const target = '(??, ??, ??, ??)';
  const targetColumns = kind === 'path' ? ['locale', 'path', 'owner_uid', 'owner_document_id'] : ['locale', 'slug', 'owner_uid', 'owner_document_id'];
  const conflictColumns = kind === 'path' ? '(locale, path)' : '(owner_uid, locale, slug)';
  // knex wraps a query builder binding in parentheses itself.
  const within = scope.documents === 'all' ? '' : ' AND ?? IN ?';
  const bindings: unknown[] = [
    claims,
    ...targetColumns,
    columns.locale,
    valueColumn,
    type.uid,
    columns.documentId,
    type.table,
    valueColumn,
    valueColumn,
    ...(scope.documents === 'all' ? [] : [columns.documentId, documentsOf(ledger, trx, type, scope)]),
  ];
  const select = `SELECT DISTINCT COALESCE(??, ''), ??, ?, ?? FROM ?? WHERE ?? IS NOT NULL AND ?? <> ''${within}`;
  if (ledger.dialect === 'mysql') {
    await ledger.raw(trx, `INSERT IGNORE INTO ?? ${target} ${select}`, bindings);
  } else {
    await ledger.raw(trx, `INSERT INTO ?? ${target} ${select} ON CONFLICT ${conflictColumns} DO NOTHING`, bindings);
  }
}

/** Rows in scope whose path (or slug) is not claimed by their own document: lost to someone else. */
export async function findUnclaimed(
  ledger: Ledger,
  trx: unknown,
  type: OwnerType,
  scope: RebuildScope,
  kind: 'path' | 'slug',
  limit: number
): Promise<Array<{ documentId: string; locale: string; value: string }>> {
  const { columns } = type;
  const valueColumn = kind === 'path' ? columns.path : type.slugColumn!;
  const claims = kind === 'path' ? PATH_CLAIMS_TABLE : SLUG_CLAIMS_TABLE;
  const claimedValue = kind === 'path' ? 'path' : 'slug';
  // A document's draft and published rows often share the value: one finding, not two.
  const query = ledger
    .table(trx, type.table)
    .distinct(`${columns.documentId} as documentId`, `${columns.locale} as locale`, `${valueColumn} as value`)
    .whereNotNull(valueColumn)
    .where(valueColumn, '<>', '')
    .whereNotExists((exists: any) =>
      exists
        .select(ledger.subquery().client.raw('1'))
        .from(claims)
        .whereRaw(`??.?? = COALESCE(??.??, '')`, [claims, 'locale', type.table, columns.locale])
        .whereRaw('??.?? = ??.??', [claims, claimedValue, type.table, valueColumn])
        .where(`${claims}.owner_uid`, type.uid)
        .whereRaw('??.?? = ??.??', [claims, 'owner_document_id', type.table, columns.documentId])
    )
    .limit(limit);
  if (scope.documents !== 'all') query.whereIn(columns.documentId, documentsOf(ledger, trx, type, scope));
  const rows: Array<{ documentId: string; locale: string | null; value: string }> = await query;
  return rows.map((row) => ({ documentId: row.documentId, locale: row.locale ?? '', value: row.value }));
}

/**
 * Makes the Site's reservations in the ledger exactly `reserved` (planReservedPaths): stale ones
 * are released, new ones claimed. Returns the first reserved path a page already holds, or null.
 */
export async function syncReservedPaths(ledger: Ledger, trx: unknown, reserved: readonly ReservedPath[]): Promise<ClaimConflict | null> {
  const wanted = new Map<string, ReservedPath>();
  for (const entry of reserved) if (!wanted.has(`${entry.locale}\u0000${entry.path}`)) wanted.set(`${entry.locale}\u0000${entry.path}`, entry);
  const held: ClaimRow[] = await ledger.table(trx, PATH_CLAIMS_TABLE).select('*').where('owner_uid', ledger.siteUid).whereNull('owner_document_id');
  const stale: number[] = [];
  for (const claim of held) {
    const entry = wanted.get(`${claim.locale}\u0000${claim.path}`);
    if (!entry) stale.push(claim.id);
    else {
      wanted.delete(`${claim.locale}\u0000${claim.path}`);
      if (claim.reason !== entry.reason) await ledger.table(trx, PATH_CLAIMS_TABLE).where('id', claim.id).update({ reason: entry.reason });
    }
  }
  if (stale.length > 0) await ledger.table(trx, PATH_CLAIMS_TABLE).whereIn('id', stale).delete();
  for (const entry of wanted.values()) {
    await ledger
      .table(trx, PATH_CLAIMS_TABLE)
      .insert({ locale: entry.locale, path: entry.path, owner_uid: ledger.siteUid, owner_document_id: null, reason: entry.reason })
      .onConflict(['locale', 'path'])
      .ignore();
    const claim = await readPathClaim(ledger, trx, entry.locale, entry.path);
    if (claim && claim.owner_document_id !== null) {
      return { locale: entry.locale, path: entry.path, holder: await describeHolder(ledger, trx, claim) };
    }
  }
  return null;
}

/** Slug claims of `type` that no row of their document holds any more (up to `limit`). */
export async function findStaleSlugClaims(
  ledger: Ledger,
  trx: unknown,
  type: OwnerType,
  limit: number
): Promise<Array<{ documentId: string; locale: string; slug: string }>> {
  if (!type.slugColumn) return [];
  const { columns } = type;
  const rows: Array<{ documentId: string; locale: string; slug: string }> = await ledger
    .table(trx, SLUG_CLAIMS_TABLE)
    .select('owner_document_id as documentId', 'locale', 'slug')
    .where('owner_uid', type.uid)
    .whereNotExists((exists: any) =>
      exists
        .select(ledger.subquery().client.raw('1'))
        .from(type.table)
        .whereRaw('??.?? = ??.??', [type.table, columns.documentId, SLUG_CLAIMS_TABLE, 'owner_document_id'])
        .whereRaw(`COALESCE(??.??, '') = ??.??`, [type.table, columns.locale, SLUG_CLAIMS_TABLE, 'locale'])
        .whereRaw('??.?? = ??.??', [type.table, type.slugColumn, SLUG_CLAIMS_TABLE, 'slug'])
    )
    .limit(limit);
  return rows;
}

/** A subtree that moved: the category `documentId` went from `from` to `to`, with every page below it. */
export interface SubtreeMove {
  from: string;
  to: string;
  locale: string;
  /** The category at the subtree's root: only its own claim at `from` moves, not another's. */
  documentId: string;
}

/**
 * Moves the claims of moved subtrees (a category renamed, re-slugged or moved, and every page
 * below it) in one UPDATE each: the category's claim at `from` becomes `to`, and every claim
 * below `from/` the same place below `to/`, whatever the number of pages, without reading
 * them. The moved category claimed `to` for itself before it was written (settleSlug); that
 * claim gives way to the one that moves there. Another document's claim at `to` or below it
 * is a conflict, returned before anything moves (the write checked, so only a row stored
 * behind the ledger's back gets here): the unique index never has to refuse the UPDATE, which
 * on PostgreSQL would abort the whole transaction.
 */
export async function moveSubtreeClaims(ledger: Ledger, trx: unknown, moves: readonly SubtreeMove[]): Promise<ClaimConflict | null> {
  const claims = () => ledger.table(trx, PATH_CLAIMS_TABLE);
  for (const move of moves) {
    if (move.from === move.to) continue;
    const mover = { locale: move.locale, owner_document_id: move.documentId };
    await claims().where({ ...mover, path: move.to }).delete();
    const below = (query: any, prefix: string) =>
      query
        .whereRaw(`?? LIKE ? ESCAPE '!'`, ['path', `${escapeLike(prefix)}%`])
        // LIKE finds the rows on the index; SQLite's LIKE ignores case, so compare the prefix exactly too.
        .whereRaw('SUBSTR(??, 1, ?) = ?', ['path', prefix.length, prefix]);
    const inTheWay = await claims()
      .select('locale', 'path', 'owner_uid', 'owner_document_id', 'reason')
      .where('locale', move.locale)
      .where((query: any) => query.where('path', move.to).orWhere((prefix: any) => below(prefix, `${move.to}/`)))
      .first();
    if (inTheWay) return { locale: move.locale, path: inTheWay.path, holder: await describeHolder(ledger, trx, inTheWay) };

    const concat = ledger.dialect === 'mysql' ? 'CONCAT(?, SUBSTRING(??, ?))' : '(CAST(? AS TEXT) || SUBSTR(??, CAST(? AS INTEGER)))';
    await claims()
      .where('locale', move.locale)
      .whereNotNull('owner_document_id')
      .where((query: any) => query.where({ ...mover, path: move.from }).orWhere((prefix: any) => below(prefix, `${move.from}/`)))
      .update({ path: ledger.subquery().client.raw(concat, [move.to, 'path', move.from.length + 1]) });
  }
  return null;
}

/** LIKE treats % and _ as wildcards; '!' is the escape character. */
function escapeLike(value: string): string {
  return value.replace(/[!%_]/g, (character) => `!${character}`);
}
