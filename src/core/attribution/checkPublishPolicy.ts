import { cleanText } from './cleanText';
import { findOriginalUrl } from './findOriginalUrl';
import type { Credit } from './types';

/** Human-readable reasons the article may not be published; empty when it may. */
export function checkPublishPolicy(credits: readonly Credit[]): string[] {
  const problems: string[] = [];
  // A translation that does not say what it translates cannot be checked by readers.
  if (credits.some((credit) => credit.role === 'translation') && findOriginalUrl(credits) === null) {
    problems.push("A translation credit needs an original credit with the original article's URL");
  }
  const refusing = new Set<string>();
  for (const credit of credits) {
    if (credit.role === 'original' && credit.source?.allowsRepublication === false) {
      refusing.add(cleanText(credit.source.name));
    }
  }
  for (const name of refusing) {
    problems.push(name ? `Source "${name}" does not allow republication` : 'The original source does not allow republication');
  }
  return problems;
}
