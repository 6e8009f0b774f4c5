/**
 * Cache tags: one vocabulary for what a public answer was derived from and for what a change
 * invalidates, so a CDN, a frontend's cache (Next.js `revalidateTag`) or Colophon's own response
 * cache can purge exactly what a write changed. ASCII, short, and the same everywhere:
 *
 * - `<type>:<documentId>`: one document, by its content type's singular name (`article:…`,
 *   `category:…`, `source:…`); an answer carries every category on its trail, so one rename
 *   invalidates every page that shows its name;
 * - `site`: the Site's settings (every trail and footer starts from them);
 * - `comments:<articleDocumentId>`: an article's approved comments;
 * - `redirects`: the redirect rules;
 * - `list:<uid>`: every list or search of a type (any create, publish, unpublish or delete of
 *   that type, and any change to one of its documents).
 */
export const SITE_TAG = 'site';
export const REDIRECTS_TAG = 'redirects';

export function documentTag(type: string, documentId: string): string {
  return `${type}:${documentId}`;
}

export function commentsTag(articleDocumentId: string): string {
  return `comments:${articleDocumentId}`;
}

export function listTag(uid: string): string {
  return `list:${uid}`;
}

/** Bounds on the tags one answer or one change carries. */
export interface TagBounds {
  /** At most this many tags (Next.js takes 128; a CDN header has room for about this many). */
  maxTags: number;
  /** At most this many bytes once joined with ", " (CDNs cap the header at 16 KB). */
  maxBytes: number;
}

export const DEFAULT_TAG_BOUNDS: TagBounds = { maxTags: 64, maxBytes: 8 * 1024 };

/**
 * `tags` deduplicated, in their order, within `bounds`. A tag that does not fit is replaced by
 * the coarser tag `coarser` gives (a document's `list:<uid>`, which every change to a document
 * of that type also invalidates), from the last tag back, never dropped: purging the coarser tag
 * purges the answer too, only less precisely. Once everything coarsenable is coarsened the list
 * is returned even if still over the bounds (a handful of list tags per content type cannot
 * be), since a dropped tag would let a stale answer be served.
 */
export function boundTags(tags: readonly string[], coarser: (tag: string) => string | null, bounds: TagBounds = DEFAULT_TAG_BOUNDS): string[] {
  const bytesOf = (list: readonly string[]) => list.reduce((sum, tag, index) => sum + tag.length + (index > 0 ? 2 : 0), 0);
  const fits = (list: readonly string[]) => list.length <= bounds.maxTags && bytesOf(list) <= bounds.maxBytes;
  const result = [...new Set(tags)];
  for (let index = result.length - 1; index >= 0 && !fits(result); index -= 1) {
    const replacement = coarser(result[index]);
    if (replacement === null || replacement === result[index]) continue;
    result.splice(index, 1);
    if (!result.includes(replacement)) result.push(replacement);
  }
  return result;
}
