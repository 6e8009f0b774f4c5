import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { asPublic } from '../../helpers/agents';
import { newsroom } from '../../helpers/fixtures';
import { PROJECT_ROOT } from '../../helpers/database';
import { bootStrapi, type TestApp } from '../../helpers/strapi';

const URLSET_SCHEMA = path.join(PROJECT_ROOT, 'tests', 'fixtures', 'xsd', 'urlset.xsd');
const LE_MONDE_PAGE = 'https://www.lemonde.fr/international/article/1.html';
const HOUR = 3600_000;

function schemaErrors(xml: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'news-'));
  try {
    writeFileSync(path.join(dir, 'news.xml'), xml);
    execFileSync('xmllint', ['--nonet', '--noout', '--schema', URLSET_SCHEMA, path.join(dir, 'news.xml')], { stdio: 'pipe' });
    return '';
  } catch (error) {
    return String((error as { stderr?: Buffer }).stderr ?? error);
  }  finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const entries = (xml: string) =>
  [...xml.matchAll(/<url>(.*?)<\/url>/gs)].map(([, entry]) => ({
    loc: /<loc>([^<]*)<\/loc>/.exec(entry)?.[1],
    name: /<news:name>([^<]*)<\/news:name>/.exec(entry)?.[1],
    language: /<news:language>([^<]*)<\/news:language>/.exec(entry)?.[1],
    date: /<news:publication_date>([^<]*)<\/news:publication_date>/.exec(entry)?.[1],
    title: /<news:title>([^<]*)<\/news:title>/.exec(entry)?.[1],
  }));

describe('the Google News sitemap', () => {
  let app: TestApp;
  const news = async () => (await asPublic(app).get('/api/sitemap/news.xml').expect(200)).text;
  const publishedRow = async (documentId: string, locale = 'fr') =>
    app.strapi.db.query('api::article.article').findOne({ where: { documentId, locale, publishedAt: { $notNull: true } } });
  /** Moves an article's publication back in time, as if it had been published `hours` ago. */
  const backdate = async (documentId: string, hours: number) => {
    const when = new Date(Date.now() - hours * HOUR);
    await app.strapi.db.query('api::article.article').updateMany({ where: { documentId }, data: { firstPublishedAt: when } });
    await app.strapi.db.query('api::article.article').updateMany({ where: { documentId, publishedAt: { $notNull: true } }, data: { publishedAt: when } });
  };

  beforeAll(async () => {
    // Rows are backdated straight in the table, past the change log: no cached answer may hide that.
    app = await bootStrapi({ env: { RESPONSE_CACHE: 'off' } });
    await newsroom(app).site({ name: 'Cellule44 & <Co>', defaultLocale: 'fr' });
  });
  afterAll(async () => {
    await app?.stop();
  });

  it('lists fresh articles with the publication, the language, the first publication date and the title, escaped and valid', async () => {
    const make = newsroom(app);
    const story: any = await make.article('Rats & <chats> </script>', { published: true });
    await app.strapi.documents('api::article.article').update({ documentId: story.documentId, locale: 'en', status: 'published', data: { title: 'Rats & cats' } } as any);
    const xml = await news();
    expect(schemaErrors(xml)).toBe('');
    const french = await publishedRow(story.documentId);
    expect(entries(xml)).toContainEqual({
      loc: `https://example.org${french.path}`,
      name: 'Cellule44 &amp; &lt;Co&gt;',
      language: 'fr',
      date: new Date(french.firstPublishedAt).toISOString(),
      title: 'Rats &amp; &lt;chats&gt; &lt;/script&gt;',
    });
    expect(entries(xml).find((entry) => entry.title === 'Rats &amp; cats')).toMatchObject({ language: 'en' });
  });

  it('keeps the first publication date when an article is published again', async () => {
    const story: any = await newsroom(app).article('Republiée', { published: true });
    await backdate(story.documentId, 10);
    await app.strapi.documents('api::article.article').publish({ documentId: story.documentId, locale: 'fr' });
    const first = new Date((await publishedRow(story.documentId)).firstPublishedAt).toISOString();
    expect(entries(await news()).find((entry) => entry.title === 'Republiée')?.date).toBe(first);
    expect(Date.now() - new Date(first).getTime()).toBeGreaterThan(9 * HOUR);
  });

  it('leaves out noindex, googlebot-news noindex, canonical-elsewhere and draft articles', async () => {
    const make = newsroom(app);
    await make.article('Interdit aux robots', { published: true, data: { syndication: 'noindex' } });
    await make.article('Hors de Google News', { published: true, data: { syndication: 'googlebot-news-noindex' } });
    const leMonde = await app.strapi.documents('api::source.source').create({ data: { name: 'Le Monde', kind: 'outlet', language: 'fr' } as any });
    await make.article('Repris ailleurs', { published: true, data: { syndication: 'canonical', credits: [{ role: 'original', url: LE_MONDE_PAGE, source: leMonde.documentId }] } });
    await make.article('Brouillon');
    const titles = entries(await news()).map((entry) => entry.title);
    for (const left of ['Interdit aux robots', 'Hors de Google News', 'Repris ailleurs', 'Brouillon']) expect(titles).not.toContain(left);
  });

  it('lists what was first published in the last 48 hours only', async () => {
    const make = newsroom(app);
    const recent: any = await make.article('Il y a 47 heures', { published: true });
    const old: any = await make.article('Il y a 49 heures', { published: true });
    await backdate(recent.documentId, 47);
    await backdate(old.documentId, 49);
    const titles = entries(await news()).map((entry) => entry.title);
    expect(titles).toContain('Il y a 47 heures');
    expect(titles).not.toContain('Il y a 49 heures');
  });

  it('lists at most 1 000 articles, the newest first', async () => {
    // 1 005 more published rows, written straight to the table: a thousand saves through the
    // document service would take minutes and prove nothing more about the cap.
    const template = await publishedRow((await newsroom(app).article('Modèle', { published: true }) as any).documentId);
    const { id, documentId, ...columns } = template;
    const rows = Array.from({ length: 1005 }, (_, index) => ({
      ...columns,
      documentId: `bulk${String(index).padStart(20, '0')}`,
      slug: `bulk-${index}`,
      title: `Dépêche ${index}`,
      path: `/blog/bulk-${index}`,
      seo: { canonicalUrl: `https://example.org/blog/bulk-${index}`, robots: 'index, follow', googlebotNews: null },
      publishedAt: new Date(Date.now() - (index + 1) * 60_000),
      firstPublishedAt: new Date(Date.now() - (index + 1) * 60_000),
    }));
    for (let start = 0; start < rows.length; start += 100) await app.strapi.db.query('api::article.article').createMany({ data: rows.slice(start, start + 100) });
    const xml = await news();
    const listed = entries(xml);
    expect(listed).toHaveLength(1000);
    expect(schemaErrors(xml)).toBe('');
    const dates = listed.map((entry) => entry.date!);
    expect([...dates].sort().reverse()).toEqual(dates);
    expect(listed.map((entry) => entry.title)).toContain('Dépêche 0');
  });

  it('is an empty urlset, not an error, when nothing is fresh', async () => {
    await app.strapi.db.query('api::article.article').updateMany({ where: { publishedAt: { $notNull: true } }, data: { publishedAt: new Date(Date.now() - 72 * HOUR), firstPublishedAt: new Date(Date.now() - 72 * HOUR) } });
    expect(entries(await news())).toEqual([]);
  });
});

describe('the news sitemap’s index', () => {
  it('reads first publications from an index, which the app adds while the column exists', async () => {
    const app = await bootStrapi();
    try {
      const knex = app.strapi.db.connection;
      const names =
        app.strapi.db.dialect.client === 'postgres'
          ? (await knex.raw("select indexname as name from pg_indexes where tablename = 'articles'")).rows
          : await knex.raw("select name from sqlite_master where type = 'index' and tbl_name = 'articles'");
      expect(names.map((row: { name: string }) => row.name)).toContain('articles_first_published_idx');
    } finally {
      await app.stop();
    }
  });
});
