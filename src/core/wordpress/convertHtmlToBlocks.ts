import { DomUtils, parseDocument } from 'htmlparser2';
import { buildInlineNodes, readInlineText, type Marks, type Segment } from './buildInlineNodes';
import { countLost, type LostTally } from './countLost';
import { isStorableLinkUrl } from './isStorableLinkUrl';
import { EMBED_TAG } from './markEmbedUrls';
import type { BlockNode, ImagePlaceholder } from './types';

type Output = BlockNode | ImagePlaceholder;
type DomNode = ReturnType<typeof parseDocument>['children'][number];
type DomElement = Parameters<typeof DomUtils.getAttributeValue>[0];
type DomParent = { children: DomNode[] };

/** The image a `<figure>` (or a `[caption]`, which becomes one) holds: its caption and attachment. */
interface FigureContext {
  caption: string;
  attachmentId: number | null;
  captionElement: DomElement | null;
}

/** What inline content inherits from the elements around it. */
interface Inline {
  marks: Marks;
  href: string | null;
  preformatted: boolean;
  figure: FigureContext | null;
}

interface Walk {
  writer: BlockWriter;
  lost: LostTally;
}

type LeafType = 'paragraph' | 'heading' | 'code' | 'quote' | 'row' | 'item';

/** A block being filled with inline content. */
interface Leaf {
  type: LeafType;
  level?: number;
  language?: string;
  segments: Segment[];
  /** A block boundary was crossed inside an absorbing leaf: the next visible text starts a new line. */
  pendingBreak: boolean;
  /** Visible text was written since the leaf's last line start. */
  lineOpen: boolean;
}

/** A list being built; `item` is its open list-item, if any. */
interface ListFrame {
  type: 'list';
  node: BlockNode & { children: BlockNode[] };
  item: Leaf | null;
}

type Frame = Leaf | ListFrame;

const newLeaf = (type: LeafType, extra: Partial<Leaf> = {}): Leaf => ({ type, segments: [], pendingBreak: false, lineOpen: false, ...extra });

/**
 * Receives the walk's text, breaks and block boundaries and writes Strapi blocks in document
 * order. The stack holds either one leaf (a paragraph, heading, code block, quote or table
 * row at the top level) or the lists nested at that point: what opens inside a leaf is
 * absorbed into it, because blocks cannot nest anything but lists.
 */
class BlockWriter {
  private readonly output: Output[] = [];
  private readonly stack: Frame[] = [];
  /** Images met inside a list, written after it: splitting a list would restart its numbering. */
  private deferred: Output[] = [];

  private top(): Frame | undefined {
    return this.stack[this.stack.length - 1];
  }

  private leaf(): Leaf {
    const top = this.top();
    if (!top) {
      const paragraph = newLeaf('paragraph');
      this.stack.push(paragraph);
      return paragraph;
    }
    if (top.type === 'list') {
      top.item ??= newLeaf('item');
      return top.item;
    }
    return top;
  }

  text(text: string, inline: Inline): void {
    const visible = inline.preformatted ? text !== '' : /[^ \t\n\r\f]/.test(text);
    const top = this.top();
    // Whitespace between blocks renders as nothing and must not open a paragraph or an item.
    if (!visible && (!top || (top.type === 'list' && !top.item))) return;
    const leaf = this.leaf();
    if (visible) {
      if (leaf.pendingBreak) leaf.segments.push({ kind: 'break', marks: {}, href: null });
      leaf.pendingBreak = false;
      leaf.lineOpen = true;
    } else if (leaf.pendingBreak) {
      return;
    }
    leaf.segments.push({ kind: 'text', text, marks: inline.marks, href: inline.href, ...(inline.preformatted ? { preformatted: true } : {}) });
  }

  lineBreak(inline: Inline): void {
    const leaf = this.leaf();
    leaf.segments.push({ kind: 'break', marks: inline.marks, href: inline.href });
    leaf.pendingBreak = false;
    leaf.lineOpen = false;
  }

  /** " | " between two table cells of one line. */
  separator(): void {
    const leaf = this.leaf();
    leaf.segments.push({ kind: 'text', text: ' | ', marks: {}, href: null, separator: true });
    leaf.pendingBreak = false;
    leaf.lineOpen = false;
  }

  /** The edge of a block element: ends a paragraph, splits a heading, starts a new line in an absorbing leaf. */
  boundary(): void {
    const top = this.top();
    if (!top) return;
    if (top.type === 'paragraph') {
      this.stack.pop();
      this.write(top);
    } else if (top.type === 'heading' || top.type === 'code') {
      this.flush(top);
    } else if (top.type === 'list') {
      if (top.item) soften(top.item);
    } else {
      soften(top);
    }
  }

  /** Opens a leaf at the top level; elsewhere the element is absorbed and only marks a boundary. Returns whether it opened. */
  openLeaf(type: LeafType, extra: Partial<Leaf> = {}): boolean {
    this.closeParagraph();
    if (this.stack.length > 0) {
      this.boundary();
      return false;
    }
    this.stack.push(newLeaf(type, extra));
    return true;
  }

  closeLeaf(opened: boolean): void {
    if (!opened) {
      this.boundary();
      return;
    }
    this.write(this.stack.pop() as Leaf);
  }

  /** Opens a list at the top level or inside a list (Strapi nests a list among its parent's items). */
  openList(format: 'ordered' | 'unordered'): boolean {
    this.closeParagraph();
    const top = this.top();
    if (top && top.type !== 'list') {
      this.boundary();
      return false;
    }
    let node: ListFrame['node'] = { type: 'list', format, children: [] };
    if (top) {
      this.closeItem(top);
      // Strapi's editor gives a nested list its parent's indentLevel + 1 (Blocks/List.js, handleTabOnList).
      node = { type: 'list', format, indentLevel: (top.node.indentLevel ?? 0) + 1, children: [] };
    }
    this.stack.push({ type: 'list', node, item: null });
    return true;
  }

  closeList(opened: boolean): void {
    if (!opened) {
      this.boundary();
      return;
    }
    const frame = this.stack.pop() as ListFrame;
    this.closeItem(frame);
    const parent = this.top();
    if (frame.node.children.length > 0) {
      if (parent?.type === 'list') parent.node.children.push(frame.node);
      else this.output.push(frame.node);
    }
    if (!parent) {
      this.output.push(...this.deferred);
      this.deferred = [];
    }
  }

  /** Starts a list-item when a list is open; a stray `<li>` is a block like any other. */
  openItem(): boolean {
    const top = this.top();
    if (top?.type !== 'list') {
      this.boundary();
      return false;
    }
    this.closeItem(top);
    top.item = newLeaf('item');
    return true;
  }

  endItem(opened: boolean): void {
    const top = this.top();
    if (opened && top?.type === 'list') this.closeItem(top);
    else this.boundary();
  }

  /** An image or an embed: a top-level block of its own, splitting the leaf it interrupts. */
  atomic(block: Output): void {
    const top = this.top();
    if (top?.type === 'list') {
      this.deferred.push(block);
      return;
    }
    if (top?.type === 'paragraph') {
      this.stack.pop();
      this.write(top);
    } else if (top) {
      this.flush(top);
    }
    this.output.push(block);
  }

  finish(): Output[] {
    while (this.stack.length > 0) {
      const top = this.top()!;
      if (top.type === 'list') this.closeList(true);
      else this.write(this.stack.pop() as Leaf);
    }
    this.output.push(...this.deferred);
    this.deferred = [];
    return this.output;
  }

  private closeParagraph(): void {
    const top = this.top();
    if (top?.type === 'paragraph') {
      this.stack.pop();
      this.write(top);
    }
  }

  private closeItem(frame: ListFrame): void {
    if (!frame.item) return;
    const children = buildInlineNodes(frame.item.segments);
    if (children.length > 0) frame.node.children.push({ type: 'list-item', children });
    frame.item = null;
  }

  /** Writes what the leaf holds so far and leaves it open, empty. */
  private flush(leaf: Leaf): void {
    this.write(leaf);
    leaf.segments = [];
    leaf.pendingBreak = false;
    leaf.lineOpen = false;
  }

  private write(leaf: Leaf): void {
    const block = toBlock(leaf);
    if (block) this.output.push(block);
  }
}

function soften(leaf: Leaf): void {
  if (leaf.lineOpen) leaf.pendingBreak = true;
  leaf.lineOpen = false;
}

function toBlock(leaf: Leaf): BlockNode | null {
  if (leaf.type === 'code') {
    const raw = leaf.segments.map((segment) => (segment.kind === 'break' ? '\n' : segment.text)).join('');
    // HTML ignores a newline right after <pre>; trailing blank lines are the markup's, not the code's.
    const text = raw.replace(/\r\n?/g, '\n').replace(/^\n/, '').replace(/\s+$/, '');
    if (!/\S/.test(text)) return null;
    return { type: 'code', ...(leaf.language ? { language: leaf.language } : {}), children: [{ type: 'text', text }] };
  }
  const children = buildInlineNodes(leaf.segments);
  if (children.length === 0) return null;
  if (leaf.type === 'heading') return { type: 'heading', level: leaf.level, children };
  if (leaf.type === 'quote') return { type: 'quote', children };
  return { type: 'paragraph', children };
}

// ---------------------------------------------------------------------------------------------
// The walk over htmlparser2's DOM.

const SCRIPTS = new Set(['script', 'style']);
// Not rendered as text, or only as form controls. <noscript> repeats what scripts would show.
const HIDDEN = new Set(['head', 'title', 'meta', 'link', 'base', 'template', 'noscript', 'select', 'datalist', 'input', 'textarea', 'map', 'area', 'svg', 'canvas', 'wbr', 'col', 'colgroup', 'param', 'source', 'track']);
const MEDIA = new Set(['iframe', 'audio', 'video', 'object', 'embed']);
const BLOCKS = new Set([
  'p', 'div', 'section', 'article', 'aside', 'header', 'footer', 'nav', 'main', 'address', 'center', 'details', 'summary', 'fieldset',
  'legend', 'form', 'dl', 'dt', 'dd', 'figcaption', 'caption', 'hgroup', 'menu', 'dir', 'hr', 'td', 'th', 'body', 'html',
]);
const MARK_TAGS: Record<string, keyof Marks> = {
  b: 'bold', strong: 'bold', i: 'italic', em: 'italic', u: 'underline', ins: 'underline',
  s: 'strikethrough', strike: 'strikethrough', del: 'strikethrough', code: 'code', kbd: 'code', samp: 'code', tt: 'code',
};
// Deeper than any real post; past it an element's text is kept without its structure, so a
// pathological nesting cannot exhaust the call stack.
const MAX_DEPTH = 200;

const BASE_INLINE: Inline = { marks: {}, href: null, preformatted: false, figure: null };

/**
 * Marks an element's `style` sets or unsets: TinyMCE (WordPress's classic editor) writes
 * underline and strike-through as `<span style="text-decoration: …">`, and text pasted from
 * Google Docs arrives wrapped in `<b style="font-weight:normal">`, which must not make a
 * whole post bold.
 */
function readStyleMarks(style: string | undefined): Marks {
  const marks: Marks = {};
  if (!style) return marks;
  for (const declaration of style.split(';')) {
    const colon = declaration.indexOf(':');
    if (colon === -1) continue;
    const property = declaration.slice(0, colon).trim().toLowerCase();
    const value = declaration.slice(colon + 1).trim().toLowerCase();
    if (property === 'font-weight') {
      if (/^(bold|bolder|[6-9]00)\b/.test(value)) marks.bold = true;
      else if (/^(normal|lighter|[1-5]00)\b/.test(value)) marks.bold = false;
    } else if (property === 'font-style') {
      if (/^(italic|oblique)\b/.test(value)) marks.italic = true;
      else if (value.startsWith('normal')) marks.italic = false;
    } else if (property === 'text-decoration' || property === 'text-decoration-line') {
      if (value.includes('underline')) marks.underline = true;
      if (value.includes('line-through')) marks.strikethrough = true;
      if (/^none\b/.test(value)) Object.assign(marks, { underline: false, strikethrough: false });
    }
  }
  return marks;
}

function readNumber(value: string | undefined, pattern: RegExp): number | null {
  const match = value ? pattern.exec(value) : null;
  return match ? Number(match[1]) : null;
}

function readImageSrc(element: DomElement): string {
  const candidates = [element.attribs.src, element.attribs['data-src'], element.attribs['data-lazy-src']];
  // Lazy-loading plugins write a data: placeholder in src and the real address beside it.
  const real = candidates.find((value) => value && value.trim() !== '' && !value.trim().startsWith('data:'));
  return (real ?? candidates.find((value) => value && value.trim() !== '') ?? '').trim();
}

function readLanguage(pre: DomElement): string | undefined {
  const code = DomUtils.findOne((node) => node.name === 'code', pre.children);
  for (const className of [code?.attribs.class, pre.attribs.class]) {
    const language = /(?:^|\s)(?:language|lang)-([\w+#.-]+)/.exec(className ?? '')?.[1] ?? /\bbrush:\s*([\w+#-]+)/.exec(className ?? '')?.[1];
    if (language) return language.toLowerCase();
  }
  return undefined;
}

/** A paragraph linking to `url`, its text the URL; plain text when the URL cannot be stored as a link. */
function linkParagraph(url: string): BlockNode {
  const text: BlockNode = { type: 'text', text: url };
  return { type: 'paragraph', children: isStorableLinkUrl(url) ? [{ type: 'link', url, children: [text] }] : [text] };
}

/** The images of a figure, leaving out those of figures nested in it (a gallery's). */
function findFigureImages(figure: DomElement): DomElement[] {
  const images: DomElement[] = [];
  const visit = (nodes: DomNode[]) => {
    for (const node of nodes) {
      if (!DomUtils.isTag(node) || node.name === 'figure') continue;
      if (node.name === 'img') images.push(node);
      else visit(node.children);
    }
  };
  visit(figure.children);
  return images;
}

// What WordPress renders a [caption] as (img_caption_shortcode without HTML5 support), and
// what is found where a post's HTML was copied from another WordPress site.
const hasClass = (element: DomElement, name: string) => (element.attribs.class ?? '').split(/\s+/).includes(name);
const isCaption = (element: DomElement) => element.name === 'figcaption' || hasClass(element, 'wp-caption-text') || hasClass(element, 'wp-caption-dd');

function findFigcaption(figure: DomElement): DomElement | null {
  const direct = figure.children.find((node): node is DomElement => DomUtils.isTag(node) && isCaption(node));
  return direct ?? DomUtils.findOne(isCaption, figure.children);
}

/** The text of an element without its structure, gathered without recursion. */
function gatherText(element: DomElement): string {
  const parts: string[] = [];
  const pending: DomNode[] = [element];
  while (pending.length > 0) {
    const node = pending.pop()!;
    if (DomUtils.isText(node)) parts.push(node.data);
    else if (DomUtils.isTag(node) && !SCRIPTS.has(node.name)) pending.push(...[...node.children].reverse());
  }
  return parts.join('');
}

/** A caption's text: its blocks' text, one line each, links flattened. */
function readCaption(caption: DomElement, lost: LostTally): string {
  const writer = new BlockWriter();
  walkChildren(caption, BASE_INLINE, { writer, lost }, 0);
  return writer
    .finish()
    .filter((block): block is BlockNode => block.type !== 'wordpress-image')
    .map((block) => readInlineText(block.children))
    .join('\n');
}

function walkChildren(parent: DomParent, inline: Inline, walk: Walk, depth: number): void {
  for (const child of parent.children) walkNode(child, inline, walk, depth + 1);
}

function walkBlock(element: DomElement, inline: Inline, walk: Walk, depth: number): void {
  walk.writer.boundary();
  walkChildren(element, inline, walk, depth);
  walk.writer.boundary();
}

function walkNode(node: DomNode, inline: Inline, walk: Walk, depth: number): void {
  if (DomUtils.isText(node)) {
    walk.writer.text(node.data, inline);
    return;
  }
  // Comments (block delimiters, <!--more-->), CDATA and doctypes show nothing.
  if (!DomUtils.isTag(node) || node === inline.figure?.captionElement) return;
  if (depth > MAX_DEPTH) {
    walk.writer.text(gatherText(node), inline);
    return;
  }
  const { writer, lost } = walk;
  const name = node.name;

  if (SCRIPTS.has(name)) {
    countLost(lost, 'script');
    return;
  }
  if (HIDDEN.has(name)) return;
  if (name === 'br') {
    writer.lineBreak(inline);
    return;
  }
  if (name === 'img') {
    convertImage(node, inline, walk);
    return;
  }
  if (name === EMBED_TAG) {
    const url = (node.attribs.url ?? '').trim();
    countLost(lost, 'embed');
    if (url) writer.atomic(linkParagraph(url));
    return;
  }
  if (MEDIA.has(name)) {
    convertMedia(node, inline, walk, depth);
    return;
  }
  if (name === 'a') {
    walkChildren(node, { ...inline, href: readHref(node, inline, lost) }, walk, depth);
    return;
  }
  const heading = /^h([1-6])$/.exec(name);
  if (heading) {
    const opened = writer.openLeaf('heading', { level: Number(heading[1]) });
    walkChildren(node, inline, walk, depth);
    writer.closeLeaf(opened);
    return;
  }
  switch (name) {
    case 'pre':
      convertPre(node, inline, walk, depth);
      return;
    case 'blockquote': {
      const opened = writer.openLeaf('quote');
      walkChildren(node, inline, walk, depth);
      writer.closeLeaf(opened);
      return;
    }
    case 'ul':
    case 'ol': {
      const opened = writer.openList(name === 'ol' ? 'ordered' : 'unordered');
      walkChildren(node, inline, walk, depth);
      writer.closeList(opened);
      return;
    }
    case 'li': {
      const opened = writer.openItem();
      walkChildren(node, inline, walk, depth);
      writer.endItem(opened);
      return;
    }
    case 'table':
      countLost(lost, 'table');
      walkBlock(node, inline, walk, depth);
      return;
    case 'tr':
      convertRow(node, inline, walk, depth);
      return;
    case 'figure':
      convertFigure(node, inline, walk, depth);
      return;
    case 'div':
      if (hasClass(node, 'wp-caption')) {
        convertFigure(node, inline, walk, depth);
        return;
      }
      break;
    default:
      break;
  }
  if (BLOCKS.has(name)) {
    walkBlock(node, inline, walk, depth);
    return;
  }
  walkChildren(node, withMarks(node, inline), walk, depth);
}

function withMarks(element: DomElement, inline: Inline): Inline {
  const tagMark = MARK_TAGS[element.name];
  const styleMarks = readStyleMarks(element.attribs.style);
  if (!tagMark && Object.keys(styleMarks).length === 0) return inline;
  return { ...inline, marks: { ...inline.marks, ...(tagMark ? { [tagMark]: true } : {}), ...styleMarks } };
}

/** The link's address as written (trimmed); one Strapi or Colophon would refuse is dropped, its text kept. */
function readHref(anchor: DomElement, inline: Inline, lost: LostTally): string | null {
  const href = (anchor.attribs.href ?? '').trim();
  if (href === '') return inline.href;
  if (isStorableLinkUrl(href)) return href;
  countLost(lost, 'link');
  return null;
}

function convertImage(image: DomElement, inline: Inline, { writer, lost }: Walk): void {
  const src = readImageSrc(image);
  if (src === '') {
    countLost(lost, 'image');
    return;
  }
  writer.atomic({
    type: 'wordpress-image',
    src,
    alt: image.attribs.alt ?? '',
    caption: inline.figure?.caption ?? '',
    attachmentId: readNumber(image.attribs.class, /(?:^|\s)wp-image-(\d+)(?:\s|$)/) ?? inline.figure?.attachmentId ?? null,
  });
}

/** Audio, video and frames cannot be blocks: a link to their address stands in, and any text inside is kept. */
function convertMedia(element: DomElement, inline: Inline, walk: Walk, depth: number): void {
  countLost(walk.lost, 'media');
  const source = DomUtils.findOne((node) => node.name === 'source' && Boolean(node.attribs.src?.trim()), element.children);
  const src = (element.attribs.src ?? element.attribs.data ?? source?.attribs.src ?? '').trim();
  if (src) walk.writer.atomic(linkParagraph(src));
  // An <object>'s children are its parameters and an <embed> of the same media.
  if (element.name === 'object') walk.writer.boundary();
  else walkBlock(element, inline, walk, depth);
}

function convertPre(pre: DomElement, inline: Inline, walk: Walk, depth: number): void {
  const preformatted = { ...inline, preformatted: true };
  // core/verse is a poem, not code: a paragraph whose line breaks are kept.
  if (/(?:^|\s)wp-block-verse(?:\s|$)/.test(pre.attribs.class ?? '')) {
    walkBlock(pre, preformatted, walk, depth);
    return;
  }
  const language = readLanguage(pre);
  const opened = walk.writer.openLeaf('code', language ? { language } : {});
  walkChildren(pre, preformatted, walk, depth);
  walk.writer.closeLeaf(opened);
}

/** A table row is a paragraph of its cells joined with " | " (a line, inside a list item or a quote). */
function convertRow(row: DomElement, inline: Inline, walk: Walk, depth: number): void {
  const opened = walk.writer.openLeaf('row');
  let cells = 0;
  for (const child of row.children) {
    if (DomUtils.isTag(child) && (child.name === 'td' || child.name === 'th')) {
      if (cells > 0) walk.writer.separator();
      cells += 1;
      walkChildren(child, inline, walk, depth + 1);
    } else {
      walkNode(child, inline, walk, depth + 1);
    }
  }
  walk.writer.closeLeaf(opened);
}

/**
 * A figure with one image (core/image, a `[caption]`, a rendered `<div class="wp-caption">`)
 * gives that image its caption and the `attachment_<id>` of its id; any other figure (a
 * gallery, a table, an embed) is a block whose figcaption is a paragraph.
 */
function convertFigure(figure: DomElement, inline: Inline, walk: Walk, depth: number): void {
  const images = findFigureImages(figure);
  if (images.length !== 1) {
    walkBlock(figure, { ...inline, figure: null }, walk, depth);
    return;
  }
  const captionElement = findFigcaption(figure);
  const context: FigureContext = {
    caption: captionElement ? readCaption(captionElement, walk.lost) : '',
    attachmentId: readNumber(figure.attribs.id, /^attachment_(\d+)$/),
    captionElement,
  };
  walkBlock(figure, { ...inline, figure: context }, walk, depth);
}

/**
 * Strapi 5 blocks for a fragment of HTML, as a browser would show it. Each top-level block is
 * a `paragraph`, a `heading` (with `level` 1–6), a `list` (`format` `ordered` or `unordered`;
 * `list-item` children; a nested `<ul>`/`<ol>` is a `list` among its parent's children with
 * `indentLevel`, as Strapi's editor stores it), a `quote` (the quote's paragraphs joined with
 * "\n"), a `code` block (`language` from a `language-…`, `lang-…` or `brush: …` class) or a
 * `wordpress-image` placeholder (src, alt, caption, attachmentId from `wp-image-<id>` or
 * `attachment_<id>`), in document order. An image splits the paragraph, heading or quote it
 * interrupts; one inside a list follows the list. Every block has at least one child and some
 * visible text, so each passes @strapi/core's blocks validator.
 *
 * What blocks cannot hold keeps its text and is counted in `lost`: `table` (a paragraph per
 * row, cells joined with " | "), `media` (`<audio>`, `<video>`, `<iframe>`, `<object>`,
 * `<embed>`: a paragraph linking to the source), `embed` (an embed marker, see
 * markEmbedUrls), `link` (an address Strapi or Colophon refuses: its text stays),
 * `image` (an `<img>` without a source), `script` (`<script>` and `<style>`, dropped).
 * Comments are dropped silently. htmlparser2 repairs bad markup (unclosed tags, stray closing
 * tags) much as a browser does; this never throws.
 */
export function convertHtmlToBlocks(html: string, lost: LostTally): Output[] {
  const document = parseDocument(html, { recognizeSelfClosing: true });
  const writer = new BlockWriter();
  walkChildren(document, BASE_INLINE, { writer, lost }, 0);
  return writer.finish();
}
