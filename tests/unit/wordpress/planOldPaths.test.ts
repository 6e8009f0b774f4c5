import fc from 'fast-check';
import { normalizeOldPath, planOldPaths } from '../../../src/core/wordpress/planOldPaths';
import { readRequestedPath } from '../../../src/core/trail/readRequestedPath';

const SITE = ['https://cellule44.example'];

describe('planOldPaths', () => {
  it('keeps the permalink’s path whatever the structure, without its trailing slash', () => {
    const post = (link: string) => planOldPaths({ link, siteUrls: SITE, kind: 'post', id: 42 })[0];
    expect(post('https://cellule44.example/2017/09/29/derriere-les-portes-closes/')).toBe('/2017/09/29/derriere-les-portes-closes');
    expect(post('https://cellule44.example/derriere-les-portes-closes/')).toBe('/derriere-les-portes-closes');
    expect(post('https://cellule44.example/archives/42')).toBe('/archives/42');
    expect(post('https://cellule44.example/blog/coree-du-nord/derriere-les-portes-closes.html')).toBe('/blog/coree-du-nord/derriere-les-portes-closes.html');
  });

  it('adds the query form WordPress answers for every structure', () => {
    expect(planOldPaths({ link: 'https://cellule44.example/2017/09/29/sommet/', siteUrls: SITE, kind: 'post', id: 42 })).toEqual([
      '/2017/09/29/sommet',
      '/?p=42',
    ]);
    expect(planOldPaths({ link: 'https://cellule44.example/category/monde/asie/', siteUrls: SITE, kind: 'category', id: 7, nicename: 'asie' })).toEqual([
      '/category/monde/asie',
      '/?cat=7',
    ]);
  });

  it('keeps the whole path of a site under a sub-path, and puts the query form there', () => {
    const paths = planOldPaths({ link: 'https://example.org/news/2017/09/sommet/', siteUrls: ['https://example.org/news/', 'https://example.org/news'], kind: 'post', id: 3 });
    expect(paths).toEqual(['/news/2017/09/sommet', '/news/?p=3']);
  });

  it('plans the permalink with each old slug in place of the slug, only where the slug ends the permalink', () => {
    expect(
      planOldPaths({ link: 'https://cellule44.example/2017/09/29/sommet-moscou/', siteUrls: SITE, kind: 'post', id: 42, nicename: 'sommet-moscou', oldSlugs: ['entretiens', 'brouillon-2', 'sommet-moscou'] }),
    ).toEqual(['/2017/09/29/sommet-moscou', '/2017/09/29/entretiens', '/2017/09/29/brouillon-2', '/?p=42']);
    expect(planOldPaths({ link: 'https://cellule44.example/archives/42', siteUrls: SITE, kind: 'post', id: 42, nicename: 'sommet', oldSlugs: ['ancien'] })).toEqual([
      '/archives/42',
      '/?p=42',
    ]);
    expect(planOldPaths({ link: 'https://cellule44.example/sommet.html', siteUrls: SITE, kind: 'post', id: 42, nicename: 'sommet', oldSlugs: ['ancien'] })).toEqual([
      '/sommet.html',
      '/ancien.html',
      '/?p=42',
    ]);
    // Without the slug there is no telling which segment it is.
    expect(planOldPaths({ link: 'https://cellule44.example/sommet/', siteUrls: SITE, kind: 'post', id: 42, oldSlugs: ['ancien'] })).toEqual(['/sommet', '/?p=42']);
  });

  it('compares and writes non-Latin slugs in one percent-encoded form', () => {
    expect(
      planOldPaths({ link: 'https://cellule44.example/%d0%bf%d1%80%d0%b8/', siteUrls: SITE, kind: 'post', id: 5, nicename: '%D0%BF%D1%80%D0%B8', oldSlugs: ['старый'] }),
    ).toEqual(['/%D0%BF%D1%80%D0%B8', '/%D1%81%D1%82%D0%B0%D1%80%D1%8B%D0%B9', '/?p=5']);
  });

  it('gives the path of a link on another host than the site’s', () => {
    expect(planOldPaths({ link: 'http://old-host.example/2015/sommet/', siteUrls: SITE, kind: 'post', id: 9 })).toEqual(['/2015/sommet', '/?p=9']);
  });

  it('writes a plain permalink once, as its query form', () => {
    expect(planOldPaths({ link: 'https://cellule44.example/?p=42', siteUrls: SITE, kind: 'post', id: 42 })).toEqual(['/?p=42']);
    expect(planOldPaths({ link: 'https://cellule44.example/?cat=7', siteUrls: SITE, kind: 'category', id: 7 })).toEqual(['/?cat=7']);
  });

  it('gives no path for garbage, never the root, and no query form without an id', () => {
    for (const link of ['', 'not a link', 'javascript:alert(1)', 'mailto:a@b.example', 'ftp://x.example/a', 'https://', 'http://[::1', null as unknown as string]) {
      expect(() => planOldPaths({ link, siteUrls: SITE, kind: 'post', id: 1 })).not.toThrow();
      expect(planOldPaths({ link, siteUrls: SITE, kind: 'post', id: 1 })).toEqual(['/?p=1']);
    }
    expect(planOldPaths({ link: 'https://cellule44.example/', siteUrls: SITE, kind: 'post', id: 0 })).toEqual([]);
    expect(planOldPaths({ link: 'https://cellule44.example/a/', siteUrls: ['garbage'], kind: 'post', id: 2 })).toEqual(['/a', '/?p=2']);
  });
});

describe('normalizeOldPath', () => {
  it('gives one form for every spelling of a percent-encoded path (RFC 3986 §6.2.2)', () => {
    const forms = ['/%d0%bf%d1%80%d0%b8/', '/%D0%BF%D1%80%D0%B8', '/при', 'https://cellule44.example/при/', '/%D0%BF%d1%80%D0%B8//'];
    for (const form of forms) expect(normalizeOldPath(form)).toBe('/%D0%BF%D1%80%D0%B8');
    expect(normalizeOldPath('/%7euser/%41b%2dc')).toBe('/~user/Ab-c');
    expect(normalizeOldPath('/a b/(x)+y')).toBe('/a%20b/%28x%29%2By');
    expect(normalizeOldPath('/a%2Fb')).toBe('/a%2Fb');
    expect(normalizeOldPath('/100%/x')).toBe('/100%25/x');
  });

  it('resolves dot segments and drops the host, fragment and other queries', () => {
    expect(normalizeOldPath('/a/./b/../c/')).toBe('/a/c');
    expect(normalizeOldPath('/a/%2e%2e/c')).toBe('/c');
    expect(normalizeOldPath('https://x.example/a/b/?utm_source=feed#comments')).toBe('/a/b');
    expect(normalizeOldPath('//a/b')).toBe('/a/b');
    expect(normalizeOldPath('/')).toBe('/');
  });

  it('keeps the id queries WordPress reads, in the planned form', () => {
    expect(normalizeOldPath('https://x.example/?p=42&preview=true')).toBe('/?p=42');
    expect(normalizeOldPath('/?cat=007')).toBe('/?cat=7');
    expect(normalizeOldPath('/index.php?p=42')).toBe('/?p=42');
    expect(normalizeOldPath('/news/?page_id=3')).toBe('/news/?page_id=3');
    expect(normalizeOldPath('/news?p=3')).toBe('/news/?p=3');
    expect(normalizeOldPath('/?p=abc')).toBe('/');
  });

  it('refuses what is no path', () => {
    for (const value of ['', 'relative/path', 'javascript:alert(1)', '/a\u0000b', 'https://', 42 as unknown as string, `/${'a'.repeat(1600)}`]) {
      expect(normalizeOldPath(value)).toBeNull();
    }
  });

  const segmentChar = fc.oneof(
    fc.constantFrom('a', 'Z', '9', '-', '.', '_', '~', '%', '%2f', '%C3%A9', '%c3%a9', 'é', 'п', ' ', '+', '(', '?', '#', '&', '=', '..', '\\', '😀', '\ud800'),
    fc.string({ maxLength: 3 }),
  );
  const path = fc.array(fc.array(segmentChar, { maxLength: 5 }).map((chars) => chars.join('')), { maxLength: 6 }).map((segments) => `/${segments.join('/')}`);

  it('is idempotent, and its paths are Colophon request paths (property)', () => {
    fc.assert(
      fc.property(fc.oneof(path, path.map((p) => `https://x.example${p}`), fc.string()), (input) => {
        const once = normalizeOldPath(input);
        if (once === null) return;
        expect(normalizeOldPath(once)).toBe(once);
        expect(once.startsWith('/')).toBe(true);
        if (!once.includes('?')) {
          expect(readRequestedPath(once)).toBe(once);
          expect(once).toMatch(/^\/(?:[A-Za-z0-9\-._~]|%[0-9A-F]{2})*(?:\/(?:[A-Za-z0-9\-._~]|%[0-9A-F]{2})+)*$/);
        }
      }),
    );
  });

  it('gives the same form for a raw and a percent-encoded spelling of any text (property)', () => {
    // Not a separator, a control character, a dot segment, or blanks at an end (the input is trimmed).
    const segmentText = fc
      .string({ unit: 'grapheme', minLength: 1, maxLength: 20 })
      .filter((s) => !/[/?#%\\\u0000-\u001f\u007f]/.test(s) && s.trim() === s && s !== '.' && s !== '..');
    fc.assert(
      fc.property(segmentText, (segment) => {
        const raw = normalizeOldPath(`/x/${segment}`);
        expect(normalizeOldPath(`/x/${encodeURIComponent(segment)}`)).toBe(raw);
        expect(normalizeOldPath(`/x/${encodeURIComponent(segment).replace(/%[0-9A-F]{2}/g, (escape) => escape.toLowerCase())}`)).toBe(raw);
      }),
    );
  });
});
