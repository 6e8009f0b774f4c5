import { checkNotifyAddresses, checkNotifyMinutes, digestDue, replyNoticeRecipient, type ReplyNoticeFacts } from '../../../src/core/notifications';

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
  });
});

describe('replyNoticeRecipient', () => {
  const confirmed = { confirmedAt: new Date('2026-12-01'), unsubscribedAt: null };
  const base: ReplyNoticeFacts = {
    parent: { authorEmail: 'Ana@Example.org', notifyReplies: true, commentStatus: 'approved' },
    reply: { authorEmail: 'bruno@example.org', commentStatus: 'approved' },
    address: confirmed,
  };
  it('is the parent’s address, lower-cased, when it asked, confirmed and did not unsubscribe since', () => {
    expect(replyNoticeRecipient(base)).toBe('ana@example.org');
    expect(replyNoticeRecipient({ ...base, reply: { authorEmail: null, commentStatus: 'approved' } })).toBe('ana@example.org');
    expect(replyNoticeRecipient({ ...base, address: { confirmedAt: new Date('2026-12-03'), unsubscribedAt: new Date('2026-12-02') } })).toBe('ana@example.org');
  });
  it.each<[string, Partial<ReplyNoticeFacts>]>([
    ['the reply is not approved', { reply: { authorEmail: 'bruno@example.org', commentStatus: 'pending' } }],
    ['there is no parent', { parent: null }],
    ['the parent did not ask', { parent: { authorEmail: 'ana@example.org', notifyReplies: false, commentStatus: 'approved' } }],
    ['the parent’s address was erased', { parent: { authorEmail: null, notifyReplies: true, commentStatus: 'approved' } }],
    ['the parent is spam', { parent: { authorEmail: 'ana@example.org', notifyReplies: true, commentStatus: 'spam' } }],
    ['the parent was trashed', { parent: { authorEmail: 'ana@example.org', notifyReplies: true, commentStatus: 'trash' } }],
    ['the address has no row', { address: null }],
    ['the address never confirmed', { address: { confirmedAt: null, unsubscribedAt: null } }],
    ['the address unsubscribed after confirming', { address: { confirmedAt: new Date('2026-12-01'), unsubscribedAt: new Date('2026-12-02') } }],
    ['the reply is the commenter’s own', { reply: { authorEmail: ' ANA@example.org', commentStatus: 'approved' } }],
  ])('is null when %s', (_, change) => {
    expect(replyNoticeRecipient({ ...base, ...change })).toBeNull();
  });
});
