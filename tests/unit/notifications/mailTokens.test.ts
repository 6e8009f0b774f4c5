import fc from 'fast-check';
import { mailLinkKey, normalizeAddress, signMailToken, verifyMailToken } from '../../../src/core/notifications';

const key = mailLinkKey('a-server-secret');
const now = new Date('2026-12-06T10:00:00Z');
const inADay = new Date(now.getTime() + 86_400_000);

describe('sealed mail links', () => {
  it('gives back what a token was minted with, for its purpose only', () => {
    const confirm = signMailToken(key, { purpose: 'confirm', email: ' Ana@Example.ORG ', commentDocumentId: 'abc123', issuedAt: now, expiresAt: inADay });
    expect(verifyMailToken(key, confirm, 'confirm', now)).toEqual({ purpose: 'confirm', email: 'ana@example.org', commentDocumentId: 'abc123', issuedAt: now, expiresAt: inADay });
    expect(verifyMailToken(key, confirm, 'unsubscribe', now)).toBeNull();
    const unsubscribe = signMailToken(key, { purpose: 'unsubscribe', email: 'ana@example.org' });
    expect(verifyMailToken(key, unsubscribe, 'unsubscribe', new Date('2099-01-01'))).toMatchObject({ email: 'ana@example.org', expiresAt: null, commentDocumentId: null });
    expect(verifyMailToken(key, unsubscribe, 'confirm', now)).toBeNull();
  });

  it('does not show the address it carries', () => {
    const token = signMailToken(key, { purpose: 'unsubscribe', email: 'reader@example.org' });
    expect(token).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(Buffer.from(token, 'base64url').toString('latin1')).not.toContain('reader');
    // A fresh IV each time: two links to one address do not even look alike.
    expect(signMailToken(key, { purpose: 'unsubscribe', email: 'reader@example.org' })).not.toBe(token);
  });

  it('refuses an expired token, another key’s, and anything malformed; never mints a confirm token without expiry', () => {
    const expired = signMailToken(key, { purpose: 'confirm', email: 'a@b.org', commentDocumentId: 'c', expiresAt: new Date(now.getTime() - 1) });
    expect(verifyMailToken(key, expired, 'confirm', now)).toBeNull();
    expect(verifyMailToken(mailLinkKey('another-secret'), signMailToken(key, { purpose: 'unsubscribe', email: 'a@b.org' }), 'unsubscribe', now)).toBeNull();
    for (const token of [undefined, null, 42, '', 'abc', 'a.b', '....', 'x'.repeat(3000)]) expect(verifyMailToken(key, token, 'confirm', now)).toBeNull();
    expect(() => signMailToken(key, { purpose: 'confirm', email: 'a@b.org', commentDocumentId: 'c' })).toThrow(/expiry/);
    expect(() => signMailToken(key, { purpose: 'confirm', email: 'a@b.org', expiresAt: inADay })).toThrow(/comment/);
    expect(() => mailLinkKey('')).toThrow(/non-empty secret/);
  });

  it('is refused after any one character is changed', () => {
    const token = signMailToken(key, { purpose: 'unsubscribe', email: 'reader@example.org' });
    fc.assert(
      fc.property(fc.nat(token.length - 1), fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.'), (at, replacement) => {
        fc.pre(token[at] !== replacement);
        const changed = `${token.slice(0, at)}${replacement}${token.slice(at + 1)}`;
        // base64url decoders forgive the unused bits of the last character: a change there decodes to the same bytes.
        const same = /^[A-Za-z0-9_-]+$/.test(changed) && Buffer.from(changed, 'base64url').equals(Buffer.from(token, 'base64url'));
        expect(verifyMailToken(key, changed, 'unsubscribe', now)).toEqual(same ? expect.objectContaining({ email: 'reader@example.org' }) : null);
      })
    );
  });

  it('normalizes addresses by trimming and lower-casing', () => {
    expect(normalizeAddress('  Léa.Martin@Exemple.FR\n')).toBe('léa.martin@exemple.fr');
  });
});
