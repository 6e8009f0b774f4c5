/**
 * How long to wait before retry number `attempt` (1 = the first retry), in milliseconds:
 * exponential from `baseMs`, capped at `maxMs`, with "full jitter" (a uniform draw between
 * half and all of it) so that the transactions that collided do not collide again in step.
 * `random` is a draw in [0, 1), passed in so the rule is testable.
 */
export function retryDelayMs(attempt: number, random: number, baseMs = 50, maxMs = 2000): number {
  const ceiling = Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(ceiling / 2 + (ceiling / 2) * Math.min(Math.max(random, 0), 1));
}
