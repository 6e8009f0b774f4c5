import { parse } from '@wordpress/block-serialization-default-parser';
import { convertHtmlToBlocks } from './convertHtmlToBlocks';
import type { LostTally } from './countLost';
import type { ShortcodeOptions } from './expandShortcodes';
import { prepareClassicHtml } from './prepareClassicHtml';
import { renderParsedBlock } from './renderParsedBlock';
import type { BlockNode, ImagePlaceholder } from './types';

export type ConvertContentOptions = ShortcodeOptions;

export interface ConvertedContent {
  /** Strapi blocks and, where images stood, placeholders for the wiring to upload. */
  blocks: Array<BlockNode | ImagePlaceholder>;
  /** What the blocks could not hold, counted by kind (see convertHtmlToBlocks and expandShortcodes). */
  lost: LostTally;
}

/**
 * A WordPress post's `content:encoded` as Strapi 5 rich text (`type: "blocks"`).
 *
 * Content with block delimiters (`<!-- wp:`) is parsed with
 * @wordpress/block-serialization-default-parser, and each top-level block becomes HTML
 * (renderParsedBlock); classic content, and the freeform chunks of a block post, go through
 * WordPress's autoembed, shortcodes and autop first (prepareClassicHtml), since a classic post
 * stores no `<p>`. The HTML then becomes blocks (convertHtmlToBlocks): paragraph, heading,
 * list (nested lists inside), quote and code nodes with bold, italic, underline,
 * strikethrough and code marks and links, shaped as @strapi/core's blocks validator accepts
 * them, and `wordpress-image` placeholders at the top level in document order.
 *
 * Nothing of the post's text is dropped except script and style; what blocks cannot hold
 * (tables, embeds, galleries, media, dynamic blocks, unknown shortcodes, refused links)
 * keeps its text where it has any and is counted in `lost`: `{ table: 1, embed: 2,
 * 'core/latest-posts': 1, 'shortcode:contact-form-7': 1 }`. An empty or non-string content
 * gives no blocks. Never throws: odd markup is repaired as a browser would.
 */
export function convertContentToBlocks(content: string, options: ConvertContentOptions = {}): ConvertedContent {
  const lost: LostTally = {};
  if (typeof content !== 'string' || content.trim() === '') return { blocks: [], lost };
  if (!content.includes('<!-- wp:')) {
    return { blocks: convertHtmlToBlocks(prepareClassicHtml(content, lost, options), lost), lost };
  }
  // One top-level block at a time, so markup a block leaves unclosed cannot swallow the next.
  const blocks = parse(content).flatMap((block) => convertHtmlToBlocks(renderParsedBlock(block, lost, options), lost));
  return { blocks, lost };
}
