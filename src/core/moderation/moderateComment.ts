/**
 * Decides what happens to a submitted comment. The checks run in this fixed
 * order and the first decisive one wins:
 *
 *   1. honeypot filled        -> stored as spam ("honeypot"); bots are not told
 *                                why, and their fields are clipped, not validated
 *   2. invalid field          -> rejected, 400, naming the field
 *   3. duplicate              -> rejected, 409
 *   4. too soon (flood)       -> rejected, 429 with retryAfterSeconds
 *   5. words and links        -> stored as spam (disallowed word) or pending
 *                                (moderation word, too many links)
 *   6. known author           -> stored as approved
 *   7. otherwise              -> stored as pending ("first comment from this author")
 *
 * Cheap, local checks come before the lookups so a flood of junk costs no queries.
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
  const ipHash = input.ipHash ?? null;

  if (isHoneypotFilled(input.fields, rules)) {
    const value = { ...normalizeBotSubmission(input.fields, rules), ipHash };
    return { action: 'store', status: 'spam', reason: 'honeypot', value };
  }

  const checked = validateCommentFields(input.fields, rules);
  if (!checked.ok) return { action: 'reject', status: 400, field: checked.field, message: checked.message };
  const value: NormalizedComment = { ...checked.value, ipHash };

  if (await lookups.isDuplicate(value)) {
    return { action: 'reject', status: 409, message: 'Duplicate comment: it looks as though you have already said that.' };
  }

  if (rules.floodIntervalSeconds > 0) {
    const retryAfterSeconds = computeRetryAfter(await lookups.lastCommentAt(value), now, rules.floodIntervalSeconds);
    if (retryAfterSeconds > 0) {
      return {
        action: 'reject',
        status: 429,
        message: `You are posting comments too quickly. Please wait ${retryAfterSeconds} s.`,
        retryAfterSeconds,
      };
    }
  }

  const scan = scanWordsAndLinks(value, rules);
  if (scan.verdict !== 'clean') {
    return { action: 'store', status: scan.verdict, reason: scan.reason ?? scan.verdict, value };
  }

  if (rules.autoApproveKnownAuthors && (await lookups.hasApprovedComment(value.authorEmail))) {
    return { action: 'store', status: 'approved', reason: 'known author', value };
  }
  return { action: 'store', status: 'pending', reason: 'first comment from this author', value };
}
