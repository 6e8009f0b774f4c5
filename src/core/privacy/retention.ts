/** How long a comment's IP hash and user agent are kept, in days, when COMMENT_PERSONAL_DATA_DAYS is not set. */
export const DEFAULT_PERSONAL_DATA_DAYS = 90;

/**
 * Checks COMMENT_PERSONAL_DATA_DAYS: a whole number of days from 1 to 3 650. A day at least,
 * because flood and duplicate checks read the IP hash of the caller's recent comments (seconds
 * to minutes old). Throws an Error naming the variable otherwise, so a bad setting stops the app
 * as it loads its configuration.
 */
export function checkPersonalDataDays(days: number): number {
  if (!Number.isInteger(days) || days < 1 || days > 3650) {
    throw new Error(`COMMENT_PERSONAL_DATA_DAYS must be a whole number of days from 1 to 3650, not ${days}`);
  }
  return days;
}

/** The instant before which a comment's IP hash and user agent are cleared: `now` less `days` days. */
export function personalDataCutoff(now: Date, days: number): Date {
  return new Date(now.getTime() - days * 24 * 60 * 60 * 1000);
}
