export interface ModerationRules {
  /** Name of a form field hidden from humans; only bots fill it in. */
  honeypotField: string;
  authorNameMaxLength: number;
  authorEmailMaxLength: number;
  bodyMaxLength: number;
  /** Minimum seconds between two comments from the same IP hash or email; 0 disables. */
  floodIntervalSeconds: number;
  /** Case-insensitive substrings that mark a comment as spam. */
  disallowedWords: readonly string[];
  /** Case-insensitive substrings that hold a comment for review. */
  moderationWords: readonly string[];
  /** This many links or more hold a comment for review; 0 disables. */
  linksForModeration: number;
  autoApproveKnownAuthors: boolean;
  /** Deepest allowed reply level, top-level comments being level 1. */
  maxThreadDepth: number;
}

export type CommentField = 'authorName' | 'authorEmail' | 'body';

export interface CommentFields {
  authorName: string;
  authorEmail: string;
  body: string;
}

/**
 * The request body is kept apart from the IP hash on purpose: the hash comes
 * from the server, and spreading both into one object would let a client send
 * its own `ipHash` and slip past flood control.
 */
export interface CommentSubmission {
  fields: Readonly<Record<string, unknown>>;
  ipHash: string | null;
}

export interface NormalizedComment extends CommentFields {
  ipHash: string | null;
}

export interface ModerationLookups {
  isDuplicate(comment: NormalizedComment): Promise<boolean>;
  /** Latest comment from the same ipHash or email, or null when there is none. */
  lastCommentAt(comment: NormalizedComment): Promise<Date | null>;
  hasApprovedComment(email: string): Promise<boolean>;
}

export type FieldCheck =
  | { ok: true; value: CommentFields }
  | { ok: false; field: CommentField; message: string };

export interface ScanResult {
  verdict: 'spam' | 'pending' | 'clean';
  reason?: string;
}

export type StoredStatus = 'spam' | 'pending' | 'approved';

export type ModerationOutcome =
  | { action: 'store'; status: StoredStatus; reason: string; value: NormalizedComment }
  | { action: 'reject'; status: 400; field: CommentField; message: string }
  | { action: 'reject'; status: 409; message: string }
  | { action: 'reject'; status: 429; message: string; retryAfterSeconds: number };
