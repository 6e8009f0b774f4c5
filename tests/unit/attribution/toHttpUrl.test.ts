import { toHttpUrl } from '../../../src/core/attribution';

describe('toHttpUrl', () => {
  it.each([
    ['https://www.rt.com/news/1/', 'https://www.rt.com/news/1/'],
    ['http://example.org', 'http://example.org'],
    ['HTTPS://EXAMPLE.ORG/a?b=c#d', 'https://example.org/a?b=c#d'],
  ])('links %s as %s', (url, link) => {
    expect(toHttpUrl(url)).toBe(link);
  });

  it('trims surrounding whitespace', () => {
    expect(toHttpUrl('  https://example.org/a  ')).toBe('https://example.org/a');
  });

  it('shows a value stored before the rule with its bidi override percent-encoded', () => {
    expect(toHttpUrl('https://ex.org/gpj\u202E.exe')).toBe('https://ex.org/gpj%E2%80%AE.exe');
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
    'https://user:secret@example.org/',
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
