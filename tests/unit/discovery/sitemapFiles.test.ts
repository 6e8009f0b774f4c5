import fc from 'fast-check';
import { absoluteUrl, estimateEntryBytes, newsLanguage, newsWindowStart, parseSitemapFile, renderUrlEntry, SitemapPager, sitemapFileName } from '../../../src/core/discovery';

describe('sitemap file names', () => {
  const types = ['articles', 'categories', 'blog-posts'];
  const locales = ['fr', 'en', 'pt-BR', 'zh-Hant-TW'];

  it('reads the index, the news sitemap and each page back from its name', () => {
    expect(parseSitemapFile('index.xml', types, locales)).toEqual({ kind: 'index' });
    expect(parseSitemapFile('news.xml', types, locales)).toEqual({ kind: 'news' });
    expect(parseSitemapFile('articles-fr-2.xml', types, locales)).toEqual({ kind: 'urlset', type: 'articles', locale: 'fr', page: 2 });
    expect(parseSitemapFile('blog-posts-pt-br-1.xml', types, locales)).toEqual({ kind: 'urlset', type: 'blog-posts', locale: 'pt-BR', page: 1 });
  });

  it('names nothing for an unknown type, locale or page, or a page 0', () => {
    for (const name of ['articles-xx-1.xml', 'pages-fr-1.xml', 'articles-fr-0.xml', 'articles-fr-01.xml', 'articles-fr.xml', 'articles-fr-1.json', '../articles-fr-1.xml']) {
      expect(parseSitemapFile(name, types, locales)).toBeNull();
    }
  });

  it('round-trips every type, locale and page', () => {
    fc.assert(
      fc.property(fc.constantFrom(...types), fc.constantFrom(...locales), fc.integer({ min: 1, max: 999_999 }), (type, locale, page) => {
        expect(parseSitemapFile(sitemapFileName(type, locale, page), types, locales)).toEqual({ kind: 'urlset', type, locale, page });
      })
    );
  });
});

describe('SitemapPager', () => {
  it('starts a new page at 50 000 URLs', () => {
    const pager = new SitemapPager();
    const pages = Array.from({ length: 100_001 }, () => pager.add(300));
    expect(pages[49_999]).toBe(1);
    expect(pages[50_000]).toBe(2);
    expect(pages[100_000]).toBe(3);
  });

  it('starts a new page before the estimated bytes pass the limit', () => {
    const pager = new SitemapPager(50_000, 1000);
    expect([400, 400, 400, 100, 1500, 1].map((bytes) => pager.add(bytes))).toEqual([1, 1, 2, 2, 3, 4]);
  });
});

describe('absoluteUrl', () => {
  it('percent-encodes a Greek or French path as UTF-8 and punycodes the host', () => {
    expect(absoluteUrl('https://news.example/', '/el/ιστολόγιο/κόσμος')).toBe('https://news.example/el/%CE%B9%CF%83%CF%84%CE%BF%CE%BB%CF%8C%CE%B3%CE%B9%CE%BF/%CE%BA%CF%8C%CF%83%CE%BC%CE%BF%CF%82');
    expect(absoluteUrl('https://actualités.example', '/blog/été')).toBe('https://xn--actualits-i4a.example/blog/%C3%A9t%C3%A9');
  });

  it('is null without a base URL or for one that is not http(s)', () => {
    expect(absoluteUrl(null, '/blog')).toBeNull();
    expect(absoluteUrl('javascript:alert(1)//', '/blog')).toBeNull();
    expect(absoluteUrl('not a url', '/blog')).toBeNull();
  });
});

describe('Google News rules', () => {
  it('looks back 48 hours', () => {
    expect(newsWindowStart(new Date('2026-12-05T12:00:00Z')).toISOString()).toBe('2026-12-03T12:00:00.000Z');
  });

  it('names languages as Google News wants them', () => {
    expect(['fr', 'en-GB', 'pt_BR', 'zh-Hans', 'zh-TW', 'zh-Hant-HK', 'EL'].map(newsLanguage)).toEqual(['fr', 'en', 'pt', 'zh-cn', 'zh-tw', 'zh-tw', 'el']);
  });
});

describe('renderUrlEntry', () => {
  it('writes loc, lastmod and the alternates, XML-escaped', () => {
    expect(
      renderUrlEntry({
        loc: "https://news.example/blog/a?x=1&y='2'",
        lastmod: new Date('2026-12-05T10:00:00Z'),
        alternates: [
          { hreflang: 'en', url: 'https://news.example/en/a?x=1&y=2' },
          { hreflang: 'x-default', url: 'https://news.example/blog/a' },
        ],
      })
    ).toBe(
      '<url><loc>https://news.example/blog/a?x=1&amp;y=&#39;2&#39;</loc><lastmod>2026-12-05T10:00:00.000Z</lastmod>' +
        '<xhtml:link rel="alternate" hreflang="en" href="https://news.example/en/a?x=1&amp;y=2"/>' +
        '<xhtml:link rel="alternate" hreflang="x-default" href="https://news.example/blog/a"/></url>\n'
    );
  });

  it('leaves out what it does not know', () => {
    expect(renderUrlEntry({ loc: 'https://news.example/', lastmod: null, alternates: [] })).toBe('<url><loc>https://news.example/</loc></url>\n');
  });

  it('stays within the estimate the pager splits pages by', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', minLength: 1, maxLength: 200 }), fc.integer({ min: 0, max: 6 }), (path, count) => {
        const url = absoluteUrl('https://news.example', `/${path}`);
        fc.pre(url !== null);
        const entry = renderUrlEntry({ loc: url!, lastmod: new Date(), alternates: Array.from({ length: count }, () => ({ hreflang: 'zh-Hant-TW', url: url! })) });
        expect(estimateEntryBytes(`https://news.example/${path}`, count)).toBeGreaterThanOrEqual(Buffer.byteLength(entry));
      })
    );
  });
});
