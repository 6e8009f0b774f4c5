import { normalizeWebUrl } from './normalizeWebUrl';

/** Where a link in blocks failed, and why: `path` runs from the blocks' root, e.g. [0, 'children', 1, 'url']. */
export interface BlockLinkProblem {
  path: Array<string | number>;
  message: string;
}

// What a link inside an article may point to besides an absolute http(s) URL: a path on this
// site ("/blog/…", "../x", "?page=2", "#section"), or a mail address or telephone number.
const RELATIVE_REFERENCE = /^(?:[/?#]|\.{1,2}\/)/;
const OTHER_SCHEMES = /^(?:mailto|tel):/i;

/**
 * Strapi's blocks with the `url` of every link node (`{ type: 'link', url, children }`, at any
 * depth) held to the rule of the site's other URL fields where it is absolute: an http(s) URL
 * is stored in normalizeWebUrl's form (percent-encoded, so a bidi override cannot display),
 * and a relative reference, `mailto:` or `tel:` is kept as written. Any other scheme
 * (`javascript:`, `data:`, `vbscript:`, `file:`), a URL with a user name or password, and
 * anything that is not a URL at all are a problem to refuse: a frontend rendering the blocks
 * would otherwise put them in an href. Returns the blocks with links normalised (a copy) and
 * the first problem, if any. A value that is not blocks is returned unchanged.
 */
export function normalizeBlockLinks<T>(blocks: T): { blocks: T; problem: BlockLinkProblem | null } {
  let problem: BlockLinkProblem | null = null;
  const visit = (node: unknown, path: Array<string | number>): unknown => {
    if (Array.isArray(node)) return node.map((child, index) => visit(child, [...path, index]));
    if (node === null || typeof node !== 'object') return node;
    const copy: Record<string, unknown> = { ...(node as Record<string, unknown>) };
    if (Array.isArray(copy.children)) copy.children = visit(copy.children, [...path, 'children']);
    if (copy.type === 'link' && !problem) {
      const url = typeof copy.url === 'string' ? copy.url.trim() : copy.url;
      if (typeof url === 'string' && (RELATIVE_REFERENCE.test(url) || OTHER_SCHEMES.test(url)) && !/[\s\p{Cc}]/u.test(url)) {
        copy.url = url;
      } else {
        const normalized = normalizeWebUrl(url, { completeScheme: false });
        if (normalized.error || normalized.url === null) {
          problem = { path: [...path, 'url'], message: normalized.error ?? 'must be a web address, a path on this site, mailto: or tel:' };
        } else {
          copy.url = normalized.url;
        }
      }
    }
    return copy;
  };
  const result = visit(blocks, []) as T;
  return { blocks: result, problem };
}
