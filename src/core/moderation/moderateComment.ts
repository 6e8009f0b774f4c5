/**
 * Decides what happens to a submitted comment. The checks run in this fixed
 * order and the first decisive one wins:
 *
 *   1. invalid field          -> rejected, 400, naming the field (a bot that
 *                                filled the honeypot is not validated: its
 *                                fields are clipped and it goes on as spam)
 *   2. duplicate              -> rejected, 409
 *   3. too soon (flood)       -> rejected, 429 with retryAfterSeconds
 *   4. honeypot filled        -> stored as spam ("honeypot"); bots are not told
 *   5. words and links        -> stored as spam (disallowed word) or pending
 *                                (moderation word, too many links)
 *   6. known author           -> stored as approved: a signed-in account with an
 *                                approved comment (or, opt-in, a known email)
 *   7. otherwise              -> stored as pending ("first comment from this author")
 *
 * Duplicate and flood are judged on the caller's own history (its IP hash and its account,
 * which the server knows), never on the email it typed: so no answer reveals whether some
 * address has commented, and a trapped bot is held to the same rate as anyone, which bounds
 * what it can store. They come after the cheap local checks and before storing anything.
 */
import { computeRetryAfter } from './computeRetryAfter';
import { isHoneypotFilled } from './isHoneypotFilled';
import { normalizeBotSubmission } from './normalizeBotSubmission';
import { scanWordsAndLinks } from './scanWordsAndLinks';
import type { CommentSubmission, ModerationLookups, ModerationOutcome, ModerationRules, NormalizedComment } from './types';
import { validateCommentFields } from './validateCommentFields';

export async function moderateComment(
  input: CommentSubmission,
  rules: ModerationRules,
  lookups: ModerationLookups,
  now: Date,
): Promise<ModerationOutcome> {
  const caller = { ipHash: input.ipHash ?? null, userId: input.userId ?? null };
  const trapped = isHoneypotFilled(input.fields, rules);

  let value: NormalizedComment;
  if (trapped) {
    value = { ...normalizeBotSubmission(input.fields, rules), ipHash: caller.ipHash };
  } else {
    const checked = validateCommentFields(input.fields, rules);
    if (!checked.ok) return { action: 'reject', status: 400, field: checked.field, message: checked.message };
    value = { ...checked.value, ipHash: caller.ipHash };
  }

  const history = await lookups.callerHistory(caller, value);
  if (history.duplicate) {
    return { action: 'reject', status: 409, message: 'Duplicate comment: it looks as though you have already said that.' };
  }
  if (rules.floodIntervalSeconds > 0) {
    const retryAfterSeconds = computeRetryAfter(history.lastCommentAt, now, rules.floodIntervalSeconds);
    if (retryAfterSeconds > 0) {
      return {
        action: 'reject',
        status: 429,
        message: `You are posting comments too quickly. Please wait ${retryAfterSeconds} s.`,
        retryAfterSeconds,
      };
    }
  }

  if (trapped) return { action: 'store', status: 'spam', reason: 'honeypot', value };

  const scan = scanWordsAndLinks(value, rules);
  if (scan.verdict !== 'clean') {
    return { action: 'store', status: scan.verdict, reason: scan.reason ?? scan.verdict, value };
  }

  if (rules.autoApproveKnownAuthors && history.knownAccount) {
    return { action: 'store', status: 'approved', reason: 'known author', value };
  }
  if (rules.autoApproveByEmail && (await lookups.hasApprovedComment(value.authorEmail))) {
    return { action: 'store', status: 'approved', reason: 'known email', value };
  }
  return { action: 'store', status: 'pending', reason: 'first comment from this author', value };
}
