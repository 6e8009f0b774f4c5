import { MAX_PATH_LENGTH } from '../trail/readRequestedPath';

export interface OldPathsInput {
  /** The thing's `<link>` in the export: its permalink, absolute. */
  link: string;
  /** Where the old site lived (`wp:base_blog_url`, `wp:base_site_url`, the channel's link). */
  siteUrls: string[];
  kind: 'post' | 'category';
  /** `wp:post_id` or `wp:term_id`. */
  id: number;
  /** Every `_wp_old_slug` of a post, as WordPress stored them (percent-encoded when not Latin). */
  oldSlugs?: string[];
  /** The thing's slug as WordPress wrote it: `wp:post_name` of a post, `wp:category_nicename` of a category. */
  nicename?: string;
}

// WordPress's query forms that name a thing by id, which every permalink structure still
// answers (wp-includes/class-wp.php reads them before the rewrite rules' result).
const ID_QUERIES = ['p', 'page_id', 'cat', 'attachment_id'] as const;
const UNRESERVED = /[A-Za-z0-9\-._~]/;
const PLACEHOLDER_BASE = 'http://placeholder.invalid';

/**
 * Every old URL that must redirect to an imported post or category, as paths in Colophon's
 * redirect form (see normalizeOldPath), first the permalink's:
 *
 * 1. The permalink's path from the host root, whatever the permalink structure
 *    (`/2017/09/29/slug`, `/slug`, `/archives/123`, `/category/parent/child`) and wherever
 *    the site lives (`https://example.org/news/slug/` gives `/news/slug`: the frontend serves
 *    the same host). A link on another host than `siteUrls` still gives its path.
 * 2. For each old slug (`_wp_old_slug`, which WordPress's wp_old_slug_redirect() follows), the
 *    permalink with its last segment replaced by it, but only when that last segment is the
 *    thing's own slug (`nicename`, compared once both are normalised; a suffix such as
 *    `.html` after it is kept), so `/archives/123` gets none; without `nicename`, none.
 * 3. The query form WordPress answers for any structure: `/?p=<id>` for a post,
 *    `/?cat=<id>` for a category, under each site URL's path (`/news/?p=<id>` for a site
 *    under /news/; `/?p=<id>` when no site URL is given).
 *
 * The site's root ("/") is never planned: a redirect there would take over the home page.
 * A link that is not an http(s) URL or a path from the root gives nothing for 1 and 2; an
 * `id` that is not a positive integer gives nothing for 3. Never throws; no duplicates.
 */
export function planOldPaths(input: OldPathsInput): string[] {
  const paths: string[] = [];
  const add = (path: string | null) => {
    if (path && path !== '/' && !paths.includes(path)) paths.push(path);
  };

  const permalink = normalizeOldPath(typeof input.link === 'string' ? input.link : '');
  add(permalink);

  if (permalink && !permalink.includes('?') && typeof input.nicename === 'string' && input.nicename !== '') {
    const cut = permalink.lastIndexOf('/');
    const lastSegment = permalink.slice(cut + 1);
    const slug = normalizeSegment(input.nicename);
    // Structures like "/%postname%.html" put a suffix after the slug.
    const suffix = lastSegment.startsWith(slug) ? lastSegment.slice(slug.length) : null;
    if (slug !== '' && suffix !== null && /^(?:\.[A-Za-z0-9]{1,8})?$/.test(suffix)) {
      for (const oldSlug of input.oldSlugs ?? []) {
        if (typeof oldSlug !== 'string') continue;
        const segment = normalizeSegment(oldSlug.trim().replace(/^\/+|\/+$/g, ''));
        if (segment !== '' && !segment.includes('%2F')) add(withinLimit(`${permalink.slice(0, cut)}/${segment}${suffix}`));
      }
    }
  }

  if (Number.isSafeInteger(input.id) && input.id > 0) {
    const query = `${input.kind === 'category' ? 'cat' : 'p'}=${input.id}`;
    const homes = (input.siteUrls ?? []).map(homePath).filter((home): home is string => home !== null);
    for (const home of homes.length > 0 ? homes : ['']) add(`${home}/?${query}`);
  }
  return paths;
}

/**
 * A path or URL in the one form Colophon keeps old WordPress URLs in, or null when it is
 * none: the path from the host root (scheme, host and fragment dropped), dot segments
 * resolved, empty segments and the trailing slash removed ("/" for the root), and each
 * segment's percent-encoding normalised as RFC 3986 §6.2.2 describes: bytes of unreserved
 * characters (A–Z a–z 0–9 - . _ ~) decoded, every other byte percent-encoded with upper-case
 * hex (non-ASCII as its UTF-8 bytes), so `%d0%bf`, `%D0%BF` and a raw `п` give `%D0%BF`. An
 * encoded "/" (`%2F`) stays encoded: it is not a segment boundary. A query naming a thing by
 * id, as WordPress reads it (`p`, `page_id`, `cat`, `attachment_id`, the first one present in
 * that order), is kept as `<path>/?<key>=<id>` (`/?p=123`, `/news/?p=123`); any other query
 * is dropped, and `/index.php?p=1` is `/?p=1`. Accepts an absolute http(s) URL or a path
 * starting with "/" (`//a/b` is the path `/a/b`, as readRequestedPath reads it, not a host
 * `a`). Null for anything else (a control character included),
 * or when the result would be longer than a stored path may be (MAX_PATH_LENGTH).
 * Idempotent. Never throws.
 */
export function normalizeOldPath(pathOrUrl: string): string | null {
  if (typeof pathOrUrl !== 'string') return null;
  const raw = pathOrUrl.trim();
  if (raw === '' || /[\u0000-\u001f\u007f]/.test(raw)) return null;
  if (!/^https?:\/\//i.test(raw) && !raw.startsWith('/')) return null;
  let url: URL;
  try {
    // "//a/b" asked of the resolver is a path with an empty segment, as readRequestedPath reads it, not a host.
    url = new URL(raw.startsWith('/') ? `${PLACEHOLDER_BASE}${raw}` : raw);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;

  const segments = url.pathname
    .split('/')
    .filter((segment) => segment !== '')
    .map(normalizeSegment)
    .filter((segment) => segment !== '');
  const idQuery = readIdQuery(url.search);
  if (idQuery && segments[segments.length - 1] === 'index.php') segments.pop();
  const path = `/${segments.join('/')}`;
  if (!idQuery) return withinLimit(path);
  return withinLimit(`${path === '/' ? '' : path}/?${idQuery}`);
}

function withinLimit(path: string): string | null {
  return path.length <= MAX_PATH_LENGTH ? path : null;
}

/** `key=<id>` for the first id query WordPress would read, or null. */
function readIdQuery(search: string): string | null {
  if (search === '' || search === '?') return null;
  let params: URLSearchParams;
  try {
    params = new URLSearchParams(search);
  } catch {
    return null;
  }
  for (const key of ID_QUERIES) {
    const value = params.get(key)?.trim();
    // WordPress casts with absint(); "12abc" is 12 there, but no link it writes looks like that.
    if (value && /^\d{1,15}$/.test(value) && Number(value) > 0) return `${key}=${Number(value)}`;
  }
  return null;
}

/** One path segment with its percent-encoding normalised (RFC 3986 §6.2.2.1 and §6.2.2.2). */
function normalizeSegment(segment: string): string {
  const bytes: number[] = [];
  const encoder = new TextEncoder();
  for (let i = 0; i < segment.length; ) {
    const ch = segment[i];
    if (ch === '%' && /^[0-9A-Fa-f]{2}$/.test(segment.slice(i + 1, i + 3))) {
      bytes.push(parseInt(segment.slice(i + 1, i + 3), 16));
      i += 3;
      continue;
    }
    const codePoint = segment.codePointAt(i)!;
    const char = String.fromCodePoint(codePoint);
    // A lone surrogate has no UTF-8 form; TextEncoder would write U+FFFD for it, as a browser does.
    bytes.push(...encoder.encode(char));
    i += char.length;
  }
  let out = '';
  for (const byte of bytes) {
    const char = String.fromCharCode(byte);
    out += byte < 0x80 && UNRESERVED.test(char) ? char : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

/** The path of a site URL without its trailing slash ('' for a site at the root), or null when it is no URL. */
function homePath(siteUrl: string): string | null {
  if (typeof siteUrl !== 'string' || !/^https?:\/\//i.test(siteUrl.trim())) return null;
  const path = normalizeOldPath(siteUrl.trim().replace(/[?#].*$/s, ''));
  if (path === null) return null;
  return path === '/' ? '' : path;
}
