import { DEFAULT_MODERATION_RULES, scanWordsAndLinks } from '../../../src/core/moderation';

const fields = { authorName: 'Jeanne', authorEmail: 'jeanne@example.org', body: 'Un commentaire sans histoire.' };
const rules = { ...DEFAULT_MODERATION_RULES, disallowedWords: ['viagra'], moderationWords: ['casino'] };

describe('scanWordsAndLinks', () => {
  it('lets an ordinary comment through', () => {
    expect(scanWordsAndLinks(fields, rules)).toEqual({ verdict: 'clean' });
  });

  it('marks a disallowed word as spam, case-insensitively, in any field', () => {
    expect(scanWordsAndLinks({ ...fields, body: 'Cheap VIAGRA here' }, rules)).toEqual({
      verdict: 'spam',
      reason: 'disallowed word "viagra"',
    });
    expect(scanWordsAndLinks({ ...fields, authorName: 'Viagra Shop' }, rules).verdict).toBe('spam');
    expect(scanWordsAndLinks({ ...fields, authorEmail: 'sales@viagra.example' }, rules).verdict).toBe('spam');
  });

  it('matches words as substrings, as WordPress does', () => {
    expect(scanWordsAndLinks({ ...fields, body: 'myviagrastore' }, rules).verdict).toBe('spam');
  });

  it('holds a moderation word for review and names it', () => {
    expect(scanWordsAndLinks({ ...fields, body: 'Le Casino de Monte-Carlo' }, rules)).toEqual({
      verdict: 'pending',
      reason: 'moderation word "casino"',
    });
  });

  it('prefers spam over pending', () => {
    expect(scanWordsAndLinks({ ...fields, body: 'casino viagra' }, rules).verdict).toBe('spam');
  });

  it('holds comments with too many links', () => {
    expect(scanWordsAndLinks({ ...fields, body: 'one link https://a.example' }, rules).verdict).toBe('clean');
    const held = scanWordsAndLinks({ ...fields, body: 'https://a.example and www.b.com' }, rules);
    expect(held.verdict).toBe('pending');
    expect(held.reason).toMatch(/^2 links/);
  });

  it('ignores blank entries, which would otherwise match everything', () => {
    expect(scanWordsAndLinks(fields, { ...rules, disallowedWords: ['', '  '], moderationWords: [' '] })).toEqual({
      verdict: 'clean',
    });
  });

  it('disables the link check with 0', () => {
    const body = 'https://a.example https://b.example https://c.example';
    expect(scanWordsAndLinks({ ...fields, body }, { ...rules, linksForModeration: 0 }).verdict).toBe('clean');
  });
});
