import {
  DEFAULT_MODERATION_RULES,
  moderateComment,
  type CallerHistory,
  type CommentSubmission,
  type ModerationRules,
} from '../../../src/core/moderation';

const now = new Date('2024-01-01T12:00:00.000Z');
const rules: ModerationRules = { ...DEFAULT_MODERATION_RULES, disallowedWords: ['viagra'], moderationWords: ['casino'] };

function submission(fields: Record<string, unknown> = {}, ipHash: string | null = 'hash-1', userId: number | null = null): CommentSubmission {
  return {
    fields: { authorName: 'Jeanne', authorEmail: 'Jeanne@Example.org', body: 'Merci !', website: '', ...fields },
    ipHash,
    userId,
  };
}

function lookups(history: Partial<CallerHistory> = {}, knownEmail = false) {
  return {
    callerHistory: jest.fn(async (): Promise<CallerHistory> => ({ duplicate: false, lastCommentAt: null, knownAccount: false, ...history })),
    hasApprovedComment: jest.fn(async () => knownEmail),
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

  it('asks about the caller as the server knows it (IP hash, account), never by the email it typed', async () => {
    const deps = lookups();
    await moderateComment(submission({}, 'hash-1', 7), rules, deps, now);
    expect(deps.callerHistory).toHaveBeenCalledWith({ ipHash: 'hash-1', userId: 7 }, expect.objectContaining({ body: 'Merci !' }));
    expect(deps.hasApprovedComment).not.toHaveBeenCalled();
  });

  describe('6. known authors', () => {
    it('approves a signed-in account that already has an approved comment', async () => {
      const outcome = await moderateComment(submission({}, 'hash-1', 7), rules, lookups({ knownAccount: true }), now);
      expect(outcome).toMatchObject({ action: 'store', status: 'approved', reason: 'known author' });
    });

    it('does not approve on a known email alone, unless that opt-in rule is on', async () => {
      expect(await moderateComment(submission(), rules, lookups({}, true), now)).toMatchObject({ status: 'pending' });
      const optedIn = await moderateComment(submission(), { ...rules, autoApproveByEmail: true }, lookups({}, true), now);
      expect(optedIn).toMatchObject({ status: 'approved', reason: 'known email' });
    });

    it('does not auto-approve when the rule is off', async () => {
      const outcome = await moderateComment(submission(), { ...rules, autoApproveKnownAuthors: false }, lookups({ knownAccount: true }), now);
      expect(outcome).toMatchObject({ status: 'pending' });
    });
  });

  describe('the honeypot', () => {
    it('stores a bot comment as spam without validating it', async () => {
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
    });

    it('holds a trapped bot to the same duplicate and flood rules as anyone, so it cannot fill the store', async () => {
      const trap = { website: 'http://spam.example' };
      expect(await moderateComment(submission(trap), rules, lookups({ duplicate: true }), now)).toMatchObject({ status: 409 });
      const recent = lookups({ lastCommentAt: new Date(now.getTime() - 1000) });
      expect(await moderateComment(submission(trap), rules, recent, now)).toMatchObject({ status: 429 });
    });
  });

  describe('validation', () => {
    it('rejects with 400 naming the field, before any lookup', async () => {
      const deps = lookups({ duplicate: true });
      const outcome = await moderateComment(submission({ authorEmail: 'nope' }), rules, deps, now);
      expect(outcome).toEqual({ action: 'reject', status: 400, field: 'authorEmail', message: 'Email is not a valid address' });
      expect(deps.callerHistory).not.toHaveBeenCalled();
    });
  });

  describe('duplicate', () => {
    it('rejects with 409 before the flood check', async () => {
      const outcome = await moderateComment(submission(), rules, lookups({ duplicate: true, lastCommentAt: now }), now);
      expect(outcome).toMatchObject({ action: 'reject', status: 409 });
    });
  });

  describe('flood', () => {
    it('rejects with 429 and the seconds left', async () => {
      const outcome = await moderateComment(submission(), rules, lookups({ lastCommentAt: new Date(now.getTime() - 4_500) }), now);
      expect(outcome).toMatchObject({ action: 'reject', status: 429, retryAfterSeconds: 11 });
    });

    it('lets the author through once the interval has passed', async () => {
      const deps = lookups({ lastCommentAt: new Date(now.getTime() - 15_000) });
      expect(await moderateComment(submission(), rules, deps, now)).toMatchObject({ action: 'store' });
    });

    it('takes the ip hash from the server, not from the request body', async () => {
      const deps = lookups();
      const outcome = await moderateComment(submission({ ipHash: 'forged' }, 'real'), rules, deps, now);
      expect(outcome.action === 'store' && outcome.value.ipHash).toBe('real');
      expect(deps.callerHistory).toHaveBeenCalledWith({ ipHash: 'real', userId: null }, expect.anything());
    });
  });

  describe('words and links', () => {
    it('stores a disallowed word as spam even for a known author', async () => {
      const outcome = await moderateComment(submission({ body: 'viagra' }, 'h', 7), rules, lookups({ knownAccount: true }), now);
      expect(outcome).toMatchObject({ action: 'store', status: 'spam', reason: 'disallowed word "viagra"' });
    });

    it('holds a moderation word or too many links even for a known author', async () => {
      const deps = lookups({ knownAccount: true });
      expect(await moderateComment(submission({ body: 'casino' }, 'h', 7), rules, deps, now)).toMatchObject({
        status: 'pending',
        reason: 'moderation word "casino"',
      });
      expect(
        await moderateComment(submission({ body: 'http://a.example http://b.example' }, 'h', 7), rules, deps, now),
      ).toMatchObject({ status: 'pending', reason: expect.stringMatching(/links/) });
    });
  });
});
