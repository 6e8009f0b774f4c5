import { toHttpUrl } from './toHttpUrl';

/** The outcome of reading a URL an editor typed: `url` null and no `error` means "no URL". */
export interface NormalizedUrl {
  url: string | null;
  error?: string;
}

// A bare host name, optionally with a port and a path, query or fragment: what an editor
// copies from the address bar of a browser that hides the scheme ("www.rt.com/news/…").
// Labels may be internationalised (IDN); the top-level label must hold a letter.
const HOST_NAME = /^(?:[\p{L}\p{N}](?:[\p{L}\p{N}-]*[\p{L}\p{N}])?\.)+[\p{L}][\p{L}\p{N}-]*(?::\d{1,5})?(?:[/?#]\S*)?$/u;

/**
 * Reads a URL field as an editor filled it in.
 *
 * - `""`, blanks, null and undefined: `{ url: null }`, no URL given.
 * - An absolute http(s) URL: `{ url }`, trimmed.
 * - A host name without a scheme (`www.rt.com/…`, `rt.com/…`): `{ url: "https://…" }`; the
 *   scheme-less paste is the most common editor mistake and https is what the web serves.
 * - Anything else (`javascript:`, `data:`, `ftp:`, relative paths, spaces, garbage):
 *   `{ url: null, error }` with a reason an editor can act on. Callers refuse the write.
 */
export function normalizeHttpUrl(value: unknown): NormalizedUrl {
  if (value === null || value === undefined) return { url: null };
  if (typeof value !== 'string') return { url: null, error: 'must be a web address (text)' };
  const candidate = value.trim();
  if (candidate === '') return { url: null };

  const absolute = toHttpUrl(candidate);
  if (absolute) return { url: absolute };
  if (HOST_NAME.test(candidate)) {
    const completed = toHttpUrl(`https://${candidate}`);
    if (completed) return { url: completed };
  }
  if (/^[a-z][a-z0-9+.-]*:/i.test(candidate) && !/^https?:\/\//i.test(candidate)) {
    return { url: null, error: `must be an http:// or https:// address, not "${candidate.split(':')[0]}:"` };
  }
  return { url: null, error: 'must be a web address such as https://example.org/page' };
}
