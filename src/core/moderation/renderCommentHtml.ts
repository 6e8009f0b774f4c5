import escapeHtml from 'escape-html';
import { findLinks } from './findLinks';

// Tabs and line breaks are layout; any other control character is noise.
const CONTROL_EXCEPT_LAYOUT = /[^\P{Cc}\n\t]/gu;

function renderParagraph(paragraph: string): string {
  let html = '';
  let cursor = 0;
  for (const link of findLinks(paragraph)) {
    html += escapeHtml(paragraph.slice(cursor, link.index));
    // findLinks only yields http(s) URLs, so no javascript: href can get here.
    html += `<a href="${escapeHtml(link.url)}" rel="nofollow ugc noopener">${escapeHtml(link.text)}</a>`;
    cursor = link.lastIndex;
  }
  html += escapeHtml(paragraph.slice(cursor));
  return `<p>${html.replace(/\n/g, '<br>')}</p>`;
}

/**
 * Turns a reader's plain-text comment into HTML. Readers get paragraphs, line
 * breaks and clickable links, and nothing else: any markup they type is shown
 * as text. "nofollow ugc" tells search engines not to reward links left in comments.
 */
export function renderCommentHtml(body: string): string {
  if (typeof body !== 'string') return '';
  const text = body.replace(/\r\n?/g, '\n').replace(CONTROL_EXCEPT_LAYOUT, '');
  return text
    .split(/\n[ \t]*(?:\n[ \t]*)+/)
    .map((paragraph) => paragraph.trim())
    .filter((paragraph) => paragraph !== '')
    .map(renderParagraph)
    .join('\n');
}
