/** The two content types reader comments join, and which of their fields belong to whom. */
export const COMMENT_UID = 'api::comment.comment';
export const ARTICLE_UID = 'api::article.article';

/** What a reader may send when posting, besides the honeypot field. Anything else is a 400. */
export const READER_FIELDS = ['article', 'parent', 'authorName', 'authorEmail', 'body', 'notifyReplies'] as const;

/**
 * Computed by the server from what was posted. A writer who sends them is not refused (the
 * Content Manager round-trips whole documents) but what it sent is replaced.
 */
export const DERIVED_COMMENT_FIELDS = ['bodyHtml', 'depth', 'parentDocumentId', 'reportCount', 'reportReasons'] as const;

/** Recorded by the server from the request itself; no client, editor or not, sets them. */
export const REQUEST_COMMENT_FIELDS = ['ipHash', 'userAgent', 'user'] as const;

/** Article.commentCount is derived from the approved comments of the document. */
export const ARTICLE_COUNT_FIELD = 'commentCount';

/** The moderation states, as in the comment schema's commentStatus enumeration. */
export const COMMENT_STATUSES = ['pending', 'approved', 'spam', 'trash'] as const;
export type CommentStatus = (typeof COMMENT_STATUSES)[number];
