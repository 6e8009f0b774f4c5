/**
 * Seconds left before the same author may comment again, or 0 when they may
 * now. Rounded up so a client that waits exactly that long is let through.
 */
export function computeRetryAfter(lastCommentAt: Date | null, now: Date, intervalSeconds: number): number {
  if (lastCommentAt === null || intervalSeconds <= 0) return 0;
  const elapsedSeconds = (now.getTime() - lastCommentAt.getTime()) / 1000;
  if (elapsedSeconds >= intervalSeconds) return 0;
  // A timestamp from the future (clock skew between servers) must not lock
  // the author out for longer than one interval.
  const remaining = Math.min(intervalSeconds, intervalSeconds - elapsedSeconds);
  return Math.max(1, Math.ceil(remaining));
}
