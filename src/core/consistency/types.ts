import type { RedirectRule } from '../trail/resolveRedirect';

export type { RedirectMatch, RedirectRule } from '../trail/resolveRedirect';

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
