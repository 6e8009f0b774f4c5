import { stripInvisible } from './stripInvisible';

/**
 * Strapi's blocks (rich text: `[{ type: 'paragraph', children: [{ type: 'text', text }] }]`)
 * with stripInvisible applied to the `text` of every text node, at any depth (lists, quotes,
 * links, code). Returns a copy; the shape and every other property are kept. A value that is
 * not blocks (null, a string, a number) is returned as it is, for Strapi's validation to judge.
 * Code blocks are no exception: a bidi override in code is the "Trojan Source" trick
 * (CVE-2021-42574), and nothing a reader needs is lost.
 */
export function stripInvisibleFromBlocks<T>(blocks: T): T {
  return strip(blocks) as T;
}

function strip(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(strip);
  if (node === null || typeof node !== 'object') return node;
  const copy: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node as Record<string, unknown>)) copy[key] = key === 'children' ? strip(value) : value;
  if (copy.type === 'text' && typeof copy.text === 'string') copy.text = stripInvisible(copy.text);
  return copy;
}
