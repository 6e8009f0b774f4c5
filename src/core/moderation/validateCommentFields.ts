import { stripInvisible } from '../text/stripInvisible';
import { isValidEmail } from './isValidEmail';
import type { CommentField, FieldCheck, ModerationRules } from './types';

type LengthRules = Pick<ModerationRules, 'authorNameMaxLength' | 'authorEmailMaxLength' | 'bodyMaxLength'>;

const ANY_CONTROL = /\p{Cc}/u;
// Line breaks and tabs are how readers lay out a comment; everything else in
// Cc (null bytes above all, which Postgres refuses) is never typed by a human.
const CONTROL_EXCEPT_LAYOUT = /[^\P{Cc}\n\r\t]/u;

const LABELS: Record<CommentField, string> = { authorName: 'Name', authorEmail: 'Email', body: 'Comment' };

type Invalid = Extract<FieldCheck, { ok: false }>;

function invalid(field: CommentField, message: string): Invalid {
  return { ok: false, field, message };
}

function checkText(
  fields: Readonly<Record<string, unknown>>,
  field: CommentField,
  maxLength: number,
  forbidden: RegExp,
): { ok: true; value: string } | Invalid {
  const raw = fields[field];
  const label = LABELS[field];
  if (raw === undefined || raw === null) return invalid(field, `${label} is required`);
  if (typeof raw !== 'string') return invalid(field, `${label} must be text`);
  if (forbidden.test(raw)) return invalid(field, `${label} contains invalid characters`);
  // Bidi overrides and zero-width characters would make the name or the text read otherwise
  // than it is written (a link that displays backwards); a value made only of them is empty.
  const value = stripInvisible(raw).trim();
  if (value === '') return invalid(field, `${label} is required`);
  if (value.length > maxLength) return invalid(field, `${label} must be at most ${maxLength} characters`);
  return { ok: true, value };
}

export function validateCommentFields(fields: Readonly<Record<string, unknown>>, rules: LengthRules): FieldCheck {
  const name = checkText(fields, 'authorName', rules.authorNameMaxLength, ANY_CONTROL);
  if (!name.ok) return name;
  const email = checkText(fields, 'authorEmail', rules.authorEmailMaxLength, ANY_CONTROL);
  if (!email.ok) return email;
  // Lower-cased so "Jane@X.org" and "jane@x.org" are one author for flood
  // control and auto-approval.
  const authorEmail = email.value.toLowerCase();
  if (!isValidEmail(authorEmail)) return invalid('authorEmail', 'Email is not a valid address');
  const body = checkText(fields, 'body', rules.bodyMaxLength, CONTROL_EXCEPT_LAYOUT);
  if (!body.ok) return body;
  return { ok: true, value: { authorName: name.value, authorEmail, body: body.value } };
}
