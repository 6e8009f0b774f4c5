/** A public comment as a thread reads it: its own fields, and where it hangs. */
export interface ThreadComment {
  documentId: string;
  parentDocumentId: string | null;
  /** ISO 8601, or anything that sorts as the creation order. */
  createdAt: string;
}

/** A comment with its replies, oldest first, nested. */
export type ThreadNode<T extends ThreadComment> = T & {
  /** Direct replies shown below it. */
  replyCount: number;
  /** Every reply below it, at any depth. */
  descendantCount: number;
  replies: Array<ThreadNode<T>>;
};

const oldestFirst = (a: ThreadComment, b: ThreadComment) =>
  a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : a.documentId < b.documentId ? -1 : a.documentId > b.documentId ? 1 : 0;

/**
 * Nests `replies` under the top-level comments `roots`, as a threaded page shows them (WordPress's
 * threaded comments): each reply under its parent, siblings oldest first, with the count of
 * direct replies and of all replies below. A reply whose parent is not in the page (not public,
 * or under another root) is left out, never shown apart from its parent. The roots keep the
 * order given. Pure: O(n log n) in the number of comments.
 */
export function buildThreads<T extends ThreadComment>(roots: T[], replies: T[]): Array<ThreadNode<T>> {
  const children = new Map<string, T[]>();
  for (const reply of replies) {
    if (!reply.parentDocumentId) continue;
    const siblings = children.get(reply.parentDocumentId) ?? [];
    siblings.push(reply);
    children.set(reply.parentDocumentId, siblings);
  }
  const placed = new Set<string>();
  const nest = (comment: T): ThreadNode<T> => {
    placed.add(comment.documentId);
    const below = (children.get(comment.documentId) ?? []).filter((child) => !placed.has(child.documentId)).sort(oldestFirst).map(nest);
    return {
      ...comment,
      replyCount: below.length,
      descendantCount: below.reduce((sum, child) => sum + 1 + child.descendantCount, 0),
      replies: below,
    };
  };
  return roots.map(nest);
}
