/**
 * Whether an article is closed to new comments by its age: first published more than
 * `closeAfterDays` days before `now` (WordPress's close_comments_for_old_posts and
 * close_comments_days_old, counted, as there, from the first publication). `closeAfterDays`
 * null means never; an article never published is not closed by age.
 */
export function commentsClosedByAge(firstPublishedAt: Date | null, closeAfterDays: number | null, now: Date): boolean {
  if (closeAfterDays === null || firstPublishedAt === null) return false;
  return now.getTime() - firstPublishedAt.getTime() > closeAfterDays * 24 * 60 * 60 * 1000;
}

/**
 * Reads COMMENT_CLOSE_AFTER_DAYS: '' or 'off' (the default) for never, else a whole number of
 * days from 1 to 36 500. Throws an Error naming the variable for anything else.
 */
export function readCloseAfterDays(value: string | undefined | null): number | null {
  const text = (value ?? '').trim().toLowerCase();
  if (text === '' || text === 'off') return null;
  const days = /^\d+$/.test(text) ? Number(text) : Number.NaN;
  if (!Number.isInteger(days) || days < 1 || days > 36500) {
    throw new Error(`COMMENT_CLOSE_AFTER_DAYS must be off or a whole number of days from 1 to 36500, not "${value}"`);
  }
  return days;
}
