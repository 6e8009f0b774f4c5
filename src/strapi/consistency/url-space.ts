import type { Core } from '@strapi/strapi';
import { findPathCollisions, ownerKey, type PathHolder } from '../../core/consistency';
import { findReservedPath, planReservedPaths, type SiteTrailSettings } from '../../core/trail';
import {
  claimDocumentPaths,
  claimReservedPaths,
  findStaleSlugClaims,
  findUnclaimed,
  LEDGER_FILLED,
  ledgerOf,
  ownerTypeOf,
  PATH_CLAIMS_TABLE,
  reclaimEverything,
  SLUG_CLAIMS_TABLE,
  siteLocales,
} from '../claims';
import { colophonConfig } from '../colophon-config';
import { columnOf, sql, tableOf } from '../database/schema';
import { cascadeFromCategories, loadDerivationInputs } from '../hook/cascade';
import { deriveAfterTargetWrite, publishedPaths } from '../hook/target-writes';
import { settleFreshSlugs } from '../trails/clones';
import { describeClaim, findPathClaim } from '../trails/path-claims';
import { loadSiteSettings } from '../trails/site-settings';
import type { CheckContext } from './context';
import { inTransaction } from './transactions';

/**
 * Checks the URL space that one path, one page promises, on the paths the trail checks
 * gathered (each row's path once repaired): two documents of a locale on one path
 * (`duplicate-path`, each but the one that keeps it: the one the ledger names, else the first
 * there), a document on a path the Site reserves (`reserved-path`: a locale's home or blog
 * index, or inside another locale's URL space), and the ledger itself (`claim`: a path a
 * document holds that the ledger does not give it, or a claim no document holds).
 *
 * A repair gives each document in the way a free slug generated from its title (the first
 * "-2", "-3"… that is free), one transaction each, through the same code a write runs: its
 * rows are re-derived, a category's pages below it follow, and the redirects a move records
 * are recorded. Then the whole ledger is claimed again from the rows.
 */
export async function checkUrlSpace(context: CheckContext): Promise<void> {
  const { strapi, fix, log } = context;
  const site = await loadSiteSettings(strapi);
  const locales = await siteLocales(strapi);
  const claims = await loadPathClaims(strapi);
  const { duplicates, reserved } = findPathCollisions(
    context.pathHolders,
    planReservedPaths(site, locales),
    (path, locale) => findReservedPath(path, site, locale, locales),
    (locale, path) => claims.get(`${locale}\u0000${path}`)?.owner
  );

  const moves: PathHolder[] = [];
  const outcome = fix ? 'gave it a free slug' : 'a repair gives it a free slug (the first "-2", "-3"… that is free)';
  for (const duplicate of duplicates) {
    for (const other of duplicate.others) {
      moves.push(other);
      log.add({
        kind: 'duplicate-path',
        uid: other.uid,
        id: other.firstRowId,
        documentId: other.documentId,
        locale: other.locale,
        message: `${describeHolder(strapi, other)} is on ${duplicate.path}, which ${describeHolder(strapi, duplicate.keeper)} holds; ${outcome}`,
      });
    }
  }
  for (const hit of reserved) {
    moves.push(hit.holder);
    log.add({
      kind: 'reserved-path',
      uid: hit.holder.uid,
      id: hit.holder.firstRowId,
      documentId: hit.holder.documentId,
      locale: hit.holder.locale,
      message: `${describeHolder(strapi, hit.holder)} is on ${hit.holder.path}, which is ${hit.reason}; ${outcome}`,
    });
  }

  // Two articles of a locale with one slug, in different categories (the same category is a
  // duplicate path, above): each but the one that keeps it moves to a free slug.
  const slugMoves: PathHolder[] = [];
  for (const duplicate of await findDuplicateSlugs(strapi)) {
    for (const other of duplicate.others) {
      if (moves.some((holder) => ownerKey(holder) === ownerKey(other) && holder.locale === other.locale)) continue;
      slugMoves.push(other);
      log.add({
        kind: 'duplicate-slug',
        uid: other.uid,
        id: other.firstRowId,
        documentId: other.documentId,
        locale: other.locale,
        message: `${describeHolder(strapi, other)} has the slug ${duplicate.slug}, which ${describeHolder(strapi, duplicate.keeper)} has; ${outcome}`,
      });
    }
  }

  // The ledger: judged where the URL space is sound (the paths above are the repair's to move).
  const moving = new Set(moves.map((holder) => `${holder.locale}\u0000${holder.path}`));
  const held = new Map<string, PathHolder>();
  for (const holder of context.pathHolders) {
    const key = `${holder.locale}\u0000${holder.path}`;
    if (!moving.has(key) && !held.has(key)) held.set(key, holder);
  }
  // A document the repair moves is claimed afresh with its new paths: its old claims are not findings of their own.
  const movingOwners = new Set([...moves, ...slugMoves].map((holder) => ownerKey(holder)));
  // A row whose path is stale is one finding (derived): its claims follow once it is re-derived.
  for (const owner of context.stalePathOwners) movingOwners.add(owner);
  let ledgerFindings = 0;
  for (const [key, holder] of held) {
    const claim = claims.get(key);
    if (claim?.owner === ownerKey(holder) || movingOwners.has(ownerKey(holder))) continue;
    ledgerFindings += 1;
    log.add({
      kind: 'claim',
      uid: holder.uid,
      id: holder.firstRowId,
      documentId: holder.documentId,
      locale: holder.locale,
      message: `${describeHolder(strapi, holder)} holds ${holder.path}, which the path claims table ${
        claim ? `gives to ${claim.describe}` : 'does not list'
      }; ${fix ? 'claimed for it' : 'a repair claims it for it'}`,
    });
  }
  for (const [key, claim] of claims) {
    if (claim.reserved || held.has(key) || moving.has(key) || movingOwners.has(claim.owner)) continue;
    ledgerFindings += 1;
    log.add({
      kind: 'claim',
      uid: claim.uid,
      documentId: claim.documentId,
      locale: claim.locale,
      message: `the path claims table gives ${claim.path} (${claim.locale}) to ${claim.describe}, which is not there; ${fix ? 'released' : 'a repair releases it'}`,
    });
  }

  ledgerFindings += await checkSlugLedger(strapi, fix, log, movingOwners);

  if (!fix) return;
  // Shallow first, categories before pages at one depth: moving a category moves what is below
  // it, which may need no move of its own afterwards (moveToFreeSlug looks again).
  const depth = (holder: PathHolder) => holder.path.split('/').length;
  const order = [...moves].sort((a, b) => depth(a) - depth(b) || Number(a.uid === categoryUidOf(strapi) ? 0 : 1) - Number(b.uid === categoryUidOf(strapi) ? 0 : 1));
  for (const holder of order) await moveToFreeSlug(strapi, holder, site, locales);
  for (const holder of slugMoves) await moveToFreeSlug(strapi, holder, site, locales, 'slug');
  if (moves.length > 0 || slugMoves.length > 0 || ledgerFindings > 0) {
    await inTransaction(strapi, true, async (trx) => {
      await reclaimEverything(strapi, trx, { slugs: true });
      await claimReservedPaths(strapi, trx);
    });
  }
}

interface StoredClaim {
  owner: string;
  uid: string;
  documentId: string;
  locale: string;
  path: string;
  reserved: boolean;
  describe: string;
}

/** Every row of the path claims table, keyed by locale and path (a few MB at 100 000 articles). */
async function loadPathClaims(strapi: Core.Strapi): Promise<Map<string, StoredClaim>> {
  const claims = new Map<string, StoredClaim>();
  const { siteUid } = colophonConfig(strapi).trails;
  for (let cursor = 0; ; ) {
    const rows: Array<{ id: number; locale: string; path: string; owner_uid: string; owner_document_id: string | null; reason: string | null }> =
      await strapi.db.connection(PATH_CLAIMS_TABLE).select('*').where('id', '>', cursor).orderBy('id').limit(5000);
    if (rows.length === 0) break;
    cursor = Number(rows[rows.length - 1].id);
    for (const row of rows) {
      if (row.owner_uid === LEDGER_FILLED.owner_uid) continue;
      const reserved = row.owner_uid === siteUid && !row.owner_document_id;
      claims.set(`${row.locale}\u0000${row.path}`, {
        owner: ownerKey({ uid: row.owner_uid, documentId: row.owner_document_id ?? '' }),
        uid: row.owner_uid,
        documentId: row.owner_document_id ?? '',
        locale: row.locale,
        path: row.path,
        reserved,
        describe: reserved ? (row.reason ?? 'the Site') : `${shortType(strapi, row.owner_uid)} ${row.owner_document_id}`,
      });
    }
  }
  return claims;
}

/** Trail targets whose slug more than one document of a locale holds, with who keeps it (the slug claims table's holder, else the first). */
async function findDuplicateSlugs(strapi: Core.Strapi): Promise<Array<{ slug: string; keeper: PathHolder; others: PathHolder[] }>> {
  const ledger = ledgerOf(strapi);
  const found: Array<{ slug: string; keeper: PathHolder; others: PathHolder[] }> = [];
  for (const owner of ledger.owners) {
    if (!owner.slugColumn) continue;
    const { columns, table } = owner;
    const knex = () => strapi.db.connection(table);
    const groups: Array<{ locale: string | null; slug: string }> = await knex()
      .select(`${columns.locale} as locale`, `${owner.slugColumn} as slug`)
      .whereNotNull(owner.slugColumn)
      .groupBy(columns.locale, owner.slugColumn)
      .havingRaw('COUNT(DISTINCT ??) > 1', [columns.documentId]);
    for (const group of groups) {
      const locale = group.locale ?? '';
      const rows: Array<{ documentId: string; firstRowId: number; label: string | null; path: string | null }> = await knex()
        .select(`${columns.documentId} as documentId`, `${columns.label} as label`, `${columns.path} as path`)
        .min('id as firstRowId')
        .where(owner.slugColumn, group.slug)
        .where((query: any) => (group.locale === null ? query.whereNull(columns.locale) : query.where(columns.locale, group.locale)))
        .groupBy(columns.documentId, columns.label, columns.path);
      const holders = new Map<string, PathHolder>();
      for (const row of rows) {
        const known = holders.get(row.documentId);
        if (!known || Number(row.firstRowId) < known.firstRowId) {
          holders.set(row.documentId, {
            uid: owner.uid,
            documentId: row.documentId,
            locale,
            path: row.path ?? '',
            label: row.label ?? '',
            firstRowId: Number(row.firstRowId),
          });
        }
      }
      const sorted = [...holders.values()].sort((a, b) => a.firstRowId - b.firstRowId);
      const claimed = await strapi.db
        .connection(SLUG_CLAIMS_TABLE)
        .where({ owner_uid: owner.uid, locale, slug: group.slug })
        .first();
      const keeper = sorted.find((holder) => holder.documentId === claimed?.owner_document_id) ?? sorted[0];
      found.push({ slug: group.slug, keeper, others: sorted.filter((holder) => holder !== keeper) });
    }
  }
  return found;
}

/** Most ledger findings a check lists per kind and type: a load with the hook off leaves every row unclaimed. */
const LEDGER_FINDINGS_LISTED = 1000;

/**
 * The slug claims table against the rows: a trail target's slug its document holds but the
 * table does not give it, and a slug claim no row of its document holds. Documents a repair
 * moves anyway are left out. Returns how many findings it logged.
 */
async function checkSlugLedger(strapi: Core.Strapi, fix: boolean, log: CheckContext['log'], moving: Set<string>): Promise<number> {
  const ledger = ledgerOf(strapi);
  let found = 0;
  await inTransaction(strapi, false, async (trx) => {
    for (const owner of ledger.owners) {
      if (!owner.slugColumn) continue;
      for (const row of await findUnclaimed(ledger, trx, owner, { uid: owner.uid, documents: 'all' }, 'slug', LEDGER_FINDINGS_LISTED)) {
        if (moving.has(ownerKey({ uid: owner.uid, documentId: row.documentId }))) continue;
        found += 1;
        log.add({
          kind: 'claim',
          uid: owner.uid,
          documentId: row.documentId,
          locale: row.locale,
          message: `${owner.type} ${row.documentId} (${row.locale}) has the slug ${row.value}, which the slug claims table does not give it; ${
            fix ? 'claimed for it' : 'a repair claims it for it'
          }`,
        });
      }
      for (const claim of await findStaleSlugClaims(ledger, trx, owner, LEDGER_FINDINGS_LISTED)) {
        if (moving.has(ownerKey({ uid: owner.uid, documentId: claim.documentId }))) continue;
        found += 1;
        log.add({
          kind: 'claim',
          uid: owner.uid,
          documentId: claim.documentId,
          locale: claim.locale,
          message: `the slug claims table gives ${claim.slug} (${claim.locale}) to ${owner.type} ${claim.documentId}, which does not have it; ${
            fix ? 'released' : 'a repair releases it'
          }`,
        });
      }
    }
  });
  return found;
}

/**
 * Moves one document of one locale off a path it may not keep: a free slug from its title,
 * then what a save of that slug does (re-derivation, the category's subtree, redirects, the
 * ledger), in one transaction under the repair lock.
 */
async function moveToFreeSlug(
  strapi: Core.Strapi,
  holder: PathHolder,
  site: SiteTrailSettings,
  locales: string[],
  over: 'path' | 'slug' = 'path'
): Promise<void> {
  const { trails } = colophonConfig(strapi);
  const target = trails.targets.find((candidate) => candidate.uid === holder.uid);
  await inTransaction(strapi, true, async (trx) => {
    const inputs = await loadDerivationInputs(strapi, trx);
    // Still in the way? An earlier move (its category's, or the same document's) may have settled it already.
    const { columns, table: ownerTable, slugColumn } = ownerTypeOf(ledgerOf(strapi), holder.uid)!;
    const current: Array<{ path: string | null; slug?: string | null }> = await sql(strapi, trx, ownerTable)
      .select(`${columns.path} as path`, ...(slugColumn ? [`${slugColumn} as slug`] : []))
      .where(columns.documentId, holder.documentId)
      .where(columns.locale, holder.locale);
    const paths = [...new Set(current.map((row) => row.path).filter((path): path is string => Boolean(path)))];
    const inTheWay = async (path: string) =>
      Boolean(findReservedPath(path, site, holder.locale, locales)) ||
      planReservedPaths(site, locales).some((entry) => entry.locale === holder.locale && entry.path === path) ||
      Boolean(await findPathClaim(strapi, trx, path, holder.locale, { uid: holder.uid, documentId: holder.documentId }));
    let blocked = false;
    if (over === 'slug' && slugColumn) {
      const slugs = [...new Set(current.map((row) => row.slug).filter((slug): slug is string => Boolean(slug)))];
      const other = await sql(strapi, trx, ownerTable)
        .select(columns.documentId)
        .whereIn(slugColumn, slugs)
        .where(columns.locale, holder.locale)
        .whereNot(columns.documentId, holder.documentId)
        .first();
      blocked = Boolean(other);
    } else {
      for (const path of paths) if (await inTheWay(path)) blocked = true;
    }
    if (!blocked) return;
    const reservedFrom = paths.filter((path) => findReservedPath(path, site, holder.locale, locales) || planReservedPaths(site, locales).some((entry) => entry.locale === holder.locale && entry.path === path));
    if (target) {
      const before = await publishedPaths(strapi, trx, target, holder.documentId);
      await settleFreshSlugs(strapi, trx, { kind: 'target', target }, holder.documentId, inputs, { locales: [holder.locale] });
      await deriveAfterTargetWrite(strapi, trx, target, holder.documentId, before, inputs);
      await claimDocumentPaths(strapi, trx, target.uid, holder.documentId, target.slugField);
      await dropRedirectsFrom(strapi, trx, holder.locale, reservedFrom);
      return;
    }
    await settleFreshSlugs(strapi, trx, { kind: 'category' }, holder.documentId, inputs, { locales: [holder.locale] });
    const table = tableOf(strapi, trails.categoryUid);
    const rows: Array<{ id: number }> = await sql(strapi, trx, table)
      .select('id')
      .where(columnOf(strapi, trails.categoryUid, 'documentId'), holder.documentId)
      .where(columnOf(strapi, trails.categoryUid, 'locale'), holder.locale);
    await cascadeFromCategories(strapi, trx, rows.map((row) => Number(row.id)));
    await claimDocumentPaths(strapi, trx, trails.categoryUid, holder.documentId, 'slug');
    await dropRedirectsFrom(strapi, trx, holder.locale, reservedFrom);
  });
}

/**
 * A move off a reserved path records redirects from it, as every move does; but that path is
 * another page's (the English home, in French), so no rule of this locale may leave from it or
 * from below it.
 */
async function dropRedirectsFrom(strapi: Core.Strapi, trx: unknown, locale: string, paths: string[]): Promise<void> {
  const uid = colophonConfig(strapi).trails.redirectUid;
  const from = columnOf(strapi, uid, 'from');
  for (const path of paths) {
    await sql(strapi, trx, tableOf(strapi, uid))
      .where(columnOf(strapi, uid, 'locale'), locale)
      .where((query: any) => query.where(from, path).orWhere(from, `${path}/`))
      .delete();
  }
}

function categoryUidOf(strapi: Core.Strapi): string {
  return colophonConfig(strapi).trails.categoryUid;
}

function shortType(strapi: Core.Strapi, uid: string): string {
  return strapi.contentTypes[uid as keyof typeof strapi.contentTypes]?.info?.singularName ?? uid;
}

/** `article "Course au titre" (documentId abc…, fr)`. */
function describeHolder(strapi: Core.Strapi, holder: PathHolder): string {
  return `${describeClaim({ uid: holder.uid, type: shortType(strapi, holder.uid), documentId: holder.documentId, label: holder.label }).replace(/\)$/, `, ${holder.locale})`)}`;
}
