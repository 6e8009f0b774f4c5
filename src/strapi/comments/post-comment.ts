import type { Core } from '@strapi/strapi';
import { fieldError } from '../errors';
import { hashIp, moderateComment, renderCommentHtml, type StoredStatus } from '../../core/moderation';
import { colophonConfig } from '../colophon-config';
import { articleLink, findCommentableArticle } from './article';
import type { Reader } from './caller';
import { recountComments } from './comment-count';
import { createModerationLookups, lockAuthor } from './lookups';
import { askForReplyNotices } from '../notifications';
import { normalizeAddress } from '../../core/notifications';
import { READER_FIELDS } from './model';
import { throwRejection } from './rejections';
import { parentLink, placeInThread } from './thread';

interface CreateParams {
  data?: Record<string, unknown>;
}

const USER_AGENT_MAX_LENGTH = 500;

/**
 * A reader posts a comment, over REST or GraphQL alike. In order:
 *   1. the request itself: only the reader's fields, on a published article open to comments,
 *      as a reply to an approved comment no deeper than allowed (400/404, nothing stored);
 *   2. moderation (src/core/moderation/moderateComment.ts): honeypot, validation, duplicate,
 *      flood, words and links, known author;
 *   3. the comment is stored with what the server alone decides: status, reason, IP hash,
 *      user agent, account, rendered HTML, depth; the article's count follows if it is public.
 * The checks of step 1 read outside any transaction (on SQLite, the read-only connection), so
 * the single writer is held only for steps 2 and 3: the moderation lookups, the insert and the
 * count share the transaction `transact` opens, which the caller may extend with work of its
 * own (the change log) after the comment is stored.
 */
export async function postComment<T>(
  strapi: Core.Strapi,
  reader: Reader,
  params: CreateParams,
  next: () => Promise<any>,
  transact: (work: (trx: unknown) => Promise<any>) => Promise<T>
): Promise<T> {
  const { rules, ipHashSecret } = colophonConfig(strapi).comments;
  const sent = params.data ?? {};
  rejectUnknownFields(sent, rules.honeypotField);

  const article = await findCommentableArticle(strapi, sent.article);
  const place = await placeInThread(strapi, sent.parent, article, rules, { approvedParentOnly: true });
  const ipHash = reader.ip ? hashIp(reader.ip, ipHashSecret) : null;
  const fields = withAccountDefaults(sent, reader);
  const notifyReplies = readNotifyReplies(fields);

  return transact(async (trx) => {
    const userId = reader.account?.id ?? null;
    await lockAuthor(strapi, trx, [ipHash && `ip:${ipHash}`, userId !== null ? `user:${userId}` : null]);
    const outcome = await moderateComment({ fields, ipHash, userId }, rules, createModerationLookups(strapi, article), new Date());
    if (outcome.action === 'reject') throwRejection(outcome, reader.ctx);

    const { authorName, authorEmail, body } = outcome.value;
    params.data = {
      article: articleLink(article),
      parent: parentLink(place),
      parentDocumentId: place.parentDocumentId,
      depth: place.depth,
      authorName,
      authorEmail,
      body,
      bodyHtml: renderCommentHtml(body),
      commentStatus: outcome.status,
      moderationReason: outcome.reason.slice(0, 255),
      ipHash: outcome.value.ipHash,
      userAgent: cleanUserAgent(reader.userAgent),
      user: reader.account ? { connect: [{ id: reader.account.id }] } : null,
      notifyReplies,
    };
    const created = await next();
    if (outcome.status === 'approved') await recountComments(strapi, trx, [article.documentId]);
    // Spam asks for nothing: a bot's typed address gets no confirmation mail.
    if (notifyReplies && authorEmail && outcome.status !== 'spam' && created?.documentId && colophonConfig(strapi).comments.notifications.enabled) {
      const account = reader.account;
      const provenByAccount = Boolean(account?.confirmed && account.email && normalizeAddress(account.email) === normalizeAddress(String(authorEmail)));
      await askForReplyNotices(strapi, trx, { email: String(authorEmail), commentDocumentId: created.documentId, provenByAccount });
    }
    return toldToPoster(created, outcome.status);
  });
}

/** The client sets its own words and where they go; everything else is the server's. */
function rejectUnknownFields(sent: Record<string, unknown>, honeypotField: string): void {
  const allowed = new Set<string>([...READER_FIELDS, honeypotField]);
  const unknown = Object.keys(sent).filter((key) => !allowed.has(key));
  if (unknown.length > 0) {
    throw fieldError(
      `A comment takes only ${[...READER_FIELDS].join(', ')}; the server sets the rest. Not allowed: ${unknown.join(', ')}`,
      unknown[0],
      { fields: unknown }
    );
  }
}

/** A signed-in reader need not retype who they are: name and email default to the account's. */
function withAccountDefaults(sent: Record<string, unknown>, reader: Reader): Record<string, unknown> {
  if (!reader.account) return sent;
  return {
    ...sent,
    authorName: sent.authorName ?? reader.account.username ?? undefined,
    authorEmail: sent.authorEmail ?? reader.account.email ?? undefined,
  };
}

/**
 * `notifyReplies: true` asks for a mail when a reply is approved (after a double opt-in); it
 * needs an address to mail. 400 naming the field otherwise.
 */
function readNotifyReplies(fields: Record<string, unknown>): boolean {
  const value = fields.notifyReplies;
  if (value === undefined || value === null) return false;
  if (typeof value !== 'boolean') throw fieldError('notifyReplies must be true or false', 'notifyReplies');
  if (value && (typeof fields.authorEmail !== 'string' || fields.authorEmail.trim() === '')) {
    throw fieldError('authorEmail is required to be mailed replies (notifyReplies: true)', 'authorEmail');
  }
  return value;
}

function cleanUserAgent(userAgent: string | null): string | null {
  if (!userAgent) return null;
  const clean = userAgent.replace(/\p{Cc}/gu, '').trim().slice(0, USER_AGENT_MAX_LENGTH);
  return clean || null;
}

/**
 * Spam is stored as spam but reported as pending, exactly what a first-time human poster
 * sees: a bot that filled the honeypot or used a disallowed word learns nothing from the answer.
 */
function toldToPoster(created: any, status: StoredStatus) {
  return status === 'spam' && created ? { ...created, commentStatus: 'pending' } : created;
}
