import {
  DEFAULT_MODERATION_RULES,
  moderateComment,
  type CommentSubmission,
  type ModerationLookups,
  type ModerationRules,
} from '../../../src/core/moderation';

const now = new Date('2024-01-01T12:00:00.000Z');
const rules: ModerationRules = { ...DEFAULT_MODERATION_RULES, disallowedWords: ['viagra'], moderationWords: ['casino'] };

function submission(fields: Record<string, unknown> = {}, ipHash: string | null = 'hash-1'): CommentSubmission {
  return {
    fields: { authorName: 'Jeanne', authorEmail: 'Jeanne@Example.org', body: 'Merci !', website: '', ...fields },
    ipHash,
  };
}

function lookups(overrides: Partial<ModerationLookups> = {}) {
  return {
    isDuplicate: jest.fn(async () => false),
    lastCommentAt: jest.fn(async (): Promise<Date | null> => null),
    hasApprovedComment: jest.fn(async () => false),
    ...overrides,
  };
}

describe('moderateComment', () => {
  it('holds a first comment for review', async () => {
    const outcome = await moderateComment(submission(), rules, lookups(), now);
    expect(outcome).toEqual({
      action: 'store',
      status: 'pending',
      reason: 'first comment from this author',
      value: { authorName: 'Jeanne', authorEmail: 'jeanne@example.org', body: 'Merci !', ipHash: 'hash-1' },
    });
  });

  it('approves an author who already has an approved comment', async () => {
    const deps = lookups({ hasApprovedComment: jest.fn(async () => true) });
    const outcome = await moderateComment(submission(), rules, deps, now);
    expect(outcome).toMatchObject({ action: 'store', status: 'approved' });
    expect(deps.hasApprovedComment).toHaveBeenCalledWith('jeanne@example.org');
  });

  it('does not auto-approve when the rule is off', async () => {
    const deps = lookups({ hasApprovedComment: jest.fn(async () => true) });
    const outcome = await moderateComment(submission(), { ...rules, autoApproveKnownAuthors: false }, deps, now);
    expect(outcome).toMatchObject({ status: 'pending' });
  });

  describe('1. honeypot', () => {
    it('stores a bot comment as spam without validating or querying', async () => {
      const deps = lookups();
      const outcome = await moderateComment(
        submission({ website: 'http://spam.example', authorName: '', authorEmail: 'bad', body: 'x'.repeat(9000) }),
        rules,
        deps,
        now,
      );
      expect(outcome).toMatchObject({ action: 'store', status: 'spam', reason: 'honeypot' });
      if (outcome.action === 'store') {
        expect(outcome.value.body).toHaveLength(5000);
        expect(outcome.value.authorName).not.toBe('');
        expect(outcome.value.ipHash).toBe('hash-1');
      }
      expect(deps.isDuplicate).not.toHaveBeenCalled();
      expect(deps.lastCommentAt).not.toHaveBeenCalled();
    });
  });

  describe('2. validation', () => {
    it('rejects with 400 naming the field, before any lookup', async () => {
      const deps = lookups({ isDuplicate: jest.fn(async () => true) });
      const outcome = await moderateComment(submission({ authorEmail: 'nope' }), rules, deps, now);
      expect(outcome).toEqual({ action: 'reject', status: 400, field: 'authorEmail', message: 'Email is not a valid address' });
      expect(deps.isDuplicate).not.toHaveBeenCalled();
    });
  });

  describe('3. duplicate', () => {
    it('rejects with 409 before the flood check', async () => {
      const deps = lookups({ isDuplicate: jest.fn(async () => true), lastCommentAt: jest.fn(async () => now) });
      const outcome = await moderateComment(submission(), rules, deps, now);
      expect(outcome).toMatchObject({ action: 'reject', status: 409 });
      expect(deps.isDuplicate).toHaveBeenCalledWith(expect.objectContaining({ authorEmail: 'jeanne@example.org', body: 'Merci !' }));
    });
  });

  describe('4. flood', () => {
    it('rejects with 429 and the seconds left', async () => {
      const deps = lookups({ lastCommentAt: jest.fn(async () => new Date(now.getTime() - 4_500)) });
      const outcome = await moderateComment(submission(), rules, deps, now);
      expect(outcome).toMatchObject({ action: 'reject', status: 429, retryAfterSeconds: 11 });
      expect(deps.lastCommentAt).toHaveBeenCalledWith(expect.objectContaining({ ipHash: 'hash-1' }));
    });

    it('lets the author through once the interval has passed', async () => {
      const deps = lookups({ lastCommentAt: jest.fn(async () => new Date(now.getTime() - 15_000)) });
      expect(await moderateComment(submission(), rules, deps, now)).toMatchObject({ action: 'store' });
    });

    it('takes the ip hash from the server, not from the request body', async () => {
      const deps = lookups();
      const outcome = await moderateComment(submission({ ipHash: 'forged' }, 'real'), rules, deps, now);
      expect(outcome.action === 'store' && outcome.value.ipHash).toBe('real');
    });
  });

  describe('5. words and links', () => {
    it('stores a disallowed word as spam even for a known author', async () => {
      const deps = lookups({ hasApprovedComment: jest.fn(async () => true) });
      const outcome = await moderateComment(submission({ body: 'viagra' }), rules, deps, now);
      expect(outcome).toMatchObject({ action: 'store', status: 'spam', reason: 'disallowed word "viagra"' });
    });

    it('holds a moderation word or too many links even for a known author', async () => {
      const deps = lookups({ hasApprovedComment: jest.fn(async () => true) });
      expect(await moderateComment(submission({ body: 'casino' }), rules, deps, now)).toMatchObject({
        status: 'pending',
        reason: 'moderation word "casino"',
      });
      expect(
        await moderateComment(submission({ body: 'http://a.example http://b.example' }), rules, deps, now),
      ).toMatchObject({ status: 'pending', reason: expect.stringMatching(/links/) });
    });
  });
});
