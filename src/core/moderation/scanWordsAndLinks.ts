import { countLinks } from './countLinks';
import type { CommentFields, ModerationRules, ScanResult } from './types';

type ScanRules = Pick<ModerationRules, 'disallowedWords' | 'moderationWords' | 'linksForModeration'>;

function normalizeForMatching(text: string): string {
  return text.normalize('NFC').toLowerCase();
}

function findWord(haystacks: readonly string[], words: readonly string[]): string | undefined {
  return words.find((word) => {
    const needle = normalizeForMatching(word.trim());
    // A blank line in the settings would otherwise match every comment.
    return needle !== '' && haystacks.some((haystack) => haystack.includes(needle));
  });
}

export function scanWordsAndLinks(fields: CommentFields, rules: ScanRules): ScanResult {
  const haystacks = [fields.authorName, fields.authorEmail, fields.body].map(normalizeForMatching);
  const disallowed = findWord(haystacks, rules.disallowedWords);
  if (disallowed !== undefined) return { verdict: 'spam', reason: `disallowed word "${disallowed.trim()}"` };
  const held = findWord(haystacks, rules.moderationWords);
  if (held !== undefined) return { verdict: 'pending', reason: `moderation word "${held.trim()}"` };
  if (rules.linksForModeration > 0) {
    const links = countLinks(fields.body);
    if (links >= rules.linksForModeration) {
      return { verdict: 'pending', reason: `${links} links (${rules.linksForModeration} or more are held for review)` };
    }
  }
  return { verdict: 'clean' };
}
