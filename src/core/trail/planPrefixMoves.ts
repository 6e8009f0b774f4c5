export interface PathMove {
  /** The old public path, e.g. `/blog/monde`. */
  from: string;
  /** The new public path, e.g. `/blog/international`. */
  to: string;
}

/** A rule that sends every path under `from` to the same place under `to`; both end with `/`. */
export interface PrefixRule {
  from: string;
  to: string;
}

/** The prefix rule a path move implies for everything below the moved path. */
export function toPrefixRule(move: PathMove): PrefixRule {
  return { from: withSlash(move.from), to: withSlash(move.to) };
}

/**
 * True when `rule` already sends `move.from` to `move.to`: the old path lies under the rule's
 * `from`, and the rest of it is carried over unchanged.
 */
export function isCoveredByPrefix(move: PathMove, rule: PrefixRule): boolean {
  return move.from.startsWith(rule.from) && move.to === rule.to + move.from.slice(rule.from.length);
}

/**
 * Keeps, of the category path moves one cascade made, only those no other move already
 * implies: renaming or moving a category moves its whole subtree, and one rule for the
 * subtree's root (`/blog/monde/` -> `/blog/international/`) says where every page below it
 * went, so the cascade records one prefix rule instead of a redirect per descendant and per
 * article. Moves whose path did not change are dropped. Returns the moves root-most first.
 */
export function planPrefixMoves(moves: readonly PathMove[]): PathMove[] {
  const changed = moves.filter((move) => move.from && move.to && move.from !== move.to);
  const byDepth = [...changed].sort((a, b) => a.from.length - b.from.length || a.from.localeCompare(b.from));
  const kept: PathMove[] = [];
  for (const move of byDepth) {
    if (kept.some((top) => isCoveredByPrefix(move, toPrefixRule(top)))) continue;
    if (kept.some((top) => top.from === move.from)) continue;
    kept.push(move);
  }
  return kept;
}

function withSlash(path: string): string {
  return path.endsWith('/') ? path : `${path}/`;
}
