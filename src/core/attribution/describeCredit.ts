import { cleanText } from './cleanText';
import { toHttpUrl } from './toHttpUrl';
import type { Typography } from './resolveTypography';
import { CREDIT_ROLES, type Credit, type CreditLine } from './types';

function joinPresent(parts: readonly string[], joiner: string): string {
  return parts.filter((part) => part !== '').join(joiner);
}

function describeValue(credit: Credit, dash: string): string {
  const sourceName = cleanText(credit.source?.name);
  const person = cleanText(credit.person);
  // Only a genuine web address may be shown: a "javascript:" string in the
  // footer invites readers to copy it.
  const url = toHttpUrl(credit.url) ?? '';
  switch (credit.role) {
    case 'original':
      return joinPresent([sourceName, cleanText(credit.title), url], dash);
    case 'author':
    case 'translation':
    case 'adaptation':
      return joinPresent([person, sourceName], dash);
    case 'photo':
      return joinPresent([cleanText(credit.caption), joinPresent([person, sourceName], dash)], ' / ');
    case 'via':
      return joinPresent([sourceName || person, url], dash);
    default:
      return '';
  }
}

/** Returns null when the credit has nothing to say. */
export function describeCredit(credit: Credit, typography: Typography): CreditLine | null {
  // Roles come from stored data; one this code does not know has no label to show.
  if (!CREDIT_ROLES.includes(credit.role)) return null;
  const value = describeValue(credit, typography.dash);
  const note = cleanText(credit.note);
  const text = value && note ? `${value} (${note})` : value || note;
  if (text === '') return null;
  return {
    role: credit.role,
    label: typography.labels[credit.role],
    text,
    url: toHttpUrl(credit.url) ?? toHttpUrl(credit.source?.website),
  };
}
