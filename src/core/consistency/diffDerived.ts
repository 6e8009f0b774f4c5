import { canonicalJson } from './canonicalJson';

/**
 * The names of the fields whose stored value differs from the expected one, in the order of
 * `expected`'s keys. Only the fields `expected` names are compared, so `stored` may be a whole
 * row.
 *
 * Values are compared as JSON, structurally: key order does not matter (PostgreSQL's jsonb
 * reorders keys), and a string that does not match as it is is parsed and compared again
 * (SQLite hands a JSON column back as the text it stored, or already parsed). A missing field
 * counts as null.
 */
export function diffDerived(stored: Record<string, unknown>, expected: Record<string, unknown>): string[] {
  return Object.keys(expected).filter((field) => !sameJson(stored[field] ?? null, expected[field] ?? null));
}

function sameJson(stored: unknown, expected: unknown): boolean {
  const got = canonicalJson(stored);
  const wanted = canonicalJson(expected);
  if (got === wanted) return true;
  // Parsing only when the plain comparison fails: most stored text is not JSON at all.
  const gotParsed = parsedCanonical(stored);
  const wantedParsed = parsedCanonical(expected);
  return gotParsed === wanted || wantedParsed === got || (gotParsed !== null && gotParsed === wantedParsed);
}

/** A string holding JSON, parsed and made canonical; null for anything else. */
function parsedCanonical(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  try {
    return canonicalJson(JSON.parse(value));
  } catch {
    return null;
  }
}
