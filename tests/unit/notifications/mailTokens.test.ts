import fc from 'fast-check';
import { mailLinkKey, normalizeAddress, signMailToken, verifyMailToken } from '../../../src/core/notifications';

const key = mailLinkKey('a-server-secret');
const now = new Date('2026-12-06T10:00:00Z');
const inADay = new Date(now.getTime() + 86_400_000);

describe('signed mail links', () => {
  it('gives back the address a token was minted for, lower-cased, for its purpose only', () => {
    const confirm = signMailToken(key, { purpose: 'confirm', email: ' Ana@Example.ORG ', expiresAt: inADay });
    expect(verifyMailToken(key, confirm, 'confirm', now)).toBe('ana@example.org');
    expect(verifyMailToken(key, confirm, 'unsubscribe', now)).toBeNull();
    const unsubscribe = signMailToken(key, { purpose: 'unsubscribe', email: 'ana@example.org' });
    expect(verifyMailToken(key, unsubscribe, 'unsubscribe', new Date('2099-01-01'))).toBe('ana@example.org');
    expect(verifyMailToken(key, unsubscribe, 'confirm', now)).toBeNull();
  });

  it('refuses an expired token, another key’s, and anything malformed', () => {
    expect(verifyMailToken(key, signMailToken(key, { purpose: 'confirm', email: 'a@b.org', expiresAt: new Date(now.getTime() - 1) }), 'confirm', now)).toBeNull();
    expect(verifyMailToken(mailLinkKey('another-secret'), signMailToken(key, { purpose: 'unsubscribe', email: 'a@b.org' }), 'unsubscribe', now)).toBeNull();
    for (const token of [undefined, null, 42, '', 'abc', 'a.b.c', '.', `${'x'.repeat(2000)}.y`]) expect(verifyMailToken(key, token, 'confirm', now)).toBeNull();
    // A well-signed payload that is not what a token holds.
    const forgedShape = Buffer.from(JSON.stringify({ purpose: 'confirm' })).toString('base64url');
    expect(verifyMailToken(key, `${forgedShape}.${signMailToken(key, { purpose: 'confirm', email: 'a@b.org' }).split('.')[1]}`, 'confirm', now)).toBeNull();
    expect(() => mailLinkKey('')).toThrow(/non-empty secret/);
  });

  it('is refused after any one character is changed', () => {
    const token = signMailToken(key, { purpose: 'unsubscribe', email: 'reader@example.org' });
    fc.assert(
      fc.property(fc.nat(token.length - 1), fc.string({ minLength: 1, maxLength: 1 }), (at, replacement) => {
        fc.pre(token[at] !== replacement);
        const changed = `${token.slice(0, at)}${replacement}${token.slice(at + 1)}`;
        // base64url decoders forgive some trailing bits: a change that decodes to the same bytes is the same token.
        const same = changed.split('.').every((part, i) => Buffer.from(part, 'base64url').equals(Buffer.from(token.split('.')[i] ?? '', 'base64url')));
        expect(verifyMailToken(key, changed, 'unsubscribe', now)).toBe(same ? 'reader@example.org' : null);
      })
    );
  });

  it('normalizes addresses by trimming and lower-casing', () => {
    expect(normalizeAddress('  Léa.Martin@Exemple.FR\n')).toBe('léa.martin@exemple.fr');
  });
});
