/**
 * A page's absolute URL as it goes into a sitemap or a feed: `baseUrl` + `path`, with the
 * path's non-ASCII characters (and spaces, quotes and the like) percent-encoded as UTF-8 and
 * an internationalized host name in punycode, by the WHATWG URL parser (sitemaps.org requires
 * URLs escaped per RFC 3986; XML escaping is the writer's job). Null when there is no base URL
 * or the result is not an http(s) URL.
 */
export function absoluteUrl(baseUrl: string | null | undefined, path: string): string | null {
  if (!baseUrl) return null;
  try {
    const url = new URL(`${baseUrl.replace(/\/+$/, '')}${path.startsWith('/') ? path : `/${path}`}`);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

/** An absolute URL percent-encoded as absoluteUrl encodes it; null for one the URL parser refuses. */
export function encodeUrl(url: string): string | null {
  try {
    return new URL(url).href;
  } catch {
    return null;
  }
}
