import type { parse } from '@wordpress/block-serialization-default-parser';
import { countLost, type LostTally } from './countLost';
import { expandShortcodes, type ShortcodeOptions } from './expandShortcodes';
import { markEmbedUrls, renderEmbedMarker } from './markEmbedUrls';
import { prepareClassicHtml } from './prepareClassicHtml';

/** A block as @wordpress/block-serialization-default-parser gives it. */
export type ParsedBlock = ReturnType<typeof parse>[number];

// Core blocks whose saved markup is their content: when it is empty, nothing was written,
// and nothing is lost. Any other block without markup is dynamic (rendered by PHP from its
// attributes or from other posts: core/latest-posts, core/archives, a reusable core/block).
const STATIC_BLOCKS = new Set([
  'core/paragraph', 'core/heading', 'core/list', 'core/list-item', 'core/quote', 'core/pullquote', 'core/code', 'core/preformatted',
  'core/verse', 'core/image', 'core/gallery', 'core/table', 'core/html', 'core/separator', 'core/spacer', 'core/more', 'core/nextpage',
  'core/group', 'core/columns', 'core/column', 'core/buttons', 'core/button', 'core/media-text', 'core/cover', 'core/audio', 'core/video',
  'core/file', 'core/details',
]);

const CAPTION = /<figcaption[^>]*>([\s\S]*?)<\/figcaption>/i;
const WEB_URL = /https?:\/\/[^\s<>"]+/i;

/**
 * An embed block keeps its URL in `attrs.url` and, as text, in its wrapper
 * (`<div class="wp-block-embed__wrapper">URL</div>`); WordPress 5.0 to 5.5 named them
 * `core-embed/<provider>`.
 */
function renderEmbed(block: ParsedBlock, lost: LostTally): string {
  const attributeUrl = typeof block.attrs?.url === 'string' ? block.attrs.url.trim() : '';
  const url = attributeUrl || (WEB_URL.exec(block.innerHTML.replace(CAPTION, ''))?.[0] ?? '');
  const caption = CAPTION.exec(block.innerHTML)?.[1] ?? '';
  const captionHtml = caption.trim() ? `<p>${caption}</p>` : '';
  if (!url) {
    countLost(lost, 'embed');
    return captionHtml;
  }
  return renderEmbedMarker(url) + captionHtml;
}

/**
 * The HTML one parsed block shows, its inner blocks in the places `innerContent` keeps for
 * them (null entries), following the block serialization spec
 * (https://developer.wordpress.org/block-editor/explanations/architecture/key-concepts/):
 * - a freeform block (null name, `core/freeform`) and `core/shortcode` are classic HTML,
 *   through prepareClassicHtml (autoembed, shortcodes, autop);
 * - `core/embed` and `core-embed/*` become an embed marker, and their caption a paragraph;
 * - a block with no markup and no inner blocks that is not a static core block is dynamic:
 *   counted in `lost` under its name (`core/latest-posts`), nothing to keep;
 * - any other block is its saved markup, with URLs alone in a paragraph marked as embeds and
 *   shortcodes expanded, as `the_content` does to a block post.
 * Never throws.
 */
export function renderParsedBlock(block: ParsedBlock, lost: LostTally, options: ShortcodeOptions = {}): string {
  const name = block.blockName;
  if (name === null || name === 'core/freeform' || name === 'core/shortcode') return prepareClassicHtml(block.innerHTML, lost, options);
  if (name === 'core/embed' || name.startsWith('core-embed/')) return renderEmbed(block, lost);
  if (block.innerBlocks.length === 0 && block.innerHTML.trim() === '' && !STATIC_BLOCKS.has(name)) {
    countLost(lost, name);
    return '';
  }
  let next = 0;
  return block.innerContent
    .map((chunk) => {
      if (chunk !== null) return expandShortcodes(markEmbedUrls(chunk, { ownLines: false }), lost, options);
      const inner = block.innerBlocks[next];
      next += 1;
      return inner ? renderParsedBlock(inner, lost, options) : '';
    })
    .join('');
}
