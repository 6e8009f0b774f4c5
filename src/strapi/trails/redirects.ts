import crypto from 'node:crypto';
import type { Core } from '@strapi/strapi';
import { isCoveredByPrefix, planPrefixMoves, planRedirect, toPrefixRule, type PathMove, type PrefixRule } from '../../core/trail';
import { colophonConfig } from '../colophon-config';
import { columnOf, sql, tableOf } from '../database/schema';

export interface PathChange {
  from: string;
  to: string;
}

/**
 * Records old public path -> new public path, set-based: a cascade that moves ten thousand
 * articles writes their redirects in a handful of statements per batch. The rules (chains
 * collapse, a path that is live again stops redirecting) are core's planRedirect; this only
 * loads the redirects a batch can touch and writes back what changed.
 */
export async function recordRedirects(strapi: Core.Strapi, trx: unknown, changes: PathChange[]): Promise<void> {
  const effective = dedupe(changes.filter((change) => change.from && change.to && change.from !== change.to));
  if (effective.length === 0) return;

  const uid = colophonConfig(strapi).trails.redirectUid;
  const table = tableOf(strapi, uid);
  const from = columnOf(strapi, uid, 'from');
  const to = columnOf(strapi, uid, 'to');

  // Every stored redirect these changes can touch: those pointing at an old path (chains to
  // collapse), and those leaving from an old or a new path (to replace or retire).
  const olds = effective.map((change) => change.from);
  const news = effective.map((change) => change.to);
  const existing: Array<{ from: string; to: string }> = await sql(strapi, trx, table)
    .select(`${from} as from`, `${to} as to`)
    .whereIn(to, olds)
    .orWhereIn(from, [...olds, ...news]);

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
    await sql(strapi, trx, table).whereIn(from, touchedPaths.slice(i, i + 500)).delete();
  }
  const now = new Date();
  const rows = touchedPaths
    .filter((path) => state.has(path))
    .map((path) => ({
      [columnOf(strapi, uid, 'documentId')]: newDocumentId(),
      [from]: path,
      [to]: state.get(path),
      [columnOf(strapi, uid, 'statusCode')]: 301,
      [columnOf(strapi, uid, 'match')]: 'exact',
      [columnOf(strapi, uid, 'createdAt')]: now,
      [columnOf(strapi, uid, 'updatedAt')]: now,
      [columnOf(strapi, uid, 'publishedAt')]: now,
    }));
  for (let i = 0; i < rows.length; i += 200) {
    await sql(strapi, trx, table).insert(rows.slice(i, i + 200));
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
  moves: PathMove[]
): Promise<(move: PathMove) => boolean> {
  const tops = planPrefixMoves(moves);
  if (tops.length === 0) return () => false;
  await recordRedirects(strapi, trx, tops);
  const rules = tops.map(toPrefixRule);
  for (const rule of rules) await recordPrefixRule(strapi, trx, rule);
  return (move) => rules.some((rule) => isCoveredByPrefix(move, rule));
}

/**
 * Stores one prefix rule and keeps the table one hop deep: every redirect that led into the
 * old subtree now leads into the new one (set-based, one UPDATE), a rule that now leads to
 * itself is dropped, and so is an older rule that sent readers away from where the subtree
 * lives now.
 */
async function recordPrefixRule(strapi: Core.Strapi, trx: unknown, rule: PrefixRule): Promise<void> {
  const uid = colophonConfig(strapi).trails.redirectUid;
  const table = tableOf(strapi, uid);
  const from = columnOf(strapi, uid, 'from');
  const to = columnOf(strapi, uid, 'to');
  const match = columnOf(strapi, uid, 'match');
  const knex = strapi.db.connection;
  const concat =
    strapi.db.dialect.client === 'mysql'
      ? 'CONCAT(?, SUBSTRING(??, ?))'
      : '(CAST(? AS TEXT) || SUBSTR(??, CAST(? AS INTEGER)))';

  await sql(strapi, trx, table)
    .whereRaw(`?? LIKE ? ESCAPE '!'`, [to, `${escapeLike(rule.from)}%`])
    // LIKE finds the rows on the index; SQLite's LIKE ignores case, so check the prefix exactly.
    .whereRaw('SUBSTR(??, 1, ?) = ?', [to, rule.from.length, rule.from])
    .update({ [to]: knex.raw(concat, [rule.to, to, rule.from.length + 1]) });
  await sql(strapi, trx, table).whereRaw('?? = ??', [from, to]).delete();
  await sql(strapi, trx, table).where(match, 'prefix').whereIn(from, [rule.from, rule.to]).delete();
  if (rule.from === rule.to) return;
  const now = new Date();
  await sql(strapi, trx, table).insert({
    [columnOf(strapi, uid, 'documentId')]: newDocumentId(),
    [from]: rule.from,
    [to]: rule.to,
    [columnOf(strapi, uid, 'statusCode')]: 301,
    [match]: 'prefix',
    [columnOf(strapi, uid, 'createdAt')]: now,
    [columnOf(strapi, uid, 'updatedAt')]: now,
    [columnOf(strapi, uid, 'publishedAt')]: now,
  });
}

/** LIKE treats % and _ as wildcards; '!' is the escape character (no database reads it as one in a string literal). */
function escapeLike(value: string): string {
  return value.replace(/[!%_]/g, (character) => `!${character}`);
}

function dedupe(changes: PathChange[]): PathChange[] {
  // The last word wins when the same old path moved twice in one batch.
  return [...new Map(changes.map((change) => [change.from, change])).values()];
}

/** Same shape as Strapi's own document ids: 24 lowercase alphanumerics. */
function newDocumentId(): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
  const bytes = crypto.randomBytes(24);
  return Array.from(bytes, (byte) => alphabet[byte % alphabet.length]).join('');
}
