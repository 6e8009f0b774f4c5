import fc from 'fast-check';
import { parseAtomFeed, parseJsonFeed, parseRssFeed } from 'feedsmith';
import Parser from 'rss-parser';
import { renderAttribution, type Credit } from '../../../src/core/attribution';
import {
  buildFeedChannel,
  buildFeedItem,
  categoryTrailOf,
  checkFeedSize,
  enclosureOf,
  feedAuthors,
  feedContentHtml,
  feedItemId,
  feedLinks,
  feedPath,
  feedText,
  parseFeedRequest,
  renderFeed,
  tightenCdata,
  type FeedArticle,
  type FeedItem,
} from '../../../src/core/discovery';

const BASE = 'https://example.org';
const FIRST = new Date('2026-12-05T22:30:00Z');

/** A reader that knows nothing of feedsmith, asked for what RSS and Atom carry beyond its defaults. */
const reader = new Parser({
  customFields: {
    feed: ['updated'],
    item: [['dc:creator', 'creators', { keepArray: true }], ['atom:updated', 'updated'], ['published', 'published'], ['category', 'atomCategories', { keepArray: true }]],
  },
});

const crumbs = (...labels: string[]) => labels.map((label, index) => ({ label, path: `/${index}`, url: `${BASE}/${index}` }));

function article(overrides: Partial<FeedArticle> = {}): FeedArticle {
  return {
    documentId: 'k2xq7pz0abcd1234efgh5678',
    locale: 'fr',
    title: 'Rats & <chats> </script>',
    path: '/blog/monde/europe/rats-et-chats',
    excerpt: 'Un résumé & <b>rien</b>',
    body: [{ type: 'paragraph', children: [{ type: 'text', text: 'Le corps & <em>' }] }],
    attribution: { html: '<p>Auteur\u00a0: Jeanne</p>' },
    breadcrumbs: crumbs('Cellule44', 'Blog', 'Monde', 'Europe', 'Rats & <chats> </script>'),
    firstPublishedAt: FIRST,
    publishedAt: new Date('2026-12-06T08:00:00Z'),
    updatedAt: new Date('2026-12-06T09:00:00Z'),
    credits: [{ role: 'author', person: 'Jeanne Martin', url: 'https://jeanne.example/' }],
    cover: { url: 'https://cdn.example.org/uploads/cover.jpg', mime: 'image/jpeg', sizeKb: 123.46 },
    ...overrides,
  };
}

function channelFor(items: FeedItem[], file = 'rss.xml') {
  return buildFeedChannel({
    siteName: 'Cellule44 & <Co>',
    baseUrl: BASE,
    locale: 'fr',
    pagePath: '/',
    selfUrl: `${BASE}${feedPath('fr', file as any)}`,
    atomUrl: `${BASE}${feedPath('fr', 'atom.xml')}`,
    category: null,
    quietSince: null,
    items,
  });
}

describe('feed links and paths', () => {
  it('names the site’s three feeds, then the category’s three, with absolute public URLs', () => {
    expect(feedLinks({ baseUrl: 'https://example.org/', siteName: 'Cellule44', locale: 'fr', category: { documentId: 'k2xq', name: 'Corée du Nord' } })).toEqual([
      { type: 'application/rss+xml', title: 'Cellule44 (RSS)', url: 'https://example.org/feeds/fr/rss.xml' },
      { type: 'application/atom+xml', title: 'Cellule44 (Atom)', url: 'https://example.org/feeds/fr/atom.xml' },
      { type: 'application/feed+json', title: 'Cellule44 (JSON Feed)', url: 'https://example.org/feeds/fr/feed.json' },
      { type: 'application/rss+xml', title: 'Cellule44 – Corée du Nord (RSS)', url: 'https://example.org/feeds/fr/categories/k2xq/rss.xml' },
      { type: 'application/atom+xml', title: 'Cellule44 – Corée du Nord (Atom)', url: 'https://example.org/feeds/fr/categories/k2xq/atom.xml' },
      { type: 'application/feed+json', title: 'Cellule44 – Corée du Nord (JSON Feed)', url: 'https://example.org/feeds/fr/categories/k2xq/feed.json' },
    ]);
  });

  it('names the site’s feeds alone without a category, and none without a base URL', () => {
    expect(feedLinks({ baseUrl: BASE, siteName: 'S', locale: 'pt-BR' }).map((link) => link.url)).toEqual([
      'https://example.org/feeds/pt-br/rss.xml',
      'https://example.org/feeds/pt-br/atom.xml',
      'https://example.org/feeds/pt-br/feed.json',
    ]);
    expect(feedLinks({ baseUrl: null, siteName: 'S', locale: 'fr', category: { documentId: 'x', name: 'X' } })).toEqual([]);
    expect(feedLinks({ baseUrl: '', siteName: 'S', locale: 'fr' })).toEqual([]);
  });

  it('puts the feeds under /feeds/<locale>/ and a category’s under categories/<documentId>/', () => {
    expect(feedPath('fr', 'rss.xml')).toBe('/feeds/fr/rss.xml');
    expect(feedPath('EN', 'feed.json', 'abc123')).toBe('/feeds/en/categories/abc123/feed.json');
  });

  it('reads the route’s parameters back, and says what is wrong with a bad one', () => {
    const locales = ['fr', 'en', 'pt-BR'];
    expect(parseFeedRequest({ locale: 'fr', file: 'atom.xml' }, locales)).toEqual({ locale: 'fr', file: 'atom.xml', categoryDocumentId: null });
    expect(parseFeedRequest({ locale: 'pt-br', file: 'feed.json', documentId: 'abc' }, locales)).toEqual({ locale: 'pt-BR', file: 'feed.json', categoryDocumentId: 'abc' });
    expect(parseFeedRequest({ locale: 'fr', file: 'rss.json' }, locales)).toEqual({ error: 'No feed is named "rss.json": there are rss.xml, atom.xml, feed.json' });
    expect(parseFeedRequest({ locale: 'de', file: 'rss.xml' }, locales)).toEqual({ error: 'No feeds in locale "de": the locales are fr, en, pt-BR' });
    expect(parseFeedRequest({ locale: 'fr', file: 'rss.xml', documentId: '../x' }, locales)).toHaveProperty('error');
  });

  it('round-trips every locale, file and category through feedPath and parseFeedRequest', () => {
    const locales = ['fr', 'en', 'pt-BR', 'zh-Hant-TW'];
    fc.assert(
      fc.property(fc.constantFrom(...locales), fc.constantFrom('rss.xml', 'atom.xml', 'feed.json' as const), fc.option(fc.stringMatching(/^[a-z0-9]{24}$/), { nil: undefined }), (locale, file, documentId) => {
        const [, , wantedLocale, ...rest] = feedPath(locale, file, documentId).split('/');
        const params = rest.length === 1 ? { locale: wantedLocale, file: rest[0] } : { locale: wantedLocale, documentId: rest[1], file: rest[2] };
        expect(parseFeedRequest(params, locales)).toEqual({ locale, file, categoryDocumentId: documentId ?? null });
      })
    );
  });
});

describe('feed items', () => {
  it('gets a tag: URI from the host, the day of first publication, the documentId and the locale', () => {
    expect(feedItemId('https://Example.ORG:8443/', FIRST, 'k2xq', 'fr')).toBe('tag:example.org,2026-12-05:k2xq/fr');
    expect(feedItemId('https://bücher.example', FIRST, 'k2xq', 'pt-BR')).toBe('tag:xn--bcher-kva.example,2026-12-05:k2xq/pt-BR');
    expect(feedItemId('', FIRST, 'k2xq', 'fr')).toBeNull();
  });

  it('keeps its id when the article is renamed, moved or published again', () => {
    const before = buildFeedItem(article(), { baseUrl: BASE, rootCrumbs: 2 })!;
    const after = buildFeedItem(
      article({ title: 'Autre titre', path: '/blog/asie/autre-titre', breadcrumbs: crumbs('C', 'Blog', 'Asie', 'Autre titre'), publishedAt: new Date('2027-01-01T00:00:00Z') }),
      { baseUrl: BASE, rootCrumbs: 2 }
    )!;
    expect(after.id).toBe(before.id);
    expect(after.url).not.toBe(before.url);
  });

  it('carries the link, dates, authors, trail, excerpt, body and footer, and the cover', () => {
    expect(buildFeedItem(article(), { baseUrl: BASE, rootCrumbs: 2 })).toEqual({
      id: 'tag:example.org,2026-12-05:k2xq7pz0abcd1234efgh5678/fr',
      url: 'https://example.org/blog/monde/europe/rats-et-chats',
      title: 'Rats & <chats> </script>',
      summary: 'Un résumé & <b>rien</b>',
      contentHtml: '<p>Le corps &amp; &lt;em&gt;</p>\n<p>Auteur\u00a0: Jeanne</p>',
      published: FIRST,
      updated: new Date('2026-12-06T08:00:00Z'),
      authors: [{ name: 'Jeanne Martin', url: 'https://jeanne.example' }],
      categories: ['Monde', 'Europe'],
      image: 'https://cdn.example.org/uploads/cover.jpg',
      enclosure: { url: 'https://cdn.example.org/uploads/cover.jpg', type: 'image/jpeg', length: 123460 },
    });
  });

  it('percent-encodes a Greek or French path in its link', () => {
    const item = buildFeedItem(article({ path: '/el/blog/κόσμος/ειδήσεις-éé' }), { baseUrl: BASE, rootCrumbs: 2 })!;
    expect(item.url).toBe('https://example.org/el/blog/%CE%BA%CF%8C%CF%83%CE%BC%CE%BF%CF%82/%CE%B5%CE%B9%CE%B4%CE%AE%CF%83%CE%B5%CE%B9%CF%82-%C3%A9%C3%A9');
  });

  it('has no item for a row without a page', () => {
    expect(buildFeedItem(article({ path: null }), { baseUrl: BASE, rootCrumbs: 2 })).toBeNull();
    expect(buildFeedItem(article(), { baseUrl: '', rootCrumbs: 2 })).toBeNull();
  });

  it('reads the category trail between the root crumbs and the article', () => {
    expect(categoryTrailOf(crumbs('Site', 'Blog', 'Monde', 'Europe', 'Article'), 2)).toEqual(['Monde', 'Europe']);
    expect(categoryTrailOf(crumbs('Site', 'Monde', 'Article'), 1)).toEqual(['Monde']);
    expect(categoryTrailOf(crumbs('Site', 'Blog', 'Article'), 2)).toEqual([]);
    expect(categoryTrailOf(null, 2)).toEqual([]);
  });

  it('reads authors as the NewsArticle does: author persons, else author Sources, else the original’s Source, else none', () => {
    const afp = { name: 'AFP', kind: 'agency' as const, website: 'https://www.afp.com' };
    const rt = { name: 'RT', kind: 'outlet' as const };
    expect(feedAuthors([{ role: 'author', person: 'Jeanne' }, { role: 'author', person: 'Paul', url: 'https://paul.example' }, { role: 'photo', person: 'Zoé' }], 'fr')).toEqual([
      { name: 'Jeanne' },
      { name: 'Paul', url: 'https://paul.example' },
    ]);
    expect(feedAuthors([{ role: 'author', source: afp }], 'fr')).toEqual([{ name: 'AFP', url: 'https://www.afp.com' }]);
    expect(feedAuthors([{ role: 'original', source: rt, url: 'https://rt.com/1' }, { role: 'translation', person: 'Avic' }], 'fr')).toEqual([{ name: 'RT' }]);
    expect(feedAuthors([{ role: 'photo', person: 'Zoé' }], 'fr')).toEqual([]);
  });

  it('follows the body with the footer’s html, or with its lines when it has none', () => {
    const credits: Credit[] = [{ role: 'original', source: { name: 'RT & Co' }, url: 'https://www.rt.com/news/1' }, { role: 'translation', person: 'Avic' }];
    const footer = renderAttribution(credits, 'fr');
    const body = [{ type: 'paragraph', children: [{ type: 'text', text: 'x' }] }];
    expect(feedContentHtml(body, footer, 'fr')).toBe(`<p>x</p>\n${footer.html}`);
    expect(feedContentHtml(body, { lines: footer.lines }, 'fr')).toBe(`<p>x</p>\n${footer.html}`);
    const hostile = feedContentHtml(null, { lines: [{ role: 'via', label: 'Via', text: '<b>x</b>', url: 'javascript:alert(1)' }] }, 'en');
    expect(hostile).toBe('<p>Via: &lt;b&gt;x&lt;/b&gt;</p>');
    expect(feedContentHtml(null, null, 'fr')).toBe('');
  });

  it('makes the cover an enclosure in bytes, and none when its URL is not absolute', () => {
    expect(enclosureOf({ url: 'https://cdn.example/a.png', mime: 'image/png', sizeKb: 0.5 })).toEqual({ url: 'https://cdn.example/a.png', type: 'image/png', length: 500 });
    expect(enclosureOf({ url: '/uploads/a.png', mime: 'image/png', sizeKb: 1 })).toBeNull();
    expect(enclosureOf(null)).toBeNull();
  });

  it('removes what XML cannot carry and writes line breaks as LF', () => {
    expect(feedText(' a\u0001b\r\nc\rd\ud800 ')).toBe('ab\nc\nd');
    expect(feedText('😀 é')).toBe('😀 é');
  });

  it('takes a feed size from 1 to 500 and refuses anything else', () => {
    expect(checkFeedSize(20)).toBe(20);
    for (const bad of [0, -1, 2.5, 501, Number.NaN]) expect(() => checkFeedSize(bad)).toThrow(/FEED_SIZE/);
  });
});

describe('the feed channel', () => {
  it('is updated when its newest item was, and at its quiet date (or the epoch) when empty', () => {
    const older = buildFeedItem(article({ publishedAt: new Date('2026-12-06T00:00:00Z') }), { baseUrl: BASE, rootCrumbs: 2 })!;
    const newer = buildFeedItem(article({ publishedAt: new Date('2026-12-07T00:00:00Z') }), { baseUrl: BASE, rootCrumbs: 2 })!;
    expect(channelFor([newer, older]).updated).toEqual(new Date('2026-12-07T00:00:00Z'));
    expect(channelFor([]).updated).toEqual(new Date(0));
    const quiet = buildFeedChannel({ siteName: 'S', baseUrl: BASE, locale: 'pt_BR', pagePath: '/blog/monde', selfUrl: 's', atomUrl: 'a', category: { name: 'Monde', description: 'Le monde' }, quietSince: FIRST, items: [] });
    expect(quiet).toMatchObject({ title: 'S – Monde', description: 'Le monde', homeUrl: 'https://example.org/blog/monde', language: 'pt-BR', updated: FIRST, id: 'a' });
  });
});

describe('rendered feeds', () => {
  const item = buildFeedItem(article(), { baseUrl: BASE, rootCrumbs: 2 })!;

  it('is RSS 2.0 a feed reader reads field for field', async () => {
    const xml = renderFeed('rss.xml', channelFor([item]), [item]);
    const feed = await reader.parseString(xml);
    expect(feed).toMatchObject({ title: 'Cellule44 & <Co>', link: 'https://example.org/', language: 'fr' });
    expect(feed.items[0]).toMatchObject({
      title: 'Rats & <chats> </script>',
      link: item.url,
      guid: item.id,
      isoDate: FIRST.toISOString(),
      updated: item.updated.toISOString(),
      content: item.summary,
      'content:encoded': item.contentHtml,
      categories: ['Monde', 'Europe'],
      creators: ['Jeanne Martin'],
      enclosure: { url: item.enclosure!.url, type: 'image/jpeg', length: '123460' },
    });
    expect(xml).toContain('<guid isPermaLink="false">');
    expect(xml).toContain('<atom:link href="https://example.org/feeds/fr/rss.xml" rel="self" type="application/rss+xml"/>');
    const own = parseRssFeed(xml);
    expect(own.items?.[0]).toMatchObject({ title: item.title, link: item.url, description: item.summary, content: { encoded: item.contentHtml } });
  });

  it('is Atom 1.0 a feed reader reads, with html content, the enclosure and the Site as the feed’s author', async () => {
    const channel = channelFor([item], 'atom.xml');
    const xml = renderFeed('atom.xml', channel, [item]);
    const feed = await reader.parseString(xml);
    expect(feed).toMatchObject({ title: 'Cellule44 & <Co>', link: 'https://example.org/', feedUrl: 'https://example.org/feeds/fr/atom.xml' });
    expect(feed.items[0]).toMatchObject({ title: item.title, link: item.url, id: item.id, content: item.contentHtml, summary: item.summary, author: 'Jeanne Martin', isoDate: FIRST.toISOString() });
    const own = parseAtomFeed(xml);
    expect(own).toMatchObject({ id: channel.id, authors: [{ name: 'Cellule44 & <Co>', uri: 'https://example.org/' }], xml: { lang: 'fr' } });
    expect(own.entries?.[0]).toMatchObject({
      id: item.id,
      published: FIRST.toISOString(),
      updated: item.updated.toISOString(),
      content: { value: item.contentHtml, type: 'html' },
      categories: [{ term: 'Monde' }, { term: 'Europe' }],
      authors: [{ name: 'Jeanne Martin', uri: 'https://jeanne.example' }],
      links: [
        { href: item.url, rel: 'alternate', type: 'text/html' },
        { href: item.enclosure!.url, rel: 'enclosure', type: 'image/jpeg', length: 123460 },
      ],
    });
  });

  it('is JSON Feed 1.1', () => {
    const json = renderFeed('feed.json', channelFor([item], 'feed.json'), [item]);
    const feed = parseJsonFeed(JSON.parse(json));
    expect(JSON.parse(json).version).toBe('https://jsonfeed.org/version/1.1');
    expect(feed).toMatchObject({ title: 'Cellule44 & <Co>', home_page_url: 'https://example.org/', feed_url: 'https://example.org/feeds/fr/feed.json', language: 'fr' });
    expect(feed.items?.[0]).toEqual({
      id: item.id,
      url: item.url,
      title: item.title,
      content_html: item.contentHtml,
      summary: item.summary,
      image: item.enclosure!.url,
      date_published: FIRST.toISOString(),
      date_modified: item.updated.toISOString(),
      tags: ['Monde', 'Europe'],
      authors: [{ name: 'Jeanne Martin', url: 'https://jeanne.example' }],
      attachments: [{ url: item.enclosure!.url, mime_type: 'image/jpeg', size_in_bytes: 123460 }],
    });
  });

  it('writes no whitespace between a CDATA section and its tags, and touches nothing else', () => {
    expect(tightenCdata('<a>\n  <b>\n    <![CDATA[x & y]]>\n  </b>\n  <c>z</c>\n</a>')).toBe('<a>\n  <b><![CDATA[x & y]]></b>\n  <c>z</c>\n</a>');
    expect(tightenCdata('<b>\n  <![CDATA[a ]]]]><![CDATA[> b ]]>\n</b>')).toBe('<b><![CDATA[a ]]]]><![CDATA[> b ]]></b>');
    expect(tightenCdata('<b><![CDATA[ keep  inside \n ]]></b>')).toBe('<b><![CDATA[ keep  inside \n ]]></b>');
  });

  it('hands any title, excerpt and body text back unchanged, through RSS, Atom and JSON, to both readers', async () => {
    const text = fc.string({ unit: 'binary', minLength: 1, maxLength: 40 }).filter((value) => feedText(value) !== '');
    await fc.assert(
      fc.asyncProperty(text, text, text, async (title, excerpt, words) => {
        const subject = buildFeedItem(article({ title, excerpt, body: [{ type: 'paragraph', children: [{ type: 'text', text: words }] }], attribution: null }), { baseUrl: BASE, rootCrumbs: 2 })!;
        expect(subject.title).toBe(feedText(title));
        const rss = renderFeed('rss.xml', channelFor([subject]), [subject]);
        const atom = renderFeed('atom.xml', channelFor([subject]), [subject]);
        const json = renderFeed('feed.json', channelFor([subject]), [subject]);
        const fromRss = (await reader.parseString(rss)).items[0];
        const fromAtom = (await reader.parseString(atom)).items[0];
        expect([fromRss.title, fromRss.content, (fromRss as any)['content:encoded']]).toEqual([subject.title, subject.summary, subject.contentHtml]);
        expect([fromAtom.title, fromAtom.summary, fromAtom.content]).toEqual([subject.title, subject.summary, subject.contentHtml]);
        const ownRss = parseRssFeed(rss).items![0];
        const ownAtom = parseAtomFeed(atom).entries![0];
        const ownJson = parseJsonFeed(JSON.parse(json)).items![0];
        expect([ownRss.title, ownRss.description, ownRss.content?.encoded]).toEqual([subject.title, subject.summary, subject.contentHtml]);
        expect([ownAtom.title?.value, ownAtom.summary?.value, ownAtom.content?.value]).toEqual([subject.title, subject.summary, subject.contentHtml]);
        expect([ownJson.title, ownJson.summary, ownJson.content_html]).toEqual([subject.title, subject.summary, subject.contentHtml]);
      }),
      { numRuns: 150 }
    );
  });
});
