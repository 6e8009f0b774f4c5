/**
 * Drops keys whose value is undefined, null or a blank string: search engines
 * flag `"license": ""` or `null` as invalid structured data, while a missing
 * key is simply "unknown".
 */
export function omitEmpty<T extends object>(node: T): T {
  const kept = Object.entries(node).filter(
    ([, value]) => value !== undefined && value !== null && !(typeof value === 'string' && value.trim() === ''),
  );
  return Object.fromEntries(kept) as T;
}
