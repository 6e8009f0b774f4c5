import { readWordpressDate } from './readWordpressDate';
import { toPlainText } from './toPlainText';
import type { WxrComment } from './types';

export type ImportedCommentStatus = 'approved' | 'pending' | 'spam' | 'trash';

export interface PlannedComment {
  /** `wp:comment_id`. */
  commentId: number;
  /** The `wp:comment_id` it is stored as a reply to, or null at the top of the thread. */
  parentId: number | null;
  /** 1 at the top of the thread, never more than `maxDepth`. */
  depth: number;
  commentStatus: ImportedCommentStatus;
  authorName: string;
  authorEmail: string;
  authorIp: string;
  /** Plain text: lines kept, no HTML. */
  body: string;
  /** ISO 8601 UTC. */
  createdAt: string;
}

export interface CommentThreadsPlan {
  /** Every parent before its replies; otherwise in the order they were written. */
  comments: PlannedComment[];
  skipped: Array<{ commentId: number; reason: string }>;
}

export interface CommentThreadOptions {
  /** The deepest a comment may sit, 1 being the top (Colophon's maxThreadDepth, 5 by default). */
  maxDepth: number;
}

// WordPress's wp_comment_approved values; anything else (a plugin's) is held for a moderator.
const STATUSES: Record<string, ImportedCommentStatus> = {
  '1': 'approved',
  approve: 'approved',
  '0': 'pending',
  hold: 'pending',
  spam: 'spam',
  trash: 'trash',
  'post-trashed': 'trash',
};

// WordPress shows this for a comment left without a name (get_comment_author()).
const ANONYMOUS = 'Anonymous';

/**
 * The comments of one post as Colophon stores them, in an order that can be written one by
 * one (every parent before its replies), or why one is left out.
 *
 * - Only reader comments: `wp:comment_type` '' or `comment`. Pingbacks and trackbacks
 *   (`pingback`, `trackback`, `pings`) are notifications from other sites, and other types
 *   (a plugin's notes, reviews, order notes) are not comments on an article: skipped with a
 *   reason. So is a comment whose id is not a positive integer or repeats an earlier one,
 *   whose text is empty once stripped of HTML, or that has no date.
 * - `wp:comment_approved`: `1` → approved, `0` → pending, `spam` → spam, `trash` and
 *   `post-trashed` (trashed with its post) → trash; any other value → pending.
 * - Threads: a reply whose parent is not in the list, or was skipped, becomes a top-level
 *   comment rather than being lost. Parents that loop (A under B under A, which WordPress's
 *   own checks prevent but an edited export may hold) are cut at the comment written first
 *   (smallest date, then id), which becomes top-level. Depth is 1 at the top. A reply that
 *   would sit deeper than `maxDepth` is placed at `maxDepth`, next to its ancestor there, as
 *   WordPress displays replies beyond its "nested comments levels" setting (Walker's
 *   display_element shows them flat at the deepest level); its `parentId` is then the
 *   ancestor at `maxDepth - 1` (null when `maxDepth` is 1). So `depth` never exceeds
 *   `maxDepth` and is always its parent's plus one, as Colophon's exceedsThreadDepth expects.
 * - `createdAt`: `wp:comment_date_gmt` as UTC; when it is empty or zero, `wp:comment_date`
 *   (site time) read as UTC, off by the site's offset but the only date there is.
 * - `body`: `wp:comment_content` as plain text: tags stripped, `<br>` a line break, the end of
 *   `<p>` a blank line, newlines as written kept (WordPress adds paragraphs only on display),
 *   entities decoded, trimmed. `authorName` trimmed, 'Anonymous' when empty, as WordPress
 *   shows it; e-mail and IP trimmed, '' when absent.
 * - Order: by date, then id, each reply moved after its parent when written before it.
 * Throws a RangeError when `maxDepth` is not a positive integer.
 */
export function planCommentThreads(comments: WxrComment[], options: CommentThreadOptions): CommentThreadsPlan {
  const { maxDepth } = options;
  if (!Number.isSafeInteger(maxDepth) || maxDepth < 1) throw new RangeError(`maxDepth must be a positive integer, got ${maxDepth}`);

  const skipped: CommentThreadsPlan['skipped'] = [];
  const kept = new Map<number, { comment: WxrComment; planned: Omit<PlannedComment, 'parentId' | 'depth'> }>();
  for (const comment of comments) {
    const reason = whySkipped(comment, kept);
    if (reason) {
      skipped.push({ commentId: comment.commentId, reason });
      continue;
    }
    kept.set(comment.commentId, {
      comment,
      planned: {
        commentId: comment.commentId,
        commentStatus: STATUSES[(comment.approved ?? '').trim()] ?? 'pending',
        authorName: (comment.author ?? '').trim() || ANONYMOUS,
        authorEmail: (comment.authorEmail ?? '').trim(),
        authorIp: (comment.authorIp ?? '').trim(),
        body: toPlainText(comment.content),
        createdAt: (readWordpressDate(comment.dateGmt) ?? readWordpressDate(comment.date))!,
      },
    });
  }

  const chronological = [...kept.values()]
    .map((entry) => entry.planned)
    .sort((a, b) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : a.commentId - b.commentId));
  const rank = new Map(chronological.map((planned, index) => [planned.commentId, index]));

  // The parent each comment really has once missing parents and loops are cut.
  const parentOf = new Map<number, number | null>();
  for (const { comment } of kept.values()) {
    const parent = comment.parent;
    parentOf.set(comment.commentId, parent && parent !== comment.commentId && kept.has(parent) ? parent : null);
  }
  cutLoops(parentOf, rank);

  // Ancestors from the top down, so the one at any depth is at hand.
  const chains = new Map<number, number[]>();
  const chainOf = (id: number): number[] => {
    const path: number[] = [];
    let at: number | null = id;
    while (at !== null && !chains.has(at)) {
      path.push(at);
      at = parentOf.get(at) ?? null;
    }
    let chain = at === null ? [] : chains.get(at)!;
    // Only the top maxDepth ancestors are ever needed, so deep threads cost no more than shallow ones.
    for (let i = path.length - 1; i >= 0; i -= 1) {
      chain = [...chain.slice(0, maxDepth), path[i]];
      chains.set(path[i], chain);
    }
    return chains.get(id)!;
  };

  const placed = new Map<number, PlannedComment>();
  for (const planned of chronological) {
    const chain = chainOf(planned.commentId);
    // chain ends with the comment itself; what comes before it is its line of ancestors.
    const ancestors = chain.slice(0, -1);
    const depth = Math.min(ancestors.length + 1, maxDepth);
    placed.set(planned.commentId, { ...planned, parentId: depth > 1 ? ancestors[depth - 2] : null, depth });
  }

  // Chronological, except that a reply waits for its parent.
  const ordered: PlannedComment[] = [];
  const emitted = new Set<number>();
  const waiting = new Map<number, PlannedComment[]>();
  const emit = (comment: PlannedComment) => {
    const queue = [comment];
    while (queue.length > 0) {
      const next = queue.shift()!;
      ordered.push(next);
      emitted.add(next.commentId);
      queue.push(...(waiting.get(next.commentId) ?? []));
      waiting.delete(next.commentId);
    }
  };
  for (const planned of chronological) {
    const comment = placed.get(planned.commentId)!;
    if (comment.parentId === null || emitted.has(comment.parentId)) emit(comment);
    else waiting.set(comment.parentId, [...(waiting.get(comment.parentId) ?? []), comment]);
  }
  return { comments: ordered, skipped };
}

function whySkipped(comment: WxrComment, kept: ReadonlyMap<number, unknown>): string | null {
  const type = (comment.type ?? '').trim();
  if (type === 'pingback' || type === 'trackback' || type === 'pings') {
    return `${type}: a notification that another site linked to the post, not a reader's comment`;
  }
  if (type !== '' && type !== 'comment') return `comment type "${type}" is not a reader's comment`;
  if (!Number.isSafeInteger(comment.commentId) || comment.commentId < 1) return 'no usable wp:comment_id';
  if (kept.has(comment.commentId)) return `wp:comment_id ${comment.commentId} appears twice; the first one is kept`;
  if (toPlainText(comment.content) === '') return 'empty once its HTML is stripped';
  if (readWordpressDate(comment.dateGmt) === null && readWordpressDate(comment.date) === null) return 'no readable date';
  return null;
}

/** Makes the earliest comment of each loop of parents top-level, so every chain ends. */
function cutLoops(parentOf: Map<number, number | null>, rank: ReadonlyMap<number, number>): void {
  const settled = new Set<number>();
  for (const start of parentOf.keys()) {
    const onPath: number[] = [];
    const seen = new Set<number>();
    let at: number | null = start;
    while (at !== null && !settled.has(at) && !seen.has(at)) {
      seen.add(at);
      onPath.push(at);
      at = parentOf.get(at) ?? null;
    }
    if (at !== null && seen.has(at)) {
      const loop = onPath.slice(onPath.indexOf(at));
      const first = loop.reduce((a, b) => ((rank.get(a) ?? 0) <= (rank.get(b) ?? 0) ? a : b));
      parentOf.set(first, null);
    }
    for (const id of onPath) settled.add(id);
  }
}
