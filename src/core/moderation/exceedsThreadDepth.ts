import type { ModerationRules } from './types';

/**
 * Whether a reply to a comment at `parentDepth` (a top-level comment is at
 * depth 1) would nest deeper than the rules allow. Deep threads become
 * unreadable columns on a phone, which is why WordPress caps them too.
 */
export function exceedsThreadDepth(parentDepth: number, rules: Pick<ModerationRules, 'maxThreadDepth'>): boolean {
  return parentDepth + 1 > rules.maxThreadDepth;
}
