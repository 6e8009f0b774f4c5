/**
 * How a redirect matches a requested path. 'exact' (also what a null or missing match means)
 * answers that one path. 'prefix' answers every path that starts with `from`, keeping the
 * rest: `/blog/old/` -> `/blog/new/` sends `/blog/old/x` to `/blog/new/x`; both ends of a
 * prefix rule end with '/'.
 */
export type RedirectMatch = 'exact' | 'prefix';

export interface RedirectRule {
  from: string;
  to: string;
  match?: RedirectMatch | null;
}

export type RedirectFindingKind = 'dead-redirect' | 'shadowing-redirect' | 'redirect-chain' | 'redirect-loop';

/** What repairing a finding does to its redirect: remove it, or point it straight at where its chain ends. */
export type RedirectRepair = { action: 'delete' } | { action: 'repoint'; to: string };

export interface RedirectFinding<R extends RedirectRule = RedirectRule> {
  kind: RedirectFindingKind;
  redirect: R;
  repair: RedirectRepair;
  /** One line for a person: which redirect and what is wrong with it. */
  message: string;
}
