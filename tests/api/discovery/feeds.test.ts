import { parseAtomFeed, parseJsonFeed, parseRssFeed } from 'feedsmith';
import Parser from 'rss-parser';
import { renderBlocks } from '../../../src/core/preview';
import { asPublic } from '../../helpers/agents';
import { newsroom } from '../../helpers/fixtures';
import { bootStrapi, type TestApp } from '../../helpers/strapi';

const ARTICLE = 'api::article.article';
const CATEGORY = 'api::category.category';
const TITLE = 'Rats & <chats> </script>';
const BODY = [
  { type: 'paragraph', children: [{ type: 'text', text: 'Le corps & <script>alert(1)</script> ' }, { type: 'link', url: 'https://example.com/a?b=1&c=2', children: [{ type: 'text', text: 'un lien' }] }] },
  { type: 'heading', level: 2, children: [{ type: 'text', text: 'Suite' }] },
];

/** A feed reader that knows nothing of feedsmith, asked for what it does not read by default. */
const reader = new Parser({
  customFields: {
    item: [
      ['dc:creator', 'creators', { keepArray: true }],
      ['atom:updated', 'updated'],
    ],
  },
});

/** The body as text, whatever the media type (supertest leaves rss+xml unread and parses feed+json). */
const asText = (res: any, done: (error: Error | null, body: string) => void) => {
  let text = '';
  res.setEncoding('utf8');
  res.on('data', (chunk: string) => (text += chunk));
  res.on('end', () => done(null, text));
};

describe('feeds', () => {
  let app: TestApp;
  const documents = (uid: string) => app.strapi.documents(uid as any) as any;
  const get = (path: string) => asPublic(app).get(`/api/feeds/${path}`).buffer(true).parse(asText);
  const text = async (path: string) => (await get(path).expect(200)).body as string;
  const publishedRow = (documentId: string, locale = 'fr') => app.strapi.db.query(ARTICLE).findOne({ where: { documentId, locale, publishedAt: { $notNull: true } } });

  /** One feed in all three formats, each read by rss-parser (RSS, Atom) or feedsmith (JSON), as lists of what a reader shows. */
  async function read(prefix: string) {
    const [rss, atom, json] = await Promise.all([text(`${prefix}/rss.xml`), text(`${prefix}/atom.xml`), text(`${prefix}/feed.json`)]);
    const fromRss = await reader.parseString(rss);
    const fromAtom = await reader.parseString(atom);
    const fromJson = parseJsonFeed(JSON.parse(json));
    const view = {
      rss: fromRss.items.map((item: any) => ({ id: item.guid, title: item.title, link: item.link })),
      atom: fromAtom.items.map((item: any) => ({ id: item.id, title: item.title, link: item.link })),
      json: (fromJson.items ?? []).map((item) => ({ id: item.id, title: item.title, link: item.url })),
    };
    // The three formats list the same items, in the same order.
    expect(view.atom).toEqual(view.rss);
    expect(view.json).toEqual(view.rss);
    return { raw: { rss, atom, json }, rss: fromRss, atom: fromAtom, json: fromJson, items: view.rss, titles: view.rss.map((item: { title: string }) => item.title) };
  }

  let monde: any;
  let europe: any;
  let sport: any;
  let story: any;
  let storyRow: any;

  beforeAll(async () => {
    app = await bootStrapi();
    const make = newsroom(app);
    await make.site({ name: 'Cellule44 & <Co>', defaultLocale: 'fr' });
    monde = await make.category('Monde');
    europe = await make.category('Europe', { parent: monde.documentId });
    sport = await make.category('Sport');
    await make.translateCategory(monde.documentId, 'en', 'World');
    await make.translateCategory(europe.documentId, 'en', 'Europe', monde.documentId);
    const cover = await app.strapi.db.query('plugin::upload.file').create({
      data: { name: 'cover.png', hash: 'cover_hash', ext: '.png', mime: 'image/png', size: 123.45, url: 'https://cdn.example.org/uploads/cover.png', provider: 'aws-s3' },
    });
    story = await make.article(TITLE, {
      published: true,
      category: europe.documentId,
      data: {
        excerpt: 'Un résumé & <b>gras</b>',
        body: BODY,
        cover: cover.id,
        credits: [
          { role: 'author', person: 'Jeanne Martin', url: 'https://jeanne.example' },
          { role: 'photo', person: 'Zoé & Co' },
        ],
      },
    });
    await documents(ARTICLE).update({ documentId: story.documentId, locale: 'en', status: 'published', data: { title: 'Rats and cats', category: europe.documentId } });
    await make.article('Au stade', { published: true, category: sport.documentId });
    await make.article('Dans le monde', { published: true, category: monde.documentId });
    storyRow = await publishedRow(story.documentId);
  });
  afterAll(async () => {
    await app?.stop();
  });

  it('serves the site’s feed as RSS 2.0, Atom 1.0 and JSON Feed 1.1, with their media types and self links', async () => {
    const types = { 'rss.xml': 'application/rss+xml; charset=utf-8', 'atom.xml': 'application/atom+xml; charset=utf-8', 'feed.json': 'application/feed+json; charset=utf-8' };
    for (const [file, type] of Object.entries(types)) expect((await get(`fr/${file}`).expect(200)).headers['content-type']).toBe(type);
    const feed = await read('fr');
    expect(feed.rss).toMatchObject({ title: 'Cellule44 & <Co>', link: 'https://example.org/', language: 'fr' });
    expect(feed.raw.rss).toContain('<atom:link href="https://example.org/feeds/fr/rss.xml" rel="self" type="application/rss+xml"/>');
    expect(feed.atom).toMatchObject({ title: 'Cellule44 & <Co>', link: 'https://example.org/', feedUrl: 'https://example.org/feeds/fr/atom.xml' });
    expect(parseAtomFeed(feed.raw.atom)).toMatchObject({ id: 'https://example.org/feeds/fr/atom.xml', xml: { lang: 'fr' }, authors: [{ name: 'Cellule44 & <Co>', uri: 'https://example.org/' }] });
    expect(feed.json).toMatchObject({ title: 'Cellule44 & <Co>', home_page_url: 'https://example.org/', feed_url: 'https://example.org/feeds/fr/feed.json', language: 'fr' });
    expect(JSON.parse(feed.raw.json).version).toBe('https://jsonfeed.org/version/1.1');
    expect(feed.titles).toEqual(expect.arrayContaining([TITLE, 'Au stade', 'Dans le monde']));
    expect(feed.titles).not.toContain('Rats and cats');
  });

  it('gives each item its link, tag: id, dates, authors, category trail, excerpt, body and footer, and cover', async () => {
    const feed = await read('fr');
    const link = `https://example.org${storyRow.path}`;
    const id = `tag:example.org,${new Date(storyRow.firstPublishedAt).toISOString().slice(0, 10)}:${story.documentId}/fr`;
    const html = `${renderBlocks(BODY as any)}\n${storyRow.attribution.html}`;
    expect(storyRow.attribution.html).toContain('Jeanne Martin');
    const published = new Date(storyRow.firstPublishedAt).toISOString();
    const updated = new Date(storyRow.publishedAt).toISOString();
    // RSS dates (RFC 822) stop at the second.
    const publishedSecond = new Date(Math.floor(new Date(storyRow.firstPublishedAt).getTime() / 1000) * 1000).toISOString();

    const rss = feed.rss.items.find((item: any) => item.guid === id)!;
    expect(rss).toMatchObject({
      title: TITLE,
      link,
      isoDate: publishedSecond,
      updated,
      content: 'Un résumé & <b>gras</b>',
      'content:encoded': html,
      categories: ['Monde', 'Europe'],
      creators: ['Jeanne Martin'],
      enclosure: { url: 'https://cdn.example.org/uploads/cover.png', type: 'image/png', length: '123450' },
    });
    expect(feed.raw.rss).toContain(`<guid isPermaLink="false">${id}</guid>`);

    const atom = parseAtomFeed(feed.raw.atom).entries!.find((entry) => entry.id === id)!;
    expect(atom).toMatchObject({
      title: { value: TITLE, type: 'text' },
      published,
      updated,
      authors: [{ name: 'Jeanne Martin', uri: 'https://jeanne.example' }],
      categories: [{ term: 'Monde' }, { term: 'Europe' }],
      summary: { value: 'Un résumé & <b>gras</b>', type: 'text' },
      content: { value: html, type: 'html' },
      links: [
        { href: link, rel: 'alternate', type: 'text/html' },
        { href: 'https://cdn.example.org/uploads/cover.png', rel: 'enclosure', type: 'image/png', length: 123450 },
      ],
    });
    expect(feed.atom.items.find((item: any) => item.id === id)).toMatchObject({ content: html, author: 'Jeanne Martin' });

    expect(feed.json.items!.find((item) => item.id === id)).toEqual({
      id,
      url: link,
      title: TITLE,
      content_html: html,
      summary: 'Un résumé & <b>gras</b>',
      image: 'https://cdn.example.org/uploads/cover.png',
      date_published: published,
      date_modified: updated,
      tags: ['Monde', 'Europe'],
      authors: [{ name: 'Jeanne Martin', url: 'https://jeanne.example' }],
      attachments: [{ url: 'https://cdn.example.org/uploads/cover.png', mime_type: 'image/png', size_in_bytes: 123450 }],
    });
    // feedsmith's own RSS reader agrees.
    expect(parseRssFeed(feed.raw.rss).items!.find((item) => item.guid?.value === id)).toMatchObject({ title: TITLE, link, content: { encoded: html } });
  });

  it('lists a category’s articles and its descendants’, and no other', async () => {
    expect((await read(`fr/categories/${monde.documentId}`)).titles.sort()).toEqual(['Dans le monde', TITLE].sort());
    expect((await read(`fr/categories/${europe.documentId}`)).titles).toEqual([TITLE]);
    expect((await read(`fr/categories/${sport.documentId}`)).titles).toEqual(['Au stade']);
    const feed = await read(`fr/categories/${monde.documentId}`);
    expect(feed.rss).toMatchObject({ title: 'Cellule44 & <Co> – Monde', link: 'https://example.org/blog/monde' });
    expect(feed.raw.rss).toContain(`<atom:link href="https://example.org/feeds/fr/categories/${monde.documentId}/rss.xml" rel="self"`);
  });

  it('keeps each locale to its own feed', async () => {
    const english = await read('en');
    expect(english.titles).toEqual(['Rats and cats']);
    expect(english.items[0].id).toMatch(new RegExp(`:${story.documentId}/en$`));
    expect(english.rss).toMatchObject({ language: 'en', link: 'https://example.org/en' });
    expect((await read(`en/categories/${monde.documentId}`)).titles).toEqual(['Rats and cats']);
    expect((await read('fr')).titles).not.toContain('Rats and cats');
  });

  it('never lists a draft, shows the published version of an edited one, and drops an unpublished one', async () => {
    const make = newsroom(app);
    await make.article('Brouillon secret', { category: sport.documentId });
    const edited: any = await make.article('Version publiée', { published: true, category: sport.documentId });
    await documents(ARTICLE).update({ documentId: edited.documentId, locale: 'fr', data: { title: 'Version brouillon' } });
    const gone: any = await make.article('Bientôt retiré', { published: true, category: sport.documentId });
    let titles = [...(await read('fr')).titles, ...(await read(`fr/categories/${sport.documentId}`)).titles];
    expect(titles).toContain('Version publiée');
    expect(titles).toContain('Bientôt retiré');
    expect(titles).not.toContain('Version brouillon');
    expect(titles).not.toContain('Brouillon secret');

    await documents(ARTICLE).unpublish({ documentId: gone.documentId, locale: 'fr' });
    titles = [...(await read('fr')).titles, ...(await read(`fr/categories/${sport.documentId}`)).titles];
    expect(titles).not.toContain('Bientôt retiré');
  });

  it('keeps an item’s id through a rename and a category move, and follows both at once', async () => {
    const before = (await read('fr')).items.find((item: any) => item.title === TITLE)!;
    await documents(ARTICLE).update({ documentId: story.documentId, locale: 'fr', status: 'published', data: { title: 'Rats des villes', slug: 'rats-des-villes' } });
    const international = await newsroom(app).category('International');
    await documents(CATEGORY).update({ documentId: europe.documentId, locale: 'fr', data: { parent: international.documentId } });

    const after = await read('fr');
    const moved = after.items.find((item: any) => item.id === before.id)!;
    expect(moved).toEqual({ id: before.id, title: 'Rats des villes', link: 'https://example.org/blog/international/europe/rats-des-villes' });
    expect(after.rss.items.find((item: any) => item.guid === before.id)?.categories).toEqual(['International', 'Europe']);
    // The category feeds follow the move too: Monde no longer holds Europe.
    expect((await read(`fr/categories/${monde.documentId}`)).titles).toEqual(['Dans le monde']);
    expect((await read(`fr/categories/${international.documentId}`)).items.map((item: any) => item.id)).toEqual([before.id]);
  });

  it('lists the newest articles by first publication, as many as FEED_SIZE (20)', async () => {
    const make = newsroom(app);
    const archives = await make.category('Archives');
    const created: any[] = [];
    for (let index = 0; index < 21; index += 1) created.push(await make.article(`Archive ${index}`, { published: true, category: archives.documentId }));
    // First publications spread over days, in an order unlike that of creation (or of ids).
    const order = [...created.keys()].sort((a, b) => ((a * 7) % 21) - ((b * 7) % 21));
    for (const [rank, index] of order.entries()) {
      await app.strapi.db.query(ARTICLE).updateMany({ where: { documentId: created[index].documentId }, data: { firstPublishedAt: new Date(Date.UTC(2026, 0, 1 + rank, 12)) } });
    }
    // Published again today: its first publication stays where it was.
    await documents(ARTICLE).publish({ documentId: created[order[0]].documentId, locale: 'fr' });

    const feed = await read(`fr/categories/${archives.documentId}`);
    expect(feed.titles).toEqual([...order].reverse().slice(0, 20).map((index) => `Archive ${index}`));
    expect(feed.titles).not.toContain(`Archive ${order[0]}`);
    const dates = feed.rss.items.map((item: any) => item.isoDate);
    expect([...dates].sort().reverse()).toEqual(dates);
    expect((await read('fr')).items).toHaveLength(20);
  });

  it('lists a large category’s newest articles too, which it finds by walking the index of first publications', async () => {
    // 1 050 published documents (2 100 rows with their drafts, past the 2 000 links up to which a
    // subtree is read whole), written straight to the tables: saves through the document
    // service would take minutes and prove nothing more. Their first publications lie in 2025,
    // behind every article the other tests published, which the walk must pass over.
    const wires = await newsroom(app).category('Dépêches');
    const wiresRow = await app.strapi.db.query(CATEGORY).findOne({ where: { documentId: wires.documentId, locale: 'fr' } });
    const template = await publishedRow(((await newsroom(app).article('Modèle de dépêche', { published: true, category: wires.documentId })) as any).documentId);
    const { id: _id, documentId: _documentId, ...columns } = template;
    const rows = Array.from({ length: 1050 }, (_, index) => {
      const first = new Date(Date.UTC(2025, 0, 1) + index * 3600_000);
      const row = { ...columns, documentId: `wire${String(index).padStart(20, '0')}`, slug: `wire-${index}`, title: `Dépêche ${index}`, path: `/blog/depeches/wire-${index}`, firstPublishedAt: first };
      return [{ ...row, publishedAt: null }, { ...row, publishedAt: first }];
    }).flat();
    for (let start = 0; start < rows.length; start += 100) await app.strapi.db.query(ARTICLE).createMany({ data: rows.slice(start, start + 100) });
    const link = (app.strapi.db.metadata.get(ARTICLE as any).attributes as any).category.joinTable;
    const knex = app.strapi.db.connection;
    const ids: number[] = (await knex(app.strapi.db.metadata.get(ARTICLE as any).tableName).where('document_id', 'like', 'wire%').select('id')).map((row: { id: number }) => row.id);
    for (let start = 0; start < ids.length; start += 200) {
      await knex(link.name).insert(ids.slice(start, start + 200).map((id) => ({ [link.joinColumn.name]: id, [link.inverseJoinColumn.name]: wiresRow.id })));
    }
    const feed = await read(`fr/categories/${wires.documentId}`);
    expect(feed.titles).toEqual(['Modèle de dépêche', ...Array.from({ length: 19 }, (_, index) => `Dépêche ${1049 - index}`)]);
  });

  it('walks an index of first publications that holds the locale', async () => {
    const knex = app.strapi.db.connection;
    const columns: string[] =
      app.strapi.db.dialect.client === 'postgres'
        ? (await knex.raw("select a.attname as name from pg_index i join pg_class c on c.oid = i.indexrelid join pg_attribute a on a.attrelid = i.indrelid and a.attnum = any(i.indkey) where c.relname = 'articles_first_published_idx' order by array_position(i.indkey, a.attnum)")).rows.map((row: { name: string }) => row.name)
        : (await knex.raw("pragma index_info('articles_first_published_idx')")).map((row: { name: string }) => row.name);
    expect(columns).toEqual(['first_published_at', 'locale']);
  });

  it('answers 404 with a reason for an unknown locale, file or category, and serves an empty feed for a quiet locale', async () => {
    const notFound = async (path: string, message: RegExp) => {
      const response = await asPublic(app).get(`/api/feeds/${path}`).expect(404);
      expect(response.body.error).toMatchObject({ status: 404, name: 'NotFoundError' });
      expect(response.body.error.message).toMatch(message);
    };
    await notFound('de/rss.xml', /No feeds in locale "de": the locales are .*fr/);
    await notFound('fr/rss.json', /No feed is named "rss.json": there are rss.xml, atom.xml, feed.json/);
    await notFound('fr/categories/nosuchcategory0000000000/atom.xml', /No category "nosuchcategory0000000000" in fr/);
    await notFound(`en/categories/${sport.documentId}/feed.json`, /No category ".*" in en/);
    await notFound(`fr/categories/${sport.documentId}/index.html`, /No feed is named "index.html"/);

    await app.strapi.plugin('i18n').service('locales').create({ code: 'de', name: 'German (de)' });
    const quiet = await read('de');
    expect(quiet.items).toEqual([]);
    expect(quiet.rss).toMatchObject({ title: 'Cellule44 & <Co>', language: 'de' });
    expect(parseAtomFeed(quiet.raw.atom).updated).toMatch(/^\d{4}-/);
  });

  it('is a public read: ETag and 304, Cache-Control, cache tags, the response cache', async () => {
    const path = `/api/feeds/fr/categories/${monde.documentId}/rss.xml`;
    const first = await asPublic(app).get(path).expect(200);
    expect(first.headers.etag).toMatch(/^W\//);
    expect(first.headers['cache-control']).toMatch(/^public/);
    expect(first.headers['cache-tag'].split(',')).toEqual(expect.arrayContaining(['site', 'list:api::article.article', `category:${monde.documentId}`]));
    expect((await asPublic(app).get(path).expect(200)).headers['x-cache']).toBe('HIT');
    await asPublic(app).get(path).set('If-None-Match', first.headers.etag).expect(304);
    // A rename shows at once, and the ETag moves with it.
    await documents(CATEGORY).update({ documentId: monde.documentId, locale: 'fr', data: { name: 'Le Monde' } });
    const renamed = await get(`fr/categories/${monde.documentId}/rss.xml`).set('If-None-Match', first.headers.etag).expect(200);
    expect(renamed.headers.etag).not.toBe(first.headers.etag);
    expect((await reader.parseString(renamed.body)).title).toBe('Cellule44 & <Co> – Le Monde');
  });

  it('percent-encodes a Greek and French base URL in every link, and escapes a Greek title', async () => {
    await app.strapi.plugin('i18n').service('locales').create({ code: 'el', name: 'Greek (el)' });
    const make = newsroom(app);
    const kosmos = await make.category('Κόσμος', { locale: 'el' });
    await make.article('Ειδήσεις & <νέα> </script>', { locale: 'el', published: true, category: kosmos.documentId });
    // Slugs and the blog path are ASCII by rule: what is not is the base URL's host and path.
    await make.site({ name: 'Cellule44 & <Co>', defaultLocale: 'fr', baseUrl: 'https://actualités.example/ελληνικά/à-la-une' });
    const base = 'https://xn--actualits-i4a.example/%CE%B5%CE%BB%CE%BB%CE%B7%CE%BD%CE%B9%CE%BA%CE%AC/%C3%A0-la-une';

    const greek = await read('el');
    expect(greek.titles).toEqual(['Ειδήσεις & <νέα> </script>']);
    expect(greek.items[0].link.startsWith(`${base}/el/blog/`)).toBe(true);
    expect(greek.items[0].link).toMatch(/^[\x21-\x7e]+$/);
    expect(greek.items[0].id).toMatch(/^tag:xn--actualits-i4a\.example,\d{4}-\d\d-\d\d:/);
    expect(greek.raw.rss).toContain(`<atom:link href="${base}/feeds/el/rss.xml"`);
    expect(greek.json.feed_url).toBe(`${base}/feeds/el/feed.json`);
    const french = await read(`fr/categories/${sport.documentId}`);
    expect(french.items.every((item: any) => item.link.startsWith(`${base}/blog/sport/`))).toBe(true);
    expect(french.rss.link).toBe(`${base}/blog/sport`);
  });

  it('answers 404 while the Site has no baseUrl', async () => {
    await newsroom(app).site({ baseUrl: null });
    const response = await asPublic(app).get('/api/feeds/fr/rss.xml').expect(404);
    expect(response.body.error.message).toMatch(/no baseUrl/);
  });
});
