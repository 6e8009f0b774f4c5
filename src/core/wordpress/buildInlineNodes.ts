import type { BlockNode } from './types';

/** The text marks Strapi's blocks store on a text node. */
export interface Marks {
  bold?: boolean;
  italic?: boolean;
  underline?: boolean;
  strikethrough?: boolean;
  code?: boolean;
}

const MARK_NAMES = ['bold', 'italic', 'underline', 'strikethrough', 'code'] as const;

/**
 * A piece of a block's inline content as the HTML gave it, before whitespace is settled:
 * text under its marks and link (`href` null outside a link), or a `<br>`. `preformatted`
 * text (inside `<pre>`) keeps its whitespace; a `separator` (" | " between table cells) is
 * not text of the post, so a row of empty cells is still empty.
 */
export type Segment =
  | { kind: 'text'; text: string; marks: Marks; href: string | null; preformatted?: boolean; separator?: boolean }
  | { kind: 'break'; marks: Marks; href: string | null };

// The characters HTML calls whitespace. NBSP (U+00A0) is not among them: a browser neither
// collapses nor trims it, and French typography puts one before ":" ("Source : …").
const HTML_SPACES = /[ \t\n\r\f]+/g;
const LEADING_SPACES = /^[ \t\n\r\f]+/;
const TRAILING_SPACES = /[ \t\n\r\f]+$/;

type TextSegment = Extract<Segment, { kind: 'text' }>;

/** Drops trailing collapsed spaces before a line end, as a browser does; stops at preformatted text. */
function trimLineEnd(pieces: TextSegment[]): void {
  for (let i = pieces.length - 1; i >= 0; i -= 1) {
    const piece = pieces[i];
    if (piece.preformatted) return;
    piece.text = piece.text.replace(/ +$/, '');
    if (piece.text !== '') return;
  }
}

/** Collapses whitespace the way CSS `white-space: normal` renders it, and turns breaks into "\n". */
function settleWhitespace(segments: readonly Segment[]): TextSegment[] {
  const pieces: TextSegment[] = [];
  let line: TextSegment[] = [];
  let spaceBefore = true;
  for (const segment of segments) {
    if (segment.kind === 'break') {
      trimLineEnd(line);
      pieces.push(...line, { kind: 'text', text: '\n', marks: segment.marks, href: segment.href, preformatted: true });
      line = [];
      spaceBefore = true;
      continue;
    }
    if (segment.preformatted) {
      const text = segment.text.replace(/\r\n?/g, '\n');
      line.push({ ...segment, text });
      if (text !== '') spaceBefore = /\s$/.test(text);
      continue;
    }
    let text = segment.text.replace(HTML_SPACES, ' ');
    if (spaceBefore) text = text.replace(/^ /, '');
    line.push({ ...segment, text });
    if (text !== '') spaceBefore = text.endsWith(' ');
  }
  trimLineEnd(line);
  pieces.push(...line);
  return pieces;
}

/** Removes whitespace and line breaks at both ends of the block, whatever produced them. */
function trimBlockEnds(pieces: TextSegment[]): TextSegment[] {
  let start = 0;
  while (start < pieces.length) {
    pieces[start] = { ...pieces[start], text: pieces[start].text.replace(LEADING_SPACES, '') };
    if (pieces[start].text !== '') break;
    start += 1;
  }
  let end = pieces.length - 1;
  while (end >= start) {
    pieces[end] = { ...pieces[end], text: pieces[end].text.replace(TRAILING_SPACES, '') };
    if (pieces[end].text !== '') break;
    end -= 1;
  }
  return pieces.slice(start, end + 1).filter((piece) => piece.text !== '');
}

function sameMarks(a: Marks, b: Marks): boolean {
  return MARK_NAMES.every((name) => Boolean(a[name]) === Boolean(b[name]));
}

function toTextNode(piece: TextSegment): BlockNode {
  const node: BlockNode = { type: 'text', text: piece.text };
  for (const name of MARK_NAMES) if (piece.marks[name]) node[name] = true;
  return node;
}

/**
 * The inline children of a paragraph, heading, quote or list item in Strapi's blocks: text
 * nodes `{ type: 'text', text, bold?, italic?, underline?, strikethrough?, code? }` (a mark
 * only when true) and link nodes `{ type: 'link', url, children: text nodes }`, as
 * @strapi/core's blocks validator accepts them. Whitespace is settled as a browser renders
 * it (runs collapsed to one space, none at the start or end of a line, preformatted text
 * untouched), a `<br>` is a "\n" in the text, as Strapi's editor writes Shift+Enter, and
 * neighbours with the same marks and link are merged. Returns [] when no visible character
 * is left (NBSP alone counts as blank), so callers never store an empty block.
 */
export function buildInlineNodes(segments: readonly Segment[]): BlockNode[] {
  const visible = segments.some((segment) => segment.kind === 'text' && !segment.separator && /\S/.test(segment.text));
  if (!visible) return [];

  const merged: TextSegment[] = [];
  for (const piece of trimBlockEnds(settleWhitespace(segments))) {
    const last = merged[merged.length - 1];
    if (last && last.href === piece.href && sameMarks(last.marks, piece.marks)) last.text += piece.text;
    else merged.push({ ...piece });
  }

  const nodes: BlockNode[] = [];
  for (const piece of merged) {
    const last = nodes[nodes.length - 1];
    if (piece.href === null) nodes.push(toTextNode(piece));
    else if (last?.type === 'link' && last.url === piece.href) last.children!.push(toTextNode(piece));
    else nodes.push({ type: 'link', url: piece.href, children: [toTextNode(piece)] });
  }
  return nodes;
}

/** The text of inline nodes, links included: what a reader sees of the block. */
export function readInlineText(nodes: readonly BlockNode[] | undefined): string {
  return (nodes ?? []).map((node) => (node.type === 'link' ? readInlineText(node.children) : node.text ?? '')).join('');
}
