import { stripInvisible } from '../text/stripInvisible';

export const FIELD_MAX_LENGTH = 1000;

// Control characters: null bytes break Postgres text columns.
const CONTROL = /\p{Cc}/gu;

/**
 * Trims, collapses whitespace, strips control characters and caps the length,
 * so one pasted 10 000-character caption cannot take over the footer.
 * Anything that is not a string becomes "".
 */
export function cleanText(value: unknown, maxLength: number = FIELD_MAX_LENGTH): string {
  if (typeof value !== 'string') return '';
  // Bidi overrides and zero-width characters can make a credit read backwards on the page.
  const clean = stripInvisible(value.replace(/\s+/g, ' ').replace(CONTROL, '')).replace(/ {2,}/g, ' ').trim();
  if (clean.length <= maxLength) return clean;
  let cut = maxLength - 1;
  // Never split a surrogate pair: half an emoji renders as a replacement box.
  const lastKept = clean.charCodeAt(cut - 1);
  if (lastKept >= 0xd800 && lastKept <= 0xdbff) cut -= 1;
  return `${clean.slice(0, cut).trimEnd()}…`;
}
