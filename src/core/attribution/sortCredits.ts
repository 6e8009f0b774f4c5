import { CREDIT_ROLES, type Credit } from './types';

/**
 * Orders credits by role (where the piece comes from first, how it reached us
 * last), keeping editors' order within a role. Unknown roles are dropped.
 */
export function sortCredits<T extends Pick<Credit, 'role'>>(credits: readonly T[]): T[] {
  const rank = (credit: T) => CREDIT_ROLES.indexOf(credit.role);
  // Array.prototype.sort is stable, which is what keeps the editors' order.
  return credits.filter((credit) => rank(credit) !== -1).sort((a, b) => rank(a) - rank(b));
}
