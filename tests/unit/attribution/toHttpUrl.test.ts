import { toHttpUrl } from '../../../src/core/attribution';

describe('toHttpUrl', () => {
  it.each(['https://www.rt.com/news/1/', 'http://example.org', 'HTTPS://EXAMPLE.ORG/a?b=c#d'])('keeps %s', (url) => {
    expect(toHttpUrl(url)).toBe(url);
  });

  it('trims surrounding whitespace', () => {
    expect(toHttpUrl('  https://example.org/  ')).toBe('https://example.org/');
  });

  it.each([
    'javascript:alert(1)',
    ' JavaScript:alert(1)',
    'data:text/html,<b>',
    'ftp://example.org/file',
    'mailto:a@b.org',
    '/relative',
    '//example.org/protocol-relative',
    'example.org',
    'http//broken',
    'https://exa mple.org',
    'https://example.org/\u0000',
    '',
    `https://example.org/${'a'.repeat(3000)}`,
  ])('refuses %j', (url) => {
    expect(toHttpUrl(url)).toBeNull();
  });

  it('refuses non-strings', () => {
    expect(toHttpUrl(null)).toBeNull();
    expect(toHttpUrl({ href: 'https://x.org' })).toBeNull();
  });
});
