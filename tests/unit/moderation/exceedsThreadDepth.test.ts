import { DEFAULT_MODERATION_RULES, exceedsThreadDepth } from '../../../src/core/moderation';

describe('exceedsThreadDepth', () => {
  it('allows replies down to the configured depth', () => {
    expect(exceedsThreadDepth(1, DEFAULT_MODERATION_RULES)).toBe(false);
    expect(exceedsThreadDepth(4, DEFAULT_MODERATION_RULES)).toBe(false);
  });

  it('refuses a reply that would go one level deeper', () => {
    expect(exceedsThreadDepth(5, DEFAULT_MODERATION_RULES)).toBe(true);
    expect(exceedsThreadDepth(1, { maxThreadDepth: 1 })).toBe(true);
  });
});
