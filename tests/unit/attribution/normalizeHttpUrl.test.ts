import { normalizeHttpUrl } from '../../../src/core/attribution';

describe('normalizeHttpUrl', () => {
  it.each(['https://www.rt.com/news/1/', 'http://example.org', 'HTTPS://EXAMPLE.ORG/a?b=c#d'])('keeps %s', (url) => {
    expect(normalizeHttpUrl(url)).toEqual({ url });
  });

  it('trims surrounding whitespace', () => {
    expect(normalizeHttpUrl('  https://example.org/  ')).toEqual({ url: 'https://example.org/' });
  });

  it.each([
    ['www.rt.com/news/405007-north-korea-russia-meeting/', 'https://www.rt.com/news/405007-north-korea-russia-meeting/'],
    ['rt.com/news/1', 'https://rt.com/news/1'],
    ['reseauinternational.net', 'https://reseauinternational.net'],
    ['example.org:8080/a?b=c', 'https://example.org:8080/a?b=c'],
    ['www.example.co.uk#top', 'https://www.example.co.uk#top'],
    ['réseau-international.fr/article', 'https://réseau-international.fr/article'],
  ])('completes the host name %s with https://', (pasted, url) => {
    expect(normalizeHttpUrl(pasted)).toEqual({ url });
  });

  it.each(['', '   ', null, undefined])('treats %j as no URL', (value) => {
    expect(normalizeHttpUrl(value)).toEqual({ url: null });
  });

  it.each([
    'javascript:alert(1)',
    ' JavaScript:alert(1)',
    'data:text/html,<b>',
    'ftp://example.org/file',
    'mailto:a@b.org',
    '/relative',
    '//example.org/protocol-relative',
    'garbage',
    'not a url',
    'http//broken',
    'https://exa mple.org',
    'www.exa mple.org',
    'https://example.org/\u0000',
    `https://example.org/${'a'.repeat(3000)}`,
    'example.123',
  ])('refuses %j with a reason', (value) => {
    const result = normalizeHttpUrl(value);
    expect(result.url).toBeNull();
    expect(result.error).toEqual(expect.any(String));
  });

  it('refuses a value that is not a string', () => {
    expect(normalizeHttpUrl(42).error).toEqual(expect.any(String));
  });
});
