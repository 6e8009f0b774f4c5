import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { asPublic, createFullAccessToken } from '../../helpers/agents';
import { newsroom } from '../../helpers/fixtures';
import { PROJECT_ROOT } from '../../helpers/database';
import { bootStrapi, type TestApp } from '../../helpers/strapi';

const SCHEMAS = path.join(PROJECT_ROOT, 'tests', 'fixtures', 'xsd');
const LE_MONDE_PAGE = 'https://www.lemonde.fr/international/article/1.html';

/** xmllint's verdict on `xml` against a schema of tests/fixtures/xsd: '' when it validates, else its complaints. */
function schemaErrors(xml: string, schema: 'urlset.xsd' | 'siteindex.xsd'): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'sitemap-'));
  try {
    writeFileSync(path.join(dir, 'doc.xml'), xml);
    execFileSync('xmllint', ['--nonet', '--noout', '--schema', path.join(SCHEMAS, schema), path.join(dir, 'doc.xml')], { stdio: 'pipe' });
    return '';
  } catch (error) {
    return String((error as { stderr?: Buffer }).stderr ?? error);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const locs = (xml: string) => [...xml.matchAll(/<loc>([^<]*)<\/loc>/g)].map((match) => match[1]);
/** The `<url>` entry of `loc`, or undefined. */
const entryOf = (xml: string, loc: string) => [...xml.matchAll(/<url>.*?<\/url>/gs)].map((match) => match[0]).find((entry) => entry.includes(`<loc>${loc}</loc>`));
const hreflangs = (entry: string | undefined) =>
  [...(entry ?? '').matchAll(/<xhtml:link rel="alternate" hreflang="([^"]+)" href="([^"]+)"\/>/g)].map((match) => [match[1], match[2]]);

describe('sitemaps', () => {
  let app: TestApp;
  let token: string;
  let ukraine: any;
  let ukrainePath: string;
  const get = (file: string) => asPublic(app).get(`/api/sitemap/${file}`);

  beforeAll(async () => {
    app = await bootStrapi();
    token = await createFullAccessToken(app);
    const make = newsroom(app);
    await make.site({ name: 'Cellule44 & <Co>', defaultLocale: 'fr' });
    const monde = await make.category('Monde');
    await make.translateCategory(monde.documentId, 'en', 'World');
    ukraine = await make.article('Ukraine : « Rats & <chats> » </script>', { published: true, category: monde.documentId });
    await app.strapi.documents('api::article.article').update({ documentId: ukraine.documentId, locale: 'en', status: 'published', data: { title: 'Ukraine in English', category: monde.documentId } } as any);
    await make.article('Interdit aux robots', { published: true, data: { syndication: 'noindex' } });
    await make.article('Hors de Google News', { published: true, data: { syndication: 'googlebot-news-noindex' } });
    const leMonde = await app.strapi.documents('api::source.source').create({ data: { name: 'Le Monde', kind: 'outlet', language: 'fr' } as any });
    await make.article('Repris ailleurs', { published: true, data: { syndication: 'canonical', credits: [{ role: 'original', url: LE_MONDE_PAGE, source: leMonde.documentId }] } });
    await make.article('Brouillon secret');
    ukrainePath = (await make.articleRows(ukraine.documentId)).find((row: any) => row.locale === 'fr' && row.publishedAt).path;
  });
  afterAll(async () => {
    await app?.stop();
  });

  it('names one sitemap per type and locale, and the news sitemap, at the public URLs, valid against siteindex.xsd', async () => {
    const response = await get('index.xml').expect(200);
    expect(response.headers['content-type']).toBe('application/xml; charset=utf-8');
    expect(schemaErrors(response.text, 'siteindex.xsd')).toBe('');
    expect(locs(response.text)).toEqual([
      'https://example.org/sitemap-articles-en-1.xml',
      'https://example.org/sitemap-articles-fr-1.xml',
      'https://example.org/sitemap-categories-en-1.xml',
      'https://example.org/sitemap-categories-fr-1.xml',
      'https://example.org/sitemap-news.xml',
    ]);
    expect(response.text).toMatch(/<lastmod>\d{4}-\d\d-\d\dT/);
  });

  it('lists published, indexable articles with their hreflang alternates, valid against the sitemaps.org schema', async () => {
    const response = await get('articles-fr-1.xml').expect(200);
    expect(schemaErrors(response.text, 'urlset.xsd')).toBe('');
    const french = `https://example.org${ukrainePath}`;
    const english = 'https://example.org/en/blog/world/ukraine-in-english';
    expect(locs(response.text).sort()).toEqual([french, 'https://example.org/blog/hors-de-google-news'].sort());
    expect(hreflangs(entryOf(response.text, french))).toEqual([
      ['en', english],
      ['fr', french],
      ['x-default', french],
    ]);
    const inEnglish = (await get('articles-en-1.xml').expect(200)).text;
    expect(hreflangs(entryOf(inEnglish, english))).toEqual(hreflangs(entryOf(response.text, french)));
  });

  it('lists categories in each locale, with their alternates', async () => {
    const response = await get('categories-en-1.xml').expect(200);
    expect(schemaErrors(response.text, 'urlset.xsd')).toBe('');
    expect(locs(response.text)).toEqual(['https://example.org/en/blog/world']);
    expect(hreflangs(entryOf(response.text, 'https://example.org/en/blog/world'))).toEqual([
      ['en', 'https://example.org/en/blog/world'],
      ['fr', 'https://example.org/blog/monde'],
      ['x-default', 'https://example.org/blog/monde'],
    ]);
  });

  it('answers 404 that says why for an unknown type, locale or page', async () => {
    for (const [file, reason] of [
      ['articles-xx-1.xml', /No sitemap is named "articles-xx-1.xml"/],
      ['pages-fr-1.xml', /No sitemap is named/],
      ['articles-fr-2.xml', /has 1 page/],
      ['sitemap.txt', /No sitemap is named/],
    ] as const) {
      const response = await get(file).expect(404);
      expect(response.body.error.message).toMatch(reason);
    }
  });

  it('never lists a draft, whatever the request asks for', async () => {
    const response = await get('articles-fr-1.xml').query({ status: 'draft' }).expect(200);
    expect(response.text).not.toContain('brouillon-secret');
  });

  it('tags each sitemap with what it lists, and keeps the small ones fresh in the response cache', async () => {
    const index = await get('index.xml').expect(200);
    expect(index.headers['cache-tag'].split(',')).toEqual(expect.arrayContaining(['site', 'list:api::article.article', 'list:api::category.category']));
    expect(index.headers.etag).toMatch(/^W\//);
    expect((await get('index.xml').expect(200)).headers['x-cache']).toBe('HIT');
    await get('index.xml').set('If-None-Match', index.headers.etag).expect(304);

    const page = await get('articles-fr-1.xml').expect(200);
    expect(page.headers['cache-control']).toMatch(/public/);
    expect(page.headers['cache-tag'].split(',')).toEqual(expect.arrayContaining(['site', 'list:api::article.article']));

    // A new category in a new locale: the cached index must name its sitemap at once.
    await app.strapi.plugin('i18n').service('locales').create({ code: 'el', name: 'Greek (el)' });
    await newsroom(app).category('Κόσμος', { locale: 'el' });
    expect(locs((await get('index.xml').expect(200)).text)).toContain('https://example.org/sitemap-categories-el-1.xml');
  });

  it('answers an authenticated request too, privately', async () => {
    const response = await get('articles-fr-1.xml').set('Authorization', `Bearer ${token}`).expect(200);
    expect(response.headers['cache-control']).toBe('private, no-store');
    expect(response.headers['cache-tag']).toBeUndefined();
  });

  it('percent-encodes a base URL with non-ASCII characters, and escapes XML', async () => {
    await newsroom(app).site({ name: 'Cellule44 & <Co>', defaultLocale: 'fr', baseUrl: 'https://actualités.example/ελληνικά' });
    const response = await get('articles-fr-1.xml').expect(200);
    expect(schemaErrors(response.text, 'urlset.xsd')).toBe('');
    expect(locs(response.text)).toContain(`https://xn--actualits-i4a.example/%CE%B5%CE%BB%CE%BB%CE%B7%CE%BD%CE%B9%CE%BA%CE%AC${ukrainePath}`);
  });
});

describe('the sitemap index behind a frontend', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await bootStrapi({ env: { SITEMAP_PUBLIC_URL: 'https://www.example.org/' } });
    await newsroom(app).site();
    await newsroom(app).article('Publié', { published: true });
  });
  afterAll(async () => {
    await app?.stop();
  });

  it('names each sitemap at SITEMAP_PUBLIC_URL, where the frontend serves it', async () => {
    const index = (await asPublic(app).get('/api/sitemap/index.xml').expect(200)).text;
    expect(locs(index)).toContain('https://www.example.org/sitemap-articles-fr-1.xml');
    expect(locs(index).every((loc) => loc.startsWith('https://www.example.org/sitemap-'))).toBe(true);
  });

  it('answers 404 while the Site has no baseUrl, saying so', async () => {
    await newsroom(app).site({ baseUrl: null });
    const response = await asPublic(app).get('/api/sitemap/index.xml').expect(404);
    expect(response.body.error.message).toMatch(/no baseUrl/);
  });
});

describe('a sitemap longer than one read of the database', () => {
  let app: TestApp;
  /** The archive's published French URLs, by documentId. */
  const archive = new Map<string, string>();

  beforeAll(async () => {
    app = await bootStrapi();
    await newsroom(app).site({ defaultLocale: 'fr' });
    // 1 100 documents, each a draft and a published row as Strapi stores them: more than one
    // read on every database (500 rows a read on SQLite, 1 000 on PostgreSQL), with documentIds
    // in no particular order. Written below the document service, as an import's bulk load is.
    const rows: Array<Record<string, unknown>> = [];
    for (let i = 0; i < 1100; i += 1) {
      const documentId = `${i.toString(36).padStart(3, '0').split('').reverse().join('')}archive${String(i).padStart(13, '0')}`;
      const path = `/blog/archive-${i}`;
      const url = `https://example.org${path}`;
      archive.set(documentId, url);
      const seo = { canonicalUrl: url, robots: 'index, follow', googlebotNews: null };
      const row = { documentId, locale: 'fr', title: `Archive ${i}`, slug: `archive-${i}`, path, seo };
      rows.push({ ...row, publishedAt: null }, { ...row, publishedAt: new Date() });
    }
    for (let i = 0; i < rows.length; i += 200) await app.strapi.db.query('api::article.article').createMany({ data: rows.slice(i, i + 200) });
  });
  afterAll(async () => {
    await app?.stop();
  });

  it('lists every published page once, in documentId order, across reads', async () => {
    const index = (await asPublic(app).get('/api/sitemap/index.xml').expect(200)).text;
    expect(locs(index)).toContain('https://example.org/sitemap-articles-fr-1.xml');
    const listed = locs((await asPublic(app).get('/api/sitemap/articles-fr-1.xml').expect(200)).text);
    expect(listed).toHaveLength(archive.size);
    expect(listed).toEqual([...archive.keys()].sort().map((documentId) => archive.get(documentId)));
  });
});
