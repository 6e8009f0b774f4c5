import { BOT_PLACEHOLDERS, DEFAULT_MODERATION_RULES, normalizeBotSubmission } from '../../../src/core/moderation';

const rules = DEFAULT_MODERATION_RULES;

describe('normalizeBotSubmission', () => {
  it('trims and truncates instead of failing', () => {
    const value = normalizeBotSubmission(
      { authorName: `  ${'n'.repeat(400)}`, authorEmail: ' BOT@Spam.Example ', body: 'b'.repeat(9000) },
      rules,
    );
    expect(value.authorName).toHaveLength(245);
    expect(value.authorEmail).toBe('bot@spam.example');
    expect(value.body).toHaveLength(5000);
  });

  it('strips null bytes a database would refuse', () => {
    const value = normalizeBotSubmission({ authorName: 'a\u0000b', authorEmail: 'x@y.org', body: 'c\u0000d\ne' }, rules);
    expect(value.authorName).toBe('ab');
    expect(value.body).toBe('cd\ne');
  });

  it('fills what is missing or invalid with placeholders so the spam can be stored', () => {
    expect(normalizeBotSubmission({ authorName: 12, authorEmail: 'nope', body: null }, rules)).toEqual(BOT_PLACEHOLDERS);
  });
});
