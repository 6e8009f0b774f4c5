// MySQL's zero date: WordPress writes it for a date it does not have (a draft's GMT date).
const ZERO_DATE = /^0000-00-00(?:[ T]00:00:00)?$/;

/**
 * A WordPress date (`YYYY-MM-DD HH:MM:SS`, as MySQL writes it) read as UTC, in ISO 8601
 * (`YYYY-MM-DDTHH:MM:SS.000Z`), or null when it is empty, the zero date, or no calendar date.
 */
export function readWordpressDate(value: string | null | undefined): string | null {
  if (typeof value !== 'string') return null;
  const text = value.trim();
  if (text === '' || ZERO_DATE.test(text)) return null;
  const match = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?)?$/.exec(text);
  if (!match) return null;
  const [year, month, day, hour, minute, second] = match.slice(1).map((part) => (part === undefined ? 0 : Number(part)));
  const time = Date.UTC(year, month - 1, day, hour, minute, second);
  const date = new Date(time);
  // Date.UTC rolls 2017-02-30 over to March; a date that does not come back as written is no date.
  if (
    Number.isNaN(time) ||
    date.getUTCFullYear() !== year ||
    date.getUTCMonth() !== month - 1 ||
    date.getUTCDate() !== day ||
    date.getUTCHours() !== hour ||
    date.getUTCMinutes() !== minute ||
    date.getUTCSeconds() !== second
  ) {
    return null;
  }
  return date.toISOString();
}
