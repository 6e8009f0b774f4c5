export interface ModerationRules {
  /** Name of a form field hidden from humans; only bots fill it in. */
  honeypotField: string;
  authorNameMaxLength: number;
  authorEmailMaxLength: number;
  bodyMaxLength: number;
  /** Minimum seconds between two comments from the same caller (IP hash or account); 0 disables. */
  floodIntervalSeconds: number;
  /** Case-insensitive substrings that mark a comment as spam. */
  disallowedWords: readonly string[];
  /** Case-insensitive substrings that hold a comment for review. */
  moderationWords: readonly string[];
  /** This many links or more hold a comment for review; 0 disables. */
  linksForModeration: number;
  /** Approve at once a signed-in reader whose account already has an approved comment. */
  autoApproveKnownAuthors: boolean;
  /**
   * Also approve at once any post whose email has an approved comment (WordPress's rule).
   * Off by default: an email is typed, not proven, so anyone who knows a regular's address
   * would post live under it.
   */
  autoApproveByEmail: boolean;
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
  /** The signed-in reader's account id, from the server's session; null for Public. */
  userId?: number | null;
}

export interface NormalizedComment extends CommentFields {
  ipHash: string | null;
}

/**
 * Who is posting, as the server knows it: the IP hash it computed and the account of the
 * session. Never what the poster typed (name, email), which anyone can type.
 */
export interface Caller {
  ipHash: string | null;
  userId: number | null;
}

/** What the caller's own earlier comments say, read in one go. */
export interface CallerHistory {
  /** The caller already posted this very body on this article (trashed comments aside). */
  duplicate: boolean;
  /** When the caller last posted, or null. */
  lastCommentAt: Date | null;
  /** The caller's account has an approved comment (false for Public). */
  knownAccount: boolean;
}

export interface ModerationLookups {
  /**
   * Duplicate, flood and known-author facts about the caller's own comments only, so that no
   * answer depends on anyone else's private data: a 409 or a 429 cannot tell whether some
   * email has commented.
   */
  callerHistory(caller: Caller, comment: NormalizedComment): Promise<CallerHistory>;
  /** Only asked when rules.autoApproveByEmail is on. */
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
