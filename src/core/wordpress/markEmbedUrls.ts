import escapeHtml from 'escape-html';

/**
 * The element the content passes put where an embed stood (`[embed]`, an oEmbed URL, a
 * `core/embed` block), for convertHtmlToBlocks to turn into a paragraph linking to the URL.
 * A name no HTML uses, so no markup of a post is taken for it by accident.
 */
export const EMBED_TAG = 'colophon-embed';

/** The marker for an embed of `url`, standing alone between blank lines so autop leaves it a block of its own. */
export function renderEmbedMarker(url: string): string {
  return `\n\n<${EMBED_TAG} url="${escapeHtml(url)}"></${EMBED_TAG}>\n\n`;
}

// WP_Embed::autoembed (wp-includes/class-wp-embed.php): "Find URLs on their own line" and
// "Find URLs in their own paragraph", the same two patterns.
const URL_ON_ITS_OWN_LINE = /^(\s*)(https?:\/\/[^\s<>"]+)(\s*)$/gim;
const URL_IN_ITS_OWN_PARAGRAPH = /(<p(?: [^>]*)?>\s*)(https?:\/\/[^\s<>"]+)(\s*<\/p>)/gi;

/**
 * Replaces the URLs WordPress would have turned into embeds with embed markers: a URL alone
 * in a `<p>`, and, with `ownLines` (classic content, before autop), a URL alone on its line.
 * WordPress embeds such a URL when a provider answers for it (and, since 4.4, any site that
 * offers oEmbed discovery), which an import cannot ask; every such URL is taken for an embed
 * and becomes a link, so nothing is lost either way. Returns the HTML with markers.
 */
export function markEmbedUrls(html: string, options: { ownLines: boolean }): string {
  let marked = html.replace(URL_IN_ITS_OWN_PARAGRAPH, (_match, _open: string, url: string) => renderEmbedMarker(url));
  if (options.ownLines) marked = marked.replace(URL_ON_ITS_OWN_LINE, (_match, _before: string, url: string) => renderEmbedMarker(url));
  return marked;
}
