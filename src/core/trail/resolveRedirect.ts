export type RedirectMatch = 'exact' | 'prefix';

export interface RedirectRule {
  from: string;
  to: string;
  statusCode?: number | null;
  /** `exact` (the default) matches the path itself; `prefix` every path that starts with `from`. */
  match?: RedirectMatch | null;
}

export interface ResolvedRedirect {
  /** The path asked about. */
  from: string;
  to: string;
  statusCode: number;
  match: RedirectMatch;
  /** The stored rule that answered. */
  rule: RedirectRule;
}

/**
 * The `from` values of the prefix rules that could apply to `path`: each of its ancestors with
 * a trailing slash, longest first. `/blog/a/b` -> [`/blog/a/`, `/blog/`, `/`]. What a database
 * looks up with `from IN (…)`, on an index, instead of scanning every rule.
 */
export function prefixCandidates(path: string): string[] {
  const candidates: string[] = [];
  if (path.length <= 1) return candidates;
  for (let end = path.lastIndexOf('/', path.length - 2); end >= 0; end = path.lastIndexOf('/', end - 1)) {
    candidates.push(path.slice(0, end + 1));
    if (end === 0) break;
  }
  return candidates;
}

/**
 * Where a reader asking for `path` is sent, or null: never when the path is live (a page
 * lives there now, whatever old rule still names it); else the exact rule for the path; else
 * the prefix rule with the longest `from` that the path starts with, carrying the rest of the
 * path over (`/blog/monde/` -> `/blog/international/` sends `/blog/monde/asie/x` to
 * `/blog/international/asie/x`). Status defaults to 301 (RFC 9110 §15.4.2, moved permanently).
 */
export function resolveRedirect(path: string, rules: readonly RedirectRule[], isLive: boolean): ResolvedRedirect | null {
  if (isLive) return null;
  const exact = rules.find((rule) => (rule.match ?? 'exact') === 'exact' && rule.from === path);
  if (exact) return { from: path, to: exact.to, statusCode: exact.statusCode ?? 301, match: 'exact', rule: exact };
  let best: RedirectRule | undefined;
  for (const rule of rules) {
    if (rule.match !== 'prefix' || !path.startsWith(rule.from)) continue;
    if (!best || rule.from.length > best.from.length) best = rule;
  }
  if (!best) return null;
  return { from: path, to: best.to + path.slice(best.from.length), statusCode: best.statusCode ?? 301, match: 'prefix', rule: best };
}
