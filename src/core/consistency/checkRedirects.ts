import type { RedirectFinding, RedirectRule } from './types';

/**
 * A chain still going after this many hops is taken for a loop: a prefix rule whose target
 * lies under its own `from` feeds itself a longer path forever without repeating one, and
 * browsers give up after about twenty redirects anyway.
 */
const MAX_HOPS = 1000;

/**
 * Checks a redirect table against the paths that are live (served as pages), and says for
 * each broken redirect what is wrong and how to repair it. Redirects not listed are fine.
 *
 * - `shadowing-redirect`: an exact rule whose `from` is live, so it competes with a page.
 *   Repair: delete. The live page wins, so such a redirect takes no part in resolving the
 *   others. A prefix rule never shadows: live pages under its `from` are served and the rule
 *   only sends on the paths that are not (core's resolveRedirect).
 * - `dead-redirect`: its target is not live and no other redirect takes it further. Repair:
 *   delete.
 * - `redirect-chain`: its target is itself redirected. Repair: point it straight at where the
 *   chain ends when that is live, else delete.
 * - `redirect-loop`: following it never ends. Repair: delete.
 *
 * A path is resolved the way a frontend must: an exact rule for that path first, else the
 * prefix rule with the longest `from` that the path starts with, and a live path is never
 * redirected further. An exact rule's target is
 * live when `livePaths` has it; a prefix rule's target (ending with '/') when some live path
 * equals it without the slash or starts with it. Only a prefix rule resolves a prefix
 * target. Findings come in the order of `redirects`; each redirect appears at most once.
 * Memory is a sorted copy of the live paths, and time about (redirects + live paths) × log.
 */
export function checkRedirects<R extends RedirectRule>(
  redirects: readonly R[],
  livePaths: ReadonlySet<string>
): RedirectFinding<R>[] {
  const live = new LiveIndex(livePaths);
  const isPrefix = (rule: RedirectRule) => rule.match === 'prefix';
  const shadows = (rule: RedirectRule) => !isPrefix(rule) && live.has(rule.from);

  const exact = new Map<string, R>();
  const prefix = new Map<string, R>();
  for (const rule of redirects) {
    if (shadows(rule)) continue;
    (isPrefix(rule) ? prefix : exact).set(rule.from, rule);
  }
  const resolver = new Resolver(exact, prefix, live);

  const findings: RedirectFinding<R>[] = [];
  for (const rule of redirects) {
    const label = `${isPrefix(rule) ? 'prefix redirect' : 'redirect'} ${rule.from} -> ${rule.to}`;
    if (shadows(rule)) {
      findings.push({
        kind: 'shadowing-redirect',
        redirect: rule,
        repair: { action: 'delete' },
        message: `${label} leaves from a live page`,
      });
      continue;
    }
    const start: Hop = { path: rule.to, prefix: isPrefix(rule) };
    if (resolver.next(start) === null) {
      if (!live.serves(start)) {
        findings.push({
          kind: 'dead-redirect',
          redirect: rule,
          repair: { action: 'delete' },
          message: `${label} leads to a path that is not live`,
        });
      }
      continue;
    }
    const end = resolver.finalOf(start);
    if (end === null) {
      findings.push({
        kind: 'redirect-loop',
        redirect: rule,
        repair: { action: 'delete' },
        message: `${label} never arrives: following it loops`,
      });
    } else if (live.serves({ path: end, prefix: start.prefix })) {
      findings.push({
        kind: 'redirect-chain',
        redirect: rule,
        repair: { action: 'repoint', to: end },
        message: `${label} is redirected again, ending at ${end}`,
      });
    } else {
      findings.push({
        kind: 'redirect-chain',
        redirect: rule,
        repair: { action: 'delete' },
        message: `${label} is redirected again, ending at ${end}, which is not live`,
      });
    }
  }
  return findings;
}

/** A path to resolve: a concrete one, or the prefix a prefix rule sends a whole subtree to. */
interface Hop {
  path: string;
  prefix: boolean;
}

class Resolver<R extends RedirectRule> {
  private readonly finals = new Map<string, string | null>();

  constructor(
    private readonly exact: ReadonlyMap<string, R>,
    private readonly prefix: ReadonlyMap<string, R>,
    private readonly live: LiveIndex
  ) {}

  /** Where one redirect sends this hop, or null when none applies (a live page is never sent on). */
  next(hop: Hop): Hop | null {
    if (this.live.serves(hop)) return null;
    const direct = hop.prefix ? undefined : this.exact.get(hop.path);
    if (direct) return { path: direct.to, prefix: false };
    const rule = this.longestPrefixRule(hop.path);
    if (!rule) return null;
    return { path: rule.to + hop.path.slice(rule.from.length), prefix: hop.prefix };
  }

  /** Where following the redirects from this hop ends, or null when it never does. */
  finalOf(start: Hop): string | null {
    const walked: string[] = [];
    const seen = new Set<string>();
    let hop: Hop | null = start;
    let end: string | null = null;
    for (;;) {
      const key = `${hop.prefix ? 'p' : 'e'}:${hop.path}`;
      if (this.finals.has(key)) {
        end = this.finals.get(key)!;
        break;
      }
      if (seen.has(key) || walked.length >= MAX_HOPS) break;
      seen.add(key);
      walked.push(key);
      const next: Hop | null = this.next(hop);
      if (next === null) {
        end = hop.path;
        break;
      }
      hop = next;
    }
    // Every hop of this walk ends where the walk ended: later redirects joining it stop here.
    for (const key of walked) this.finals.set(key, end);
    return end;
  }

  private longestPrefixRule(path: string): R | undefined {
    // Prefix rules' `from`s end with '/', so only the path's prefixes ending at a '/' can match.
    for (let slash = path.lastIndexOf('/'); slash >= 0; slash = slash === 0 ? -1 : path.lastIndexOf('/', slash - 1)) {
      const rule = this.prefix.get(path.slice(0, slash + 1));
      if (rule) return rule;
    }
    return undefined;
  }
}

class LiveIndex {
  private sorted: string[] | null = null;

  constructor(private readonly paths: ReadonlySet<string>) {}

  has(path: string): boolean {
    return this.paths.has(path);
  }

  /** Whether some live path starts with `prefix`. */
  hasUnder(prefix: string): boolean {
    // Sorted once, on first need: paths sharing a prefix sit together from where it would go.
    this.sorted ??= [...this.paths].sort();
    let low = 0;
    let high = this.sorted.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (this.sorted[middle] < prefix) low = middle + 1;
      else high = middle;
    }
    return low < this.sorted.length && this.sorted[low].startsWith(prefix);
  }

  /** Whether a hop's target is served: a concrete path, or a prefix with a page at or under it. */
  serves(hop: Hop): boolean {
    if (!hop.prefix) return this.has(hop.path);
    return this.has(hop.path.replace(/\/+$/, '')) || this.hasUnder(hop.path);
  }
}
