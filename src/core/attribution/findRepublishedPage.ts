import { toHttpUrl } from './toHttpUrl';
import type { Credit, CreditSource } from './types';

export interface RepublishedPage {
  /** The page we copy, when the credits give its address. */
  url: string | null;
  /** Its language (the credit's, else its source's), null when nobody says. */
  language: string | null;
  /** Whose agreement governs the copy. */
  source: CreditSource | null;
}

/**
 * The page a republication copies: a translation or adaptation done elsewhere when there is
 * one (we republish the translation, not the original), else the first original credit.
 * Null when nothing is republished.
 */
export function findRepublishedPage(credits: readonly Credit[]): RepublishedPage | null {
  const credit =
    credits.find((c) => (c.role === 'translation' || c.role === 'adaptation') && c.source) ?? credits.find((c) => c.role === 'original');
  if (!credit) return null;
  const language = (credit.language ?? credit.source?.language ?? '').trim();
  return { url: toHttpUrl(credit.url), language: language || null, source: credit.source ?? null };
}
