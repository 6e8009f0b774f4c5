import escapeHtml from 'escape-html';
import { DomUtils, parseDocument } from 'htmlparser2';
import { countLost, type LostTally } from './countLost';
import { renderEmbedMarker } from './markEmbedUrls';

/** An attachment of the export (`wp:post_type` attachment) as a gallery needs it. */
export interface AttachmentImage {
  /** `wp:attachment_url`. */
  src: string;
  alt?: string;
  caption?: string;
}

export interface ShortcodeOptions {
  /**
   * Finds an attachment by its `wp:post_id`, for `[gallery ids="…"]`, which names images only
   * by id. Without it, or when an id is not found, the gallery is counted in `lost`.
   */
  resolveAttachment?: (attachmentId: number) => AttachmentImage | null;
}

// The opening tag of WordPress's get_shortcode_regex (wp-includes/shortcodes.php): "[",
// an optional second "[" that escapes it, the name, attributes (a "/" only when no "]"
// follows), then "/]" or "]", and an optional "]" closing the escape. Names must start with
// a letter here, so "[1]" (a footnote) is never read as one.
const OPENING_TAG = /\[(\[?)([A-Za-z][\w-]*)(?![\w-])((?:[^[\]/]|\/(?!\]))*)(\/?)\](\]?)/g;

// shortcode_parse_atts (wp-includes/shortcodes.php): name="value", name='value', name=value,
// then positional "value", 'value' and bare values. Names are lower-cased, as there.
const ATTRIBUTE = /([\w-]+)\s*=\s*"([^"]*)"(?:\s|$)|([\w-]+)\s*=\s*'([^']*)'(?:\s|$)|([\w-]+)\s*=\s*([^\s'"]+)(?:\s|$)|"([^"]*)"(?:\s|$)|'([^']*)'(?:\s|$)|(\S+)(?:\s|$)/g;

/** Shortcodes WordPress itself registers, read even without attributes or a closing tag. */
const CORE_SHORTCODES = new Set(['caption', 'wp_caption', 'gallery', 'embed', 'audio', 'video', 'playlist']);
/** Embed shortcodes of WordPress.com and Jetpack that name a URL. */
const EMBED_SHORTCODES = new Set(['youtube', 'vimeo', 'dailymotion', 'soundcloud', 'tweet', 'twitter', 'instagram', 'facebook', 'spotify', 'ted']);
const AUDIO_SOURCES = ['src', 'mp3', 'm4a', 'ogg', 'wav', 'wma', 'flac'];
const VIDEO_SOURCES = ['src', 'mp4', 'm4v', 'webm', 'ogv', 'wmv', 'flv'];

interface Shortcode {
  name: string;
  attributes: Record<string, string>;
  /** Positional (unnamed) attribute values, in order. */
  values: string[];
  /** The text between the opening and closing tags, or null for a self-closing shortcode. */
  content: string | null;
}

function parseAttributes(text: string): Pick<Shortcode, 'attributes' | 'values'> {
  const attributes: Record<string, string> = {};
  const values: string[] = [];
  const source = text.replace(/[\u00a0\u200b]+/g, ' ');
  for (const match of source.matchAll(ATTRIBUTE)) {
    if (match[1] !== undefined) attributes[match[1].toLowerCase()] = match[2];
    else if (match[3] !== undefined) attributes[match[3].toLowerCase()] = match[4];
    else if (match[5] !== undefined) attributes[match[5].toLowerCase()] = match[6];
    else values.push(match[7] ?? match[8] ?? match[9]);
  }
  return { attributes, values };
}

/** An attribute's value with its entities decoded once (and any raw tag in it dropped). */
function decodeAttribute(value: string): string {
  return DomUtils.textContent(parseDocument(value));
}

// img_caption_shortcode (wp-includes/media.php): without a `caption` attribute, the caption
// is what follows the image (or the link around it) inside the shortcode.
const IMAGE_THEN_CAPTION = /((?:<a [^>]+>\s*)?<img [^>]+>(?:\s*<\/a>)?)(.*)/is;

function renderCaption(shortcode: Shortcode, expand: (text: string) => string): string {
  let body = shortcode.content ?? '';
  let caption: string;
  if (shortcode.attributes.caption !== undefined) {
    // Before WordPress 3.4 the caption was an attribute, its markup written with entities
    // (`caption="Photo &lt;a href=…&gt;AFP&lt;/a&gt;"`): decoded once, it is markup again.
    caption = decodeAttribute(shortcode.attributes.caption);
  } else {
    const split = IMAGE_THEN_CAPTION.exec(body);
    caption = split ? expand(split[2].trim()) : '';
    if (split) body = split[1];
  }
  const id = shortcode.attributes.id ? ` id="${escapeHtml(shortcode.attributes.id)}"` : '';
  return `\n\n<figure${id}>${expand(body)}<figcaption>${caption}</figcaption></figure>\n\n`;
}

function renderGallery(shortcode: Shortcode, lost: LostTally, options: ShortcodeOptions): string {
  const ids = (shortcode.attributes.ids ?? shortcode.attributes.include ?? '')
    .split(',')
    .map((id) => Number.parseInt(id.trim(), 10))
    .filter((id) => Number.isInteger(id) && id > 0);
  const images = options.resolveAttachment ? ids.map((id) => ({ id, image: options.resolveAttachment!(id) })) : [];
  // A gallery without ids shows every image attached to the post, which the content does not name.
  if (ids.length === 0 || images.length < ids.length || images.some(({ image }) => !image?.src)) countLost(lost, 'gallery');
  const figures = images
    .filter(({ image }) => image?.src)
    .map(({ id, image }) => {
      const img = `<img src="${escapeHtml(image!.src)}" alt="${escapeHtml(image!.alt ?? '')}" class="wp-image-${id}">`;
      return `<figure id="attachment_${id}">${img}<figcaption>${escapeHtml(image!.caption ?? '')}</figcaption></figure>`;
    });
  return figures.length > 0 ? `\n\n<div class="gallery">${figures.join('')}</div>\n\n` : '\n\n';
}

function renderMedia(tag: 'audio' | 'video', shortcode: Shortcode, sources: string[]): string {
  const src = sources.map((name) => shortcode.attributes[name]).find((value) => value !== undefined && value.trim() !== '');
  return `\n\n<${tag}${src ? ` src="${escapeHtml(src.trim())}"` : ''}></${tag}>\n\n`;
}

function findEmbedUrl(shortcode: Shortcode): string | null {
  const candidates = [shortcode.content ?? '', shortcode.attributes.url ?? '', shortcode.attributes.src ?? '', ...shortcode.values];
  const url = candidates.map((value) => value.trim()).find((value) => /^https?:\/\/\S+$/i.test(value));
  return url ?? null;
}

/** Whether `[name …]` is a shortcode rather than prose in brackets ("[sic]", "[Mise à jour]"). */
function isShortcode(shortcode: Shortcode, selfClosing: boolean): boolean {
  const name = shortcode.name.toLowerCase();
  if (CORE_SHORTCODES.has(name) || EMBED_SHORTCODES.has(name)) return true;
  return selfClosing || shortcode.content !== null || Object.keys(shortcode.attributes).length > 0;
}

/**
 * Turns WordPress shortcodes into the HTML convertHtmlToBlocks reads, as do_shortcode would
 * have rendered them:
 * - `[caption id="attachment_12" …]<img …> The caption[/caption]` and the older
 *   `[caption caption="The caption" …]<img …>[/caption]` (also `[wp_caption]`) →
 *   `<figure id="attachment_12"><img …><figcaption>The caption</figcaption></figure>`;
 * - `[gallery ids="1,2"]` → a figure per image found by `options.resolveAttachment`; any
 *   image not found, or a gallery without ids, counts `gallery` in `lost`;
 * - `[embed]URL[/embed]` and Jetpack's `[youtube URL]`, `[vimeo URL]`… → an embed marker;
 * - `[audio src=…]`, `[video mp4=…]`, `[playlist]` → `<audio>`/`<video>` (counted as media
 *   by convertHtmlToBlocks);
 * - any other shortcode counts `shortcode:<name>`; its brackets go and its inner content
 *   stays. Brackets that name no attribute, close nothing and are not self-closing
 *   ("[sic]", "[…]", "[1]") are prose, as WordPress leaves an unregistered name, and stay
 *   as written.
 * `[[name]]` is WordPress's escape: it stays as the text `[name]`. Never throws.
 */
export function expandShortcodes(content: string, lost: LostTally, options: ShortcodeOptions = {}): string {
  const expand = (text: string): string => {
    let output = '';
    let position = 0;
    const opening = new RegExp(OPENING_TAG.source, 'g');
    let match: RegExpExecArray | null;
    while ((match = opening.exec(text)) !== null) {
      const [whole, escapeOpen, name, attributeText, selfClosing, escapeClose] = match;
      const start = match.index;
      let end = start + whole.length;
      let shortcodeContent: string | null = null;
      // With "]]" the second "]" closes the escape; otherwise an enclosing shortcode runs to its closing tag.
      if (!selfClosing && !escapeClose) {
        const closing = text.indexOf(`[/${name}]`, end);
        if (closing !== -1) {
          shortcodeContent = text.slice(end, closing);
          end = closing + name.length + 3;
        }
      }
      const shortcode: Shortcode = { name, content: shortcodeContent, ...parseAttributes(attributeText) };
      if (!isShortcode(shortcode, selfClosing === '/')) {
        opening.lastIndex = start + 1;
        continue;
      }
      const escaped = escapeOpen === '[' && (escapeClose === ']' || text[end] === ']');
      if (escaped) {
        const closeEscape = escapeClose === ']' ? 0 : 1;
        output += text.slice(position, start) + text.slice(start + 1, end + closeEscape - 1);
        position = end + closeEscape;
        opening.lastIndex = position;
        continue;
      }
      // A lone extra bracket on either side stays, as do_shortcode_tag keeps it.
      output += text.slice(position, start) + escapeOpen + renderShortcode(shortcode, lost, options, expand) + escapeClose;
      position = end;
      opening.lastIndex = position;
    }
    return output + text.slice(position);
  };
  return expand(content);
}

function renderShortcode(shortcode: Shortcode, lost: LostTally, options: ShortcodeOptions, expand: (text: string) => string): string {
  const name = shortcode.name.toLowerCase();
  switch (name) {
    case 'caption':
    case 'wp_caption':
      return renderCaption(shortcode, expand);
    case 'gallery':
      return renderGallery(shortcode, lost, options);
    case 'audio':
      return renderMedia('audio', shortcode, AUDIO_SOURCES);
    case 'video':
      return renderMedia('video', shortcode, VIDEO_SOURCES);
    case 'playlist':
      return renderMedia(shortcode.attributes.type === 'video' ? 'video' : 'audio', shortcode, []);
    default:
      break;
  }
  if (name === 'embed' || EMBED_SHORTCODES.has(name)) {
    const url = findEmbedUrl(shortcode);
    if (url) return renderEmbedMarker(url);
    if (name === 'embed') {
      countLost(lost, 'embed');
      return '';
    }
  }
  countLost(lost, `shortcode:${shortcode.name}`);
  return shortcode.content === null ? '' : expand(shortcode.content);
}
