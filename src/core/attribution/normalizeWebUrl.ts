/** The outcome of reading a URL an editor typed: `url` null and no `error` means "no URL". */
export interface NormalizedUrl {
  url: string | null;
  error?: string;
}

export interface WebUrlOptions {
  /** Whether a query (`?…`) may follow the path. Default true; false for a base URL that paths are appended to. */
  allowQuery?: boolean;
  /** Whether a fragment (`#…`) may end the URL. Default true; false for a base URL. */
  allowFragment?: boolean;
  /** Whether a host name without a scheme (`www.rt.com/…`) gets `https://`. Default true. */
  completeScheme?: boolean;
}

/** A truncated URL would link somewhere else, so a longer one is refused rather than cut. */
export const URL_MAX_LENGTH = 2048;

// A bare host name, optionally with a port and a path, query or fragment: what an editor
// copies from the address bar of a browser that hides the scheme ("www.rt.com/news/…").
// Labels may be internationalised (IDN); the top-level label must hold a letter.
const HOST_NAME = /^(?:[\p{L}\p{N}](?:[\p{L}\p{N}-]*[\p{L}\p{N}])?\.)+[\p{L}][\p{L}\p{N}-]*(?::\d{1,5})?(?:[/?#]\S*)?$/u;
// Whitespace or control characters inside a URL mean it was pasted badly (two URLs in one
// field, a line break) or crafted: the URL parser would drop tabs and newlines silently.
const BLANK_OR_CONTROL = /[\s\p{Cc}]/u;
// A UTF-16 code unit that is half of a pair on its own: not text, and the parser would turn it
// into U+FFFD, a different address from the one the editor meant.
const LONE_SURROGATE = /\p{Cs}/u;
const SCHEME = /^([a-z][a-z0-9+.-]*):/i;

/**
 * Reads a URL field as an editor (or a client, or code) filled it in, and gives the one form
 * it is stored and shown in. The same function serves every URL field of every type.
 *
 * - `""`, blanks, null and undefined: `{ url: null }`, no URL given.
 * - An absolute http(s) URL with a host: `{ url }`, the serialisation of the WHATWG URL
 *   Standard (https://url.spec.whatwg.org/#url-serializing): scheme and host in lower case,
 *   an internationalised host in its ASCII (Punycode) form as UTS #46 gives it, the default
 *   port dropped, and every character outside the Standard's allowed sets (non-ASCII, spaces
 *   already refused, and invisible ones such as the bidi override U+202E) percent-encoded.
 *   The result is plain printable ASCII, so it cannot display otherwise than it reads (a
 *   `…/gpj\u202E.exe` becomes `…/gpj%E2%80%AE.exe`, not `…/exe.jpg`). The one departure:
 *   the "/" of an empty path is left off when nothing follows it (`https://example.org`),
 *   as origins are written. The URL Standard also reads `https:/rt.com` and `https:rt.com`
 *   as `https://rt.com`, as a browser does; they are stored that way.
 * - A host name without a scheme (`www.rt.com/…`, `rt.com/…`), unless
 *   `completeScheme: false`: the same with `https://` in front; the scheme-less paste is the
 *   most common editor mistake and https is what the web serves.
 * - `{ url: null, error }`, with a reason an editor can act on and to be shown after the
 *   field's name, for anything else: a value that is not a string; a scheme other than http
 *   and https (`javascript:`, `data:`, `ftp:`); no host; a user name or password
 *   (`https://user:secret@…` would publish a secret, and `https://bank.example@evil.test`
 *   is a classic disguise); whitespace or control characters inside; a lone surrogate
 *   (not well-formed Unicode); a query or fragment where the options forbid them; more
 *   than URL_MAX_LENGTH characters once serialised.
 *
 * Normalising a result again gives it back unchanged.
 */
export function normalizeWebUrl(value: unknown, options: WebUrlOptions = {}): NormalizedUrl {
  if (value === null || value === undefined) return { url: null };
  if (typeof value !== 'string') return { url: null, error: 'must be a web address (text)' };
  const candidate = value.trim();
  if (candidate === '') return { url: null };
  if (LONE_SURROGATE.test(candidate)) return { url: null, error: 'is not well-formed Unicode (it holds a lone surrogate)' };
  if (BLANK_OR_CONTROL.test(candidate)) return { url: null, error: 'must not contain spaces or control characters' };

  const scheme = SCHEME.exec(candidate)?.[1].toLowerCase();
  let parsed: URL | null = null;
  if (scheme === 'http' || scheme === 'https') parsed = parse(candidate);
  // Tried before the scheme test: "example.org:8080/…" would read as the scheme "example.org".
  else if (options.completeScheme !== false && HOST_NAME.test(candidate)) parsed = parse(`https://${candidate}`);
  // "localhost:1337" is a host and a port that lack a scheme, not a scheme of their own.
  else if (scheme && !/^\d+(?:[/?#]|$)/.test(candidate.slice(scheme.length + 1))) {
    return { url: null, error: `must be an http:// or https:// address, not "${scheme}:"` };
  }
  if (!parsed) return { url: null, error: 'must be a web address such as https://example.org/page' };
  return judge(parsed, options);
}

function parse(candidate: string): URL | null {
  try {
    return new URL(candidate);
  } catch {
    return null;
  }
}

function judge(parsed: URL, options: WebUrlOptions): NormalizedUrl {
  if (parsed.hostname === '') return { url: null, error: 'must name a host, as in https://example.org/page' };
  if (parsed.username !== '' || parsed.password !== '') {
    return { url: null, error: 'must not hold a user name or password (user:password@)' };
  }
  const href = parsed.href;
  // `search` and `hash` are "" for an empty query or fragment, yet "?" and "#" are still there.
  const afterPath = href.slice(parsed.origin.length + parsed.pathname.length);
  if (options.allowQuery === false && afterPath.startsWith('?')) return { url: null, error: 'must not have a query (?…)' };
  if (options.allowFragment === false && afterPath.includes('#')) return { url: null, error: 'must not have a fragment (#…)' };
  const url = parsed.pathname === '/' && afterPath === '' ? parsed.origin : href;
  if (url.length > URL_MAX_LENGTH) return { url: null, error: `must be at most ${URL_MAX_LENGTH} characters long` };
  return { url };
}
