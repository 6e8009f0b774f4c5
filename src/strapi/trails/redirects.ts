import type { Core } from '@strapi/strapi';
import { isCoveredByPrefix, planPrefixMoves, planRedirect, toPrefixRule, type PrefixRule } from '../../core/trail';
import { colophonConfig } from '../colophon-config';
import { columnOf, sql, tableOf } from '../database/schema';
import { newDocumentId } from '../database/document-id';
import { noteRedirects } from '../delivery/notes';

export interface PathChange {
  from: string;
  to: string;
  /** The locale of what moved: a redirect only ever sends readers to a page of its own locale. */
  locale: string | null;
}

/** A public path and the locale it lives in. */
export interface LocalePath {
  path: string;
  locale: string | null;
}

/**
 * Records old public path -> new public path, set-based: a cascade that moves ten thousand
 * articles writes their redirects in a handful of statements per batch. The rules (chains
 * collapse, a path that is live again stops redirecting) are core's planRedirect; this only
 * loads the redirects a batch can touch and writes back what changed.
 */
export async function recordRedirects(strapi: Core.Strapi, trx: unknown, changes: PathChange[]): Promise<void> {
  const effective = changes.filter((change) => change.from && change.to && change.from !== change.to);
  for (const [locale, group] of groupByLocale(effective)) await recordLocaleRedirects(strapi, trx, locale, dedupe(group));
}

async function recordLocaleRedirects(strapi: Core.Strapi, trx: unknown, locale: string | null, effective: PathChange[]): Promise<void> {
  if (effective.length === 0) return;
  const { table, from, to } = redirectColumns(strapi);

  // Every stored redirect of this locale these changes can touch: those pointing at an old path
  // (chains to collapse), and those leaving from an old or a new path (to replace or retire).
  const olds = effective.map((change) => change.from);
  const news = effective.map((change) => change.to);
  const existing: Array<{ from: string; to: string }> = await inLocale(strapi, sql(strapi, trx, table), locale)
    .select(`${from} as from`, `${to} as to`)
    .where((query: any) => query.whereIn(to, olds).orWhereIn(from, [...olds, ...news]));

  const state = new Map(existing.map((redirect) => [redirect.from, redirect.to]));
  const touched = new Set(state.keys());
  for (const change of effective) {
    const plan = planRedirect([...state].map(([f, t]) => ({ from: f, to: t })), change);
    for (const gone of plan.deletes) state.delete(gone);
    for (const upsert of plan.upserts) state.set(upsert.from, upsert.to);
    for (const path of [...plan.deletes, ...plan.upserts.map((u) => u.from)]) touched.add(path);
  }

  const touchedPaths = [...touched];
  for (let i = 0; i < touchedPaths.length; i += 500) {
    await inLocale(strapi, sql(strapi, trx, table), locale).whereIn(from, touchedPaths.slice(i, i + 500)).delete();
  }
  const rows = touchedPaths
    .filter((path) => state.has(path))
    .map((path) => newRedirectRow(strapi, { from: path, to: state.get(path)!, match: 'exact', locale }));
  for (let i = 0; i < rows.length; i += 200) {
    await sql(strapi, trx, table).insert(rows.slice(i, i + 200));
  }
  if (touchedPaths.length > 0) noteRedirects([]);
}

/**
 * Retires the exact redirects leaving from paths that are live now: a page published, created
 * or moved there wins over an old rule, by whichever write it got there (core's
 * resolveRedirect would skip such a rule anyway; deleting it keeps the table true for the
 * frontends that read it whole). One indexed DELETE per locale and batch.
 */
export async function retireRedirectsFrom(strapi: Core.Strapi, trx: unknown, live: LocalePath[]): Promise<void> {
  const { table, from, match } = redirectColumns(strapi);
  for (const [locale, group] of groupByLocale(live)) {
    const paths = [...new Set(group.map((entry) => entry.path))];
    for (let i = 0; i < paths.length; i += 500) {
      const retired = await inLocale(strapi, sql(strapi, trx, table), locale)
        .whereIn(from, paths.slice(i, i + 500))
        .where((query: any) => query.where(match, 'exact').orWhereNull(match))
        .delete();
      // The pages now living there note their own paths; the rules' list changed.
      if (Number(retired) > 0) noteRedirects([]);
    }
  }
}

/**
 * Drops the redirects that lead to pages no longer live (unpublished, deleted): an exact rule
 * to the path, and a prefix rule to what was below it. A reader then gets the 404 the page
 * itself would give, not a redirect to one.
 */
export async function dropRedirectsTo(strapi: Core.Strapi, trx: unknown, gone: LocalePath[]): Promise<void> {
  const { table, to, match } = redirectColumns(strapi);
  for (const [locale, group] of groupByLocale(gone)) {
    const paths = [...new Set(group.map((entry) => entry.path))];
    for (let i = 0; i < paths.length; i += 500) {
      const slice = paths.slice(i, i + 500);
      const dropped = await inLocale(strapi, sql(strapi, trx, table), locale)
        .where((query: any) =>
          query
            .where((exact: any) => exact.whereIn(to, slice).where((m: any) => m.where(match, 'exact').orWhereNull(match)))
            .orWhere((prefix: any) => prefix.whereIn(to, slice.map((path) => `${path}/`)).where(match, 'prefix'))
        )
        .delete();
      if (Number(dropped) > 0) noteRedirects([]);
    }
  }
}

/**
 * Records where moved categories went: for the root of each moved subtree, an exact redirect
 * for its own page and one prefix rule for every page below it (core's planPrefixMoves), so a
 * rename over a hundred thousand articles writes a handful of rows, not one per article.
 * Returns whether those rules already send a given page on, for the cascade to skip it.
 */
export async function recordCategoryMoves(
  strapi: Core.Strapi,
  trx: unknown,
  moves: PathChange[]
): Promise<(move: PathChange) => boolean> {
  const rulesByLocale = new Map<string | null, PrefixRule[]>();
  for (const [locale, group] of groupByLocale(moves)) {
    const tops = planPrefixMoves(group);
    if (tops.length === 0) continue;
    await recordRedirects(strapi, trx, tops.map((top) => ({ ...top, locale })));
    const rules = tops.map(toPrefixRule);
    for (const rule of rules) await recordPrefixRule(strapi, trx, rule, locale);
    rulesByLocale.set(locale, rules);
  }
  return (move) => (rulesByLocale.get(move.locale) ?? []).some((rule) => isCoveredByPrefix(move, rule));
}

/**
 * Stores one prefix rule and keeps the table one hop deep: every redirect that led into the
 * old subtree now leads into the new one (set-based, one UPDATE), a rule that now leads to
 * itself is dropped, and so is an older rule that sent readers away from where the subtree
 * lives now.
 */
async function recordPrefixRule(strapi: Core.Strapi, trx: unknown, rule: PrefixRule, locale: string | null): Promise<void> {
  const { table, from, to, match } = redirectColumns(strapi);
  const knex = strapi.db.connection;
  const concat =
    strapi.db.dialect.client === 'mysql'
      ? 'CONCAT(?, SUBSTRING(??, ?))'
      : '(CAST(? AS TEXT) || SUBSTR(??, CAST(? AS INTEGER)))';

  await inLocale(strapi, sql(strapi, trx, table), locale)
    .whereRaw(`?? LIKE ? ESCAPE '!'`, [to, `${escapeLike(rule.from)}%`])
    // LIKE finds the rows on the index; SQLite's LIKE ignores case, so check the prefix exactly.
    .whereRaw('SUBSTR(??, 1, ?) = ?', [to, rule.from.length, rule.from])
    .update({ [to]: knex.raw(concat, [rule.to, to, rule.from.length + 1]) });
  await inLocale(strapi, sql(strapi, trx, table), locale).whereRaw('?? = ??', [from, to]).delete();
  await inLocale(strapi, sql(strapi, trx, table), locale).where(match, 'prefix').whereIn(from, [rule.from, rule.to]).delete();
  if (rule.from === rule.to) return;
  await sql(strapi, trx, table).insert(newRedirectRow(strapi, { ...rule, match: 'prefix', locale }));
  noteRedirects([]);
}

function redirectColumns(strapi: Core.Strapi) {
  const uid = colophonConfig(strapi).trails.redirectUid;
  return {
    uid,
    table: tableOf(strapi, uid),
    from: columnOf(strapi, uid, 'from'),
    to: columnOf(strapi, uid, 'to'),
    match: columnOf(strapi, uid, 'match'),
    locale: columnOf(strapi, uid, 'locale'),
  };
}

function newRedirectRow(
  strapi: Core.Strapi,
  rule: { from: string; to: string; match: 'exact' | 'prefix'; locale: string | null }
): Record<string, unknown> {
  const { uid, from, to, match, locale } = redirectColumns(strapi);
  const now = new Date();
  return {
    [columnOf(strapi, uid, 'documentId')]: newDocumentId(),
    [from]: rule.from,
    [to]: rule.to,
    [columnOf(strapi, uid, 'statusCode')]: 301,
    [match]: rule.match,
    [locale]: rule.locale,
    [columnOf(strapi, uid, 'createdAt')]: now,
    [columnOf(strapi, uid, 'updatedAt')]: now,
    [columnOf(strapi, uid, 'publishedAt')]: now,
  };
}

/**
 * Narrows a query to one locale's redirects. A row with no locale (written by hand, imported,
 * or stored before redirects carried one) belongs to every locale.
 */
function inLocale(strapi: Core.Strapi, query: any, locale: string | null): any {
  const column = redirectColumns(strapi).locale;
  return locale === null ? query.whereNull(column) : query.where((q: any) => q.where(column, locale).orWhereNull(column));
}

function groupByLocale<T extends { locale: string | null }>(entries: readonly T[]): Map<string | null, T[]> {
  const groups = new Map<string | null, T[]>();
  for (const entry of entries) {
    const group = groups.get(entry.locale ?? null);
    if (group) group.push(entry);
    else groups.set(entry.locale ?? null, [entry]);
  }
  return groups;
}

/** LIKE treats % and _ as wildcards; '!' is the escape character (no database reads it as one in a string literal). */
function escapeLike(value: string): string {
  return value.replace(/[!%_]/g, (character) => `!${character}`);
}

function dedupe(changes: PathChange[]): PathChange[] {
  // The last word wins when the same old path moved twice in one batch.
  return [...new Map(changes.map((change) => [change.from, change])).values()];
}
