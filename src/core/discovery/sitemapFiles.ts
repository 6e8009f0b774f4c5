/**
 * The sitemaps Colophon serves, by file name: `index.xml` (the sitemap index), `news.xml` (the
 * Google News sitemap), and one `<type>-<locale>-<page>.xml` per content type, locale and page
 * (`articles-fr-1.xml`), where type is the content type's plural name. The same names serve
 * under `/api/sitemap/` and, behind a frontend's proxy, as `sitemap-<name>` at its public base URL.
 */
export type SitemapFile = { kind: 'index' } | { kind: 'news' } | { kind: 'urlset'; type: string; locale: string; page: number };

/** What the name `file` is, given the types (plural names) and locale codes that exist; null for none of them. */
export function parseSitemapFile(file: string, types: readonly string[], locales: readonly string[]): SitemapFile | null {
  if (file === 'index.xml') return { kind: 'index' };
  if (file === 'news.xml') return { kind: 'news' };
  const match = /^(.+)-([1-9][0-9]{0,8})\.xml$/.exec(file);
  if (!match) return null;
  const [, stem, page] = match;
  // Types and locales may both hold hyphens (`blog-posts`, `pt-br`): try every known pair.
  for (const type of types) {
    if (!stem.startsWith(`${type}-`)) continue;
    const wanted = stem.slice(type.length + 1);
    const locale = locales.find((code) => code.toLowerCase() === wanted.toLowerCase());
    if (locale) return { kind: 'urlset', type, locale, page: Number(page) };
  }
  return null;
}

/** The file name of one page of a type's sitemap in a locale (pages count from 1); parseSitemapFile reads it back. */
export function sitemapFileName(type: string, locale: string, page: number): string {
  return `${type}-${locale.toLowerCase()}-${page}.xml`;
}

/** The sitemaps.org limits of one sitemap file: 50 000 URLs and 50 MB (52 428 800 bytes) uncompressed. */
export const SITEMAP_MAX_URLS = 50_000;
export const SITEMAP_MAX_BYTES = 50 * 1024 * 1024;

/**
 * An upper estimate of the bytes one `<url>` entry takes: its `<loc>` and `<lastmod>`, and
 * `alternates` `<xhtml:link>` lines, each holding a URL like its own. `urlLength` counts
 * UTF-16 units; percent-encoding turns each into at most 9 bytes (a 3-byte UTF-8 character),
 * so the estimate takes the worst case for any non-ASCII character.
 */
export function estimateEntryBytes(url: string, alternates: number): number {
  let encoded = 0;
  for (let index = 0; index < url.length; index += 1) encoded += url.charCodeAt(index) < 0x80 ? 1 : 9;
  // <url><loc>…</loc><lastmod>2026-12-05T10:00:00.000Z</lastmod></url> and
  // <xhtml:link rel="alternate" hreflang="zh-Hant-TW" href="…"/>, with room for XML escapes.
  return 90 + encoded * 1.2 + alternates * (70 + encoded * 1.5);
}

/**
 * Splits a stream of entries into sitemap pages: a new page begins before the entry that would
 * take the current one past `maxUrls` entries or `maxBytes` estimated bytes. Feed it the
 * entries in the order they are listed; `add` returns the page (from 1) the entry falls on.
 */
export class SitemapPager {
  page = 1;
  private urls = 0;
  private bytes = 0;

  constructor(private readonly maxUrls = SITEMAP_MAX_URLS, private readonly maxBytes = SITEMAP_MAX_BYTES - 64 * 1024) {}

  add(entryBytes: number): number {
    if (this.urls > 0 && (this.urls + 1 > this.maxUrls || this.bytes + entryBytes > this.maxBytes)) {
      this.page += 1;
      this.urls = 0;
      this.bytes = 0;
    }
    this.urls += 1;
    this.bytes += entryBytes;
    return this.page;
  }
}
