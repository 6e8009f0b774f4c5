import { createHash } from 'node:crypto';
import escapeHtml from 'escape-html';
import { renderJsonLdScript } from '../structured-data/renderJsonLdScript';
import { renderBlocks } from './renderBlocks';
import type { PreviewArticle } from './types';

const STYLE = [
  'body{font:17px/1.55 Georgia,serif;max-width:42rem;margin:0 auto;padding:0 1rem 3rem;color:#212134}',
  '.banner{font:600 14px/1.4 system-ui,sans-serif;background:#fdf4dc;border:1px solid #e9b949;color:#5c4100;padding:.6rem .9rem;margin:1rem 0 1.5rem;border-radius:4px}',
  'nav ol{list-style:none;padding:0;margin:0 0 1rem;font:14px system-ui,sans-serif;display:flex;flex-wrap:wrap;gap:.4rem}',
  'nav li+li::before{content:"›";margin-right:.4rem;color:#8e8ea9}',
  '.excerpt{font-size:1.15em;color:#4a4a6a}',
  'footer{border-top:1px solid #dcdce4;margin-top:2rem;padding-top:1rem;font-size:15px}',
  'img{max-width:100%}',
].join('');

const STYLE_HASH = `'sha256-${createHash('sha256').update(STYLE).digest('base64')}'`;

/**
 * The response headers the preview page needs, whatever its content:
 * - no script may run (JSON-LD is data, not script), its one style block is allowed by hash;
 * - only the admin on the same origin may frame it (the Content Manager's Preview opens it in
 *   an iframe), both in CSP and in X-Frame-Options for older browsers;
 * - never indexed, cached or leaked through a Referer, since its URL carries the token.
 */
export const PREVIEW_PAGE_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': [
    "default-src 'none'",
    `style-src ${STYLE_HASH}`,
    "img-src 'self' https: data:",
    "frame-ancestors 'self'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; '),
  'X-Frame-Options': 'SAMEORIGIN',
  'X-Robots-Tag': 'noindex, nofollow',
  'Cache-Control': 'no-store',
  'Referrer-Policy': 'no-referrer',
  'X-Content-Type-Options': 'nosniff',
};

function renderTrail(article: PreviewArticle): string {
  const crumbs = article.breadcrumbs ?? [];
  if (crumbs.length === 0) return '';
  const items = crumbs.map((crumb, index) => {
    const label = escapeHtml(crumb.label);
    const href = crumb.url || crumb.path;
    const current = index === crumbs.length - 1 ? ' aria-current="page"' : '';
    return href ? `<li><a href="${escapeHtml(href)}"${current}>${label}</a></li>` : `<li>${label}</li>`;
  });
  return `<nav aria-label="Breadcrumb"><ol>${items.join('')}</ol></nav>`;
}

function banner(article: PreviewArticle): string {
  return article.status === 'draft'
    ? 'Preview — draft, not published. Readers cannot see this version.'
    : 'Preview — the published version.';
}

/**
 * The whole HTML document of an article's preview page: a banner saying it is a preview,
 * the trail as links, title, excerpt, body and cover caption, the attribution footer, and the
 * JSON-LD in a `<script type="application/ld+json">` block. Every value is escaped with
 * escape-html, except the footer, which the hook rendered from escaped parts
 * (core/attribution/renderAttribution) and which the page's CSP keeps inert in any case.
 * Send it with PREVIEW_PAGE_HEADERS.
 */
export function renderPreviewPage(article: PreviewArticle): string {
  const lang = escapeHtml(article.locale || 'en');
  const title = escapeHtml(article.title ?? '');
  const parts = [
    '<!doctype html>',
    `<html lang="${lang}">`,
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="robots" content="noindex, nofollow">',
    '<meta name="referrer" content="no-referrer">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>Preview: ${title}</title>`,
    `<style>${STYLE}</style>`,
    article.structuredData ? renderJsonLdScript(article.structuredData) : '',
    '</head>',
    '<body>',
    `<p class="banner" role="status">${escapeHtml(banner(article))}</p>`,
    renderTrail(article),
    '<article>',
    `<h1>${title}</h1>`,
    article.excerpt ? `<p class="excerpt">${escapeHtml(article.excerpt)}</p>` : '',
    article.coverCaption ? `<p class="caption"><small>${escapeHtml(article.coverCaption)}</small></p>` : '',
    renderBlocks(article.body),
    article.attributionHtml ? `<footer class="attribution">${article.attributionHtml}</footer>` : '',
    '</article>',
    '</body>',
    '</html>',
  ];
  return parts.filter(Boolean).join('\n');
}
