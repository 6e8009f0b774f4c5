import fc from 'fast-check';
import { normalizeWebUrl, URL_MAX_LENGTH } from '../../../src/core/attribution';

describe('normalizeWebUrl', () => {
  it.each([
    ['https://www.rt.com/news/1/', 'https://www.rt.com/news/1/'],
    ['http://example.org', 'http://example.org'],
    ['https://example.org/', 'https://example.org'],
    ['HTTPS://EXAMPLE.ORG/a?b=c#d', 'https://example.org/a?b=c#d'],
    ['https://example.org:443/a', 'https://example.org/a'],
    ['http://localhost:1337', 'http://localhost:1337'],
    ['https://example.org/#top', 'https://example.org/#top'],
  ])('stores %s as %s', (typed, url) => {
    expect(normalizeWebUrl(typed)).toEqual({ url });
  });

  it('trims surrounding whitespace', () => {
    expect(normalizeWebUrl('  https://example.org/a  ')).toEqual({ url: 'https://example.org/a' });
  });

  it('reads a missing slash as a browser does, so a credit and a Source store the same address', () => {
    expect(normalizeWebUrl('https:/rt.com')).toEqual({ url: 'https://rt.com' });
    expect(normalizeWebUrl('https:rt.com/news')).toEqual({ url: 'https://rt.com/news' });
  });

  it('percent-encodes a bidi override, so the address reads as what it is', () => {
    expect(normalizeWebUrl('https://ex.org/gpj\u202E.exe')).toEqual({ url: 'https://ex.org/gpj%E2%80%AE.exe' });
    expect(normalizeWebUrl('https://ex.org/?q=\u2066x#\u200B')).toEqual({ url: 'https://ex.org/?q=%E2%81%A6x#%E2%80%8B' });
  });

  it('writes an internationalised host in ASCII and a non-ASCII path percent-encoded', () => {
    expect(normalizeWebUrl('https://réseau-international.fr/Corée')).toEqual({
      url: 'https://xn--rseau-international-bzb.fr/Cor%C3%A9e',
    });
    // A Cyrillic "а" in a Latin name shows for what it is.
    expect(normalizeWebUrl('https://\u0430pple.com/')).toEqual({ url: 'https://xn--pple-43d.com' });
  });

  it.each([
    ['www.rt.com/news/405007-north-korea-russia-meeting/', 'https://www.rt.com/news/405007-north-korea-russia-meeting/'],
    ['rt.com/news/1', 'https://rt.com/news/1'],
    ['reseauinternational.net', 'https://reseauinternational.net'],
    ['example.org:8080/a?b=c', 'https://example.org:8080/a?b=c'],
    ['www.example.co.uk#top', 'https://www.example.co.uk/#top'],
    ['réseau-international.fr/article', 'https://xn--rseau-international-bzb.fr/article'],
  ])('completes the host name %s with https://', (pasted, url) => {
    expect(normalizeWebUrl(pasted)).toEqual({ url });
  });

  it('completes nothing when asked not to', () => {
    expect(normalizeWebUrl('www.rt.com', { completeScheme: false }).url).toBeNull();
  });

  it.each(['', '   ', null, undefined])('treats %j as no URL', (value) => {
    expect(normalizeWebUrl(value)).toEqual({ url: null });
  });

  it.each([
    ['javascript:alert(1)', /not "javascript:"/],
    [' JavaScript:alert(1)', /not "javascript:"/],
    ['data:text/html,<b>', /not "data:"/],
    ['ftp://example.org/file', /not "ftp:"/],
    ['mailto:a@b.org', /not "mailto:"/],
    ['/relative', /web address/],
    ['//example.org/protocol-relative', /web address/],
    ['garbage', /web address/],
    ['localhost:1337', /web address/],
    ['not a url', /spaces/],
    ['http//broken', /web address/],
    ['https://exa mple.org', /spaces/],
    ['https://example.org/a\nb', /control/],
    ['www.exa mple.org', /spaces/],
    ['https://example.org/\u0000', /control/],
    ['https://ex\u202Eample.org/', /web address/],
    ['https://example.org/\uD800', /well-formed/],
    ['https://user:secret@example.org/', /user name or password/],
    ['https://www.bank.example@evil.test/', /user name or password/],
    [`https://example.org/${'a'.repeat(URL_MAX_LENGTH)}`, /2048/],
    ['example.123', /web address/],
    ['https://', /web address/],
  ])('refuses %j with a reason', (value, reason) => {
    const result = normalizeWebUrl(value);
    expect(result.url).toBeNull();
    expect(result.error).toMatch(reason);
  });

  it('refuses a value that is not a string', () => {
    expect(normalizeWebUrl(42).error).toEqual(expect.any(String));
  });

  it.each([
    ['https://example.org/?page=1', /query/],
    ['https://example.org/?', /query/],
    ['https://example.org/#top', /fragment/],
    ['https://example.org#', /fragment/],
    ['example.org/blog#top', /fragment/],
  ])('refuses %j where neither query nor fragment may be', (value, reason) => {
    expect(normalizeWebUrl(value, { allowQuery: false, allowFragment: false }).error).toMatch(reason);
  });

  it('keeps a base URL with a path', () => {
    expect(normalizeWebUrl('https://example.org/news/', { allowQuery: false, allowFragment: false })).toEqual({
      url: 'https://example.org/news/',
    });
  });

  describe('properties', () => {
    // Anything an editor might paste: URLs from fast-check's own generator (with credentials,
    // queries and fragments), the same without a scheme, and text with invisible characters.
    const invisible = fc.constantFrom('\u202E', '\u2066', '\u200B', '\u200D', '\uFEFF', '\u00A0', 'é', '😀', '\uD800');
    const pasted = fc.oneof(
      fc.webUrl({ withQueryParameters: true, withFragments: true, authoritySettings: { withUserInfo: true, withPort: true, withIPv4: true, withIPv6: true } }),
      fc.webUrl().map((url) => url.replace(/^https?:\/\//, '')),
      fc
        .tuple(fc.webUrl({ withQueryParameters: true, withFragments: true }), fc.nat(200), invisible)
        .map(([url, at, char]) => url.slice(0, 8 + (at % Math.max(1, url.length - 8))) + char + url.slice(8 + (at % Math.max(1, url.length - 8)))),
      fc.string({ unit: 'binary', maxLength: 60 })
    );
    const options = fc.record({ allowQuery: fc.boolean(), allowFragment: fc.boolean() });

    it('gives a URL that parses as http(s), with a host, no credentials, in printable ASCII', () => {
      fc.assert(
        fc.property(pasted, options, (value, opts) => {
          const { url, error } = normalizeWebUrl(value, opts);
          if (url === null) return true;
          expect(error).toBeUndefined();
          const parsed = new URL(url);
          expect(['http:', 'https:']).toContain(parsed.protocol);
          expect(parsed.hostname).not.toBe('');
          expect(parsed.username + parsed.password).toBe('');
          expect(url).toMatch(/^[\x21-\x7E]+$/);
          expect(url.length).toBeLessThanOrEqual(URL_MAX_LENGTH);
          // A "?" inside a fragment is part of the fragment, not a query.
          if (!opts.allowQuery) expect(url.split('#')[0]).not.toContain('?');
          if (!opts.allowFragment) expect(url).not.toContain('#');
          return true;
        }),
        { numRuns: 2000 }
      );
    });

    it('changes nothing when run twice, and names the same address the parser reads', () => {
      fc.assert(
        fc.property(pasted, options, (value, opts) => {
          const { url } = normalizeWebUrl(value, opts);
          if (url === null) return true;
          expect(normalizeWebUrl(url, opts)).toEqual({ url });
          expect(new URL(url).href).toBe(new URL(normalizeWebUrl(url, opts).url!).href);
          return true;
        }),
        { numRuns: 2000 }
      );
    });

    it('refuses with a reason, never throws, whatever it is given', () => {
      fc.assert(
        fc.property(fc.oneof(pasted, fc.anything()), (value) => {
          const result = normalizeWebUrl(value);
          expect(result.url === null || typeof result.url === 'string').toBe(true);
          if (result.url === null && result.error !== undefined) expect(result.error).not.toBe('');
          return true;
        }),
        { numRuns: 1000 }
      );
    });
  });
});
