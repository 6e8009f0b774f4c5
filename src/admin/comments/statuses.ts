import { COMMENT_STATUSES, COMMENT_UID, type CommentStatus } from '../../strapi/comments/model';

export { COMMENT_STATUSES, COMMENT_UID, type CommentStatus };

/**
 * How each moderation status reads in the admin: its label and the design system's colour
 * pair for its badge (WordPress's moderation screen has the same four states; warning for the
 * queue, danger for spam).
 */
export const STATUS_LOOKS: Record<CommentStatus, { label: string; textColor: string; backgroundColor: string }> = {
  pending: { label: 'Pending', textColor: 'warning700', backgroundColor: 'warning100' },
  approved: { label: 'Approved', textColor: 'success700', backgroundColor: 'success100' },
  spam: { label: 'Spam', textColor: 'danger700', backgroundColor: 'danger100' },
  trash: { label: 'Trash', textColor: 'neutral700', backgroundColor: 'neutral150' },
};

/**
 * The one-click decisions on a comment and the word on their buttons. Sending a comment back
 * to pending is rare enough to take the edit view.
 */
export const DECISIONS = { approved: 'Approve', spam: 'Spam', trash: 'Trash' } as const satisfies Partial<Record<CommentStatus, string>>;
export type Decision = keyof typeof DECISIONS;
export const DECISION_STATUSES = Object.keys(DECISIONS) as Decision[];

export function isCommentStatus(value: unknown): value is CommentStatus {
  return typeof value === 'string' && (COMMENT_STATUSES as readonly string[]).includes(value);
}
