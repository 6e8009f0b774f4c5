import {
  checkMailPollMs,
  checkNotifyAddresses,
  checkNotifyMinutes,
  CONFIRM_MAX_UNANSWERED,
  CONFIRM_SPACING_MINUTES,
  digestDue,
  nextConfirmationAt,
  replyNoticeRecipient,
  type ReplyNoticeFacts,
} from '../../../src/core/notifications';

describe('digestDue', () => {
  const now = Date.parse('2026-12-06T10:00:00Z');
  it('is due when something new waits and the last digest is a period old, or there was none', () => {
    expect(digestDue({ lastSentAt: null, minutes: 15, now, newWaiting: 1 })).toBe(true);
    expect(digestDue({ lastSentAt: now - 15 * 60_000, minutes: 15, now, newWaiting: 3 })).toBe(true);
  });
  it('is not due within the period, with nothing new, or with digests off', () => {
    expect(digestDue({ lastSentAt: now - 15 * 60_000 + 1, minutes: 15, now, newWaiting: 3 })).toBe(false);
    expect(digestDue({ lastSentAt: null, minutes: 15, now, newWaiting: 0 })).toBe(false);
    expect(digestDue({ lastSentAt: null, minutes: 0, now, newWaiting: 5 })).toBe(false);
  });
});

describe('settings', () => {
  it('takes whole minutes from 0 to a week and addresses separated by commas, naming the setting otherwise', () => {
    expect(checkNotifyMinutes(0)).toBe(0);
    expect(checkNotifyMinutes(10080)).toBe(10080);
    for (const bad of [-1, 1.5, 10081, Number.NaN]) expect(() => checkNotifyMinutes(bad)).toThrow(/COMMENT_NOTIFY_MINUTES/);
    expect(checkNotifyAddresses([' desk@example.org', '', 'chief@example.org '])).toEqual(['desk@example.org', 'chief@example.org']);
    expect(() => checkNotifyAddresses(['desk@example.org', 'not an address'])).toThrow(/COMMENT_NOTIFY_TO.*"not an address"/);
    expect(checkMailPollMs(1000)).toBe(1000);
    for (const bad of [0, 49, Number.NaN, 1.5]) expect(() => checkMailPollMs(bad)).toThrow(/MAIL_POLL_MS/);
  });
});

describe('nextConfirmationAt', () => {
  const now = new Date('2026-12-06T10:00:00Z');
  const ago = (minutes: number) => new Date(now.getTime() - minutes * 60_000);
  const day = 24 * 60;
  it('lets the first confirmation go at once, and the next an hour after the last', () => {
    expect(nextConfirmationAt({ lastSentAt: null, unsubscribedAt: null, unanswered: 0, now })).toBeNull();
    expect(nextConfirmationAt({ lastSentAt: ago(60), unsubscribedAt: null, unanswered: 2, now })).toBeNull();
    expect(nextConfirmationAt({ lastSentAt: ago(10), unsubscribedAt: null, unanswered: 1, now })).toEqual(new Date(ago(10).getTime() + CONFIRM_SPACING_MINUTES * 60_000));
  });
  it('waits 30 days after an unsubscribe, or after the last confirmation since, whichever is later', () => {
    expect(nextConfirmationAt({ lastSentAt: ago(40 * day), unsubscribedAt: ago(day), unanswered: 0, now })).toEqual(new Date(ago(day).getTime() + 30 * 86_400_000));
    expect(nextConfirmationAt({ lastSentAt: ago(day), unsubscribedAt: ago(40 * day), unanswered: 0, now })).toEqual(new Date(ago(day).getTime() + 30 * 86_400_000));
    expect(nextConfirmationAt({ lastSentAt: null, unsubscribedAt: ago(day), unanswered: 0, now })).toEqual(new Date(ago(day).getTime() + 30 * 86_400_000));
    expect(nextConfirmationAt({ lastSentAt: null, unsubscribedAt: ago(31 * day), unanswered: 0, now })).toBeNull();
  });
  it('sends no more once CONFIRM_MAX_UNANSWERED wait unanswered', () => {
    expect(nextConfirmationAt({ lastSentAt: ago(5 * day), unsubscribedAt: null, unanswered: CONFIRM_MAX_UNANSWERED, now })).toBe('never');
  });
});

describe('replyNoticeRecipient', () => {
  const base: ReplyNoticeFacts = {
    parent: { authorEmail: 'Ana@Example.org', commentStatus: 'approved' },
    reply: { authorEmail: 'bruno@example.org', commentStatus: 'approved' },
    subscription: { email: 'ana@example.org', confirmedAt: new Date('2026-12-01') },
    unsubscribedAt: null,
  };
  it('is the parent’s address, lower-cased, when its own ask was confirmed and not unsubscribed since', () => {
    expect(replyNoticeRecipient(base)).toBe('ana@example.org');
    expect(replyNoticeRecipient({ ...base, reply: { authorEmail: null, commentStatus: 'approved' } })).toBe('ana@example.org');
    expect(replyNoticeRecipient({ ...base, unsubscribedAt: new Date('2026-11-30') })).toBe('ana@example.org');
  });
  it.each<[string, Partial<ReplyNoticeFacts>]>([
    ['the reply is not approved', { reply: { authorEmail: 'bruno@example.org', commentStatus: 'pending' } }],
    ['there is no parent', { parent: null }],
    ['the parent made no ask', { subscription: null }],
    ['the ask was never confirmed', { subscription: { email: 'ana@example.org', confirmedAt: null } }],
    ['the ask was made with another address than the comment now has', { subscription: { email: 'old@example.org', confirmedAt: new Date('2026-12-01') } }],
    ['the parent’s address was erased', { parent: { authorEmail: null, commentStatus: 'approved' } }],
    ['the parent is spam', { parent: { authorEmail: 'ana@example.org', commentStatus: 'spam' } }],
    ['the parent was trashed', { parent: { authorEmail: 'ana@example.org', commentStatus: 'trash' } }],
    ['the address unsubscribed after confirming', { unsubscribedAt: new Date('2026-12-02') }],
    ['the reply is the commenter’s own', { reply: { authorEmail: ' ANA@example.org', commentStatus: 'approved' } }],
  ])('is null when %s', (_, change) => {
    expect(replyNoticeRecipient({ ...base, ...change })).toBeNull();
  });
});
