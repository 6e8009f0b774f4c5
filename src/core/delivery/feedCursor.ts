/**
 * A position in the change feed: the id of the last change read and, on PostgreSQL, the
 * transaction id (xid8, as a decimal string) that wrote it. See readChangesAfter for why the
 * feed is ordered by transaction id first there.
 */
export interface FeedPosition {
  txid: string | null;
  id: number;
}

/** The start of the feed: before every change. */
export const FEED_START: FeedPosition = { txid: null, id: 0 };

const DIGITS = /^\d{1,20}$/;

/** An opaque, URL-safe cursor for `position` (base64url of `txid.id`). */
export function encodeCursor(position: FeedPosition): string {
  return Buffer.from(`${position.txid ?? ''}.${position.id}`, 'utf8').toString('base64url');
}

/**
 * The position a cursor names; FEED_START for none (null, undefined or ""); null when the value
 * is not a cursor this feed gave out (the caller answers 400 naming `after`).
 */
export function decodeCursor(value: unknown): FeedPosition | null {
  if (value === undefined || value === null || value === '') return FEED_START;
  if (typeof value !== 'string' || value.length > 64 || !/^[A-Za-z0-9_-]+$/.test(value)) return null;
  const decoded = Buffer.from(value, 'base64url').toString('utf8');
  const match = /^(\d{0,20})\.(\d{1,16})$/.exec(decoded);
  if (!match) return null;
  const [, txid, id] = match;
  if (txid !== '' && !DIGITS.test(txid)) return null;
  const number = Number(id);
  if (!Number.isSafeInteger(number)) return null;
  return { txid: txid === '' ? null : txid, id: number };
}

/**
 * Orders two feed positions: negative when `a` comes first. Positions with a transaction id
 * (PostgreSQL) order by it, then by id; without one (SQLite), by id alone.
 */
export function compareFeedPositions(a: FeedPosition, b: FeedPosition): number {
  if (a.txid !== null && b.txid !== null && a.txid !== b.txid) {
    const difference = BigInt(a.txid) - BigInt(b.txid);
    return difference < 0n ? -1 : 1;
  }
  return a.id - b.id;
}
