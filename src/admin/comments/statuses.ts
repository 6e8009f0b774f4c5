import { COMMENT_STATUSES, COMMENT_UID, type CommentStatus } from '../../strapi/comments/model';

export { COMMENT_STATUSES, COMMENT_UID, type CommentStatus };

/**
 * How each moderation status reads in the admin: the word an editor sees, the verb on the
 * button that sets it, and the design system's colour pair for its badge (WordPress's
 * moderation screen uses the same four states; warning for the queue, danger for spam).
 */
export const STATUS_LOOKS: Record<CommentStatus, { label: string; verb: string; textColor: string; backgroundColor: string }> = {
  pending: { label: 'Pending', verb: 'Back to pending', textColor: 'warning700', backgroundColor: 'warning100' },
  approved: { label: 'Approved', verb: 'Approve', textColor: 'success700', backgroundColor: 'success100' },
  spam: { label: 'Spam', verb: 'Spam', textColor: 'danger700', backgroundColor: 'danger100' },
  trash: { label: 'Trash', verb: 'Trash', textColor: 'neutral700', backgroundColor: 'neutral150' },
};

/** The three one-click decisions on a comment; sending one back to pending takes the edit view. */
export const DECISIONS = ['approved', 'spam', 'trash'] as const satisfies readonly CommentStatus[];

export function isCommentStatus(value: unknown): value is CommentStatus {
  return typeof value === 'string' && (COMMENT_STATUSES as readonly string[]).includes(value);
}
