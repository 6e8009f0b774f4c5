import { isValidEmail } from './isValidEmail';
import type { CommentFields, ModerationRules } from './types';

type LengthRules = Pick<ModerationRules, 'authorNameMaxLength' | 'authorEmailMaxLength' | 'bodyMaxLength'>;

// Placeholders keep a bot's comment storable (Strapi requires all three fields
// and checks the email format) so it can still be reviewed in the spam folder.
export const BOT_PLACEHOLDERS: Readonly<CommentFields> = Object.freeze({
  authorName: '(no name)',
  authorEmail: 'unknown@example.invalid',
  body: '(empty)',
});

function clip(value: unknown, maxLength: number, keepLayout: boolean): string {
  if (typeof value !== 'string') return '';
  const stripped = value.replace(keepLayout ? /[^\P{Cc}\n\r\t]/gu : /\p{Cc}/gu, '').trim();
  return stripped.slice(0, maxLength).trim();
}

/** Never fails: a bot's submission is stored as spam, not argued with. */
export function normalizeBotSubmission(fields: Readonly<Record<string, unknown>>, rules: LengthRules): CommentFields {
  const email = clip(fields.authorEmail, rules.authorEmailMaxLength, false).toLowerCase();
  return {
    authorName: clip(fields.authorName, rules.authorNameMaxLength, false) || BOT_PLACEHOLDERS.authorName,
    authorEmail: isValidEmail(email) ? email : BOT_PLACEHOLDERS.authorEmail,
    body: clip(fields.body, rules.bodyMaxLength, true) || BOT_PLACEHOLDERS.body,
  };
}
