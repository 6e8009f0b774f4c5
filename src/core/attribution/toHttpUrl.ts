const URL_MAX_LENGTH = 2048;

/**
 * Returns the value when it is an absolute http(s) URL, else null. Everything
 * else (javascript:, data:, relative, malformed) must never become a link.
 */
export function toHttpUrl(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const candidate = value.trim();
  // Whitespace or control characters inside a URL mean it was pasted badly or
  // crafted; a truncated URL would link somewhere else, so too-long ones go too.
  if (candidate === '' || candidate.length > URL_MAX_LENGTH || /[\s\p{Cc}]/u.test(candidate)) return null;
  let parsed: URL;
  try {
    parsed = new URL(candidate);
  } catch {
    return null;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return null;
  if (parsed.hostname === '') return null;
  return candidate;
}
