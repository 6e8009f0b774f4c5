import { autop } from '@wordpress/autop';
import type { LostTally } from './countLost';
import { expandShortcodes, type ShortcodeOptions } from './expandShortcodes';
import { markEmbedUrls } from './markEmbedUrls';

/**
 * The HTML a classic post (or a classic chunk of a block post: a freeform block, a
 * core/shortcode block) displays, in the order WordPress's `the_content` filters run:
 * autoembed (priority 8) turns URLs alone on a line or in a paragraph into embed markers,
 * then WordPress's own autop (@wordpress/autop, the port of wpautop) makes paragraphs of
 * blank lines and `<br />` of single newlines. Shortcodes are expanded before autop, not
 * after as do_shortcode (priority 11) is: WordPress then needs shortcode_unautop to mend the
 * paragraphs autop wrapped around them, while expanded first into block HTML (`<figure>`,
 * `<audio>`) they come out of autop whole. Counts what the shortcodes lose in `lost`.
 */
export function prepareClassicHtml(content: string, lost: LostTally, options: ShortcodeOptions = {}): string {
  const expanded = expandShortcodes(markEmbedUrls(content, { ownLines: true }), lost, options);
  return expanded.trim() === '' ? '' : autop(expanded);
}
