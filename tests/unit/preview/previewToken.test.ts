import { signPreviewToken, verifyPreviewToken, type PreviewTarget } from '../../../src/core/preview';

const SECRET = 'preview-secret';
const draft: PreviewTarget = { uid: 'api::article.article', documentId: 'abc123', locale: 'fr', status: 'draft' };
const NOW = 1_800_000_000;
const token = signPreviewToken(draft, SECRET, NOW + 3600);

describe('preview tokens', () => {
  it('open the version they were signed for until they expire', () => {
    expect(verifyPreviewToken(draft, token, SECRET, NOW)).toBe(true);
    expect(verifyPreviewToken(draft, token, SECRET, NOW + 3599)).toBe(true);
  });

  it('open nothing once expired', () => {
    expect(verifyPreviewToken(draft, token, SECRET, NOW + 3600)).toBe(false);
  });

  it.each([
    ['another document', { documentId: 'other' }],
    ['another locale', { locale: 'en' }],
    ['the published version', { status: 'published' }],
    ['another type', { uid: 'api::category.category' }],
  ] as const)('open nothing for %s', (_, change) => {
    expect(verifyPreviewToken({ ...draft, ...change } as PreviewTarget, token, SECRET, NOW)).toBe(false);
  });

  it('refuse a token signed with another secret, a moved expiry, or a flipped signature', () => {
    expect(verifyPreviewToken(draft, signPreviewToken(draft, 'other-secret', NOW + 3600), SECRET, NOW)).toBe(false);
    const [, signature] = token.split('.');
    expect(verifyPreviewToken(draft, `${NOW + 99999}.${signature}`, SECRET, NOW)).toBe(false);
    const flipped = `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`;
    expect(verifyPreviewToken(draft, flipped, SECRET, NOW)).toBe(false);
  });

  it.each([undefined, '', 'garbage', ['a', 'b'], `${NOW + 3600}.`, `${NOW + 3600}.${'A'.repeat(44)}`])(
    'refuse a missing or malformed token (%p)',
    (given) => {
      expect(verifyPreviewToken(draft, given, SECRET, NOW)).toBe(false);
    }
  );

  it('refuse to sign or verify with an empty secret', () => {
    expect(() => signPreviewToken(draft, '', NOW)).toThrow(/secret/);
    expect(verifyPreviewToken(draft, token, '', NOW)).toBe(false);
  });
});
