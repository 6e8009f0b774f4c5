import escapeHtml from 'escape-html';
import type { Alternate } from './alternates';

/** The opening of a sitemap page with hreflang alternates (sitemaps.org 0.9 `urlset`, the XHTML namespace for `xhtml:link`). */
export const URLSET_OPEN =
  '<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">\n';
export const URLSET_CLOSE = '</urlset>\n';

/** One listed page: its absolute, percent-encoded URL, its last change, and its alternates (absolute, percent-encoded). */
export interface UrlEntry {
  loc: string;
  lastmod: Date | null;
  alternates: readonly Alternate[];
}

/**
 * One `<url>` element of a sitemap page: `<loc>`, `<lastmod>` (W3C Datetime, UTC) and one
 * `<xhtml:link rel="alternate" hreflang=… href=…/>` per alternate, as Google reads hreflang in
 * sitemaps ("Localized versions of your pages", sitemap method). Every value is XML-escaped
 * (`&`, `<`, `>`, quotes); URLs must come percent-encoded (absoluteUrl), so they hold no
 * character XML forbids. Written by hand rather than through the sitemap package's streams:
 * those push every tag as a chunk of its own, which cost about 100 µs per URL in a profile of
 * a 40 000-URL page; this costs a few.
 */
export function renderUrlEntry(entry: UrlEntry): string {
  let xml = `<url><loc>${escapeHtml(entry.loc)}</loc>`;
  if (entry.lastmod) xml += `<lastmod>${entry.lastmod.toISOString()}</lastmod>`;
  for (const alternate of entry.alternates) {
    xml += `<xhtml:link rel="alternate" hreflang="${escapeHtml(alternate.hreflang)}" href="${escapeHtml(alternate.url)}"/>`;
  }
  return `${xml}</url>\n`;
}
