import type { ModerationRules } from './types';

// WordPress's defaults, so editors coming from WordPress find what they expect.
// Frozen because this object is shared by every request.
export const DEFAULT_MODERATION_RULES: Readonly<ModerationRules> = Object.freeze({
  honeypotField: 'website',
  authorNameMaxLength: 245,
  authorEmailMaxLength: 100,
  bodyMaxLength: 5000,
  floodIntervalSeconds: 15,
  disallowedWords: Object.freeze([] as string[]),
  moderationWords: Object.freeze([] as string[]),
  linksForModeration: 2,
  autoApproveKnownAuthors: true,
  autoApproveByEmail: false,
  maxThreadDepth: 5,
});
