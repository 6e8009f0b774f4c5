import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { asPublic } from '../../helpers/agents';
import { newsroom } from '../../helpers/fixtures';
import { bootStrapi, type TestApp } from '../../helpers/strapi';

interface Post {
  id?: number;
  title: string;
  slug: string;
  status?: string;
  category?: string;
  password?: string;
}

/** A WXR 1.2 export of `posts` for the blog at `blog` (the network's address is shared). */
function exportOf(blog: string, posts: Post[]): string {
  const items = posts.map(
    (post) => `<item><title><![CDATA[${post.title}]]></title><link>${blog}/${post.slug}/</link>
<content:encoded><![CDATA[Texte de ${post.slug}.]]></content:encoded><excerpt:encoded><![CDATA[]]></excerpt:encoded>
${post.id === undefined ? '' : `<wp:post_id>${post.id}</wp:post_id>`}<wp:post_date_gmt>2022-03-04 05:06:07</wp:post_date_gmt><wp:post_name>${post.slug}</wp:post_name>
<wp:status>${post.status ?? 'publish'}</wp:status><wp:post_type>post</wp:post_type><wp:post_password>${post.password ?? ''}</wp:post_password>
${post.category ? `<category domain="category" nicename="${post.category}"><![CDATA[${post.category[0].toUpperCase()}${post.category.slice(1)}]]></category>` : ''}</item>`
  );
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel><title>Réseau</title><link>${blog}</link><language>fr-FR</language>
<wp:base_site_url>https://reseau.example.net</wp:base_site_url><wp:base_blog_url>${blog}</wp:base_blog_url>
${items.join('\n')}
</channel></rss>
`;
}

/**
 * Importing is not a one-off: newsrooms run it again as WordPress changes, and import more
 * than one blog. What WordPress took down leaves the site, what editors changed in Colophon
 * stays, and one blog never overwrites another's posts.
 */
describe('running the import again, and for another blog', () => {
  let app: TestApp;
  let dir: string;
  let importWordpress: (strapi: unknown, paths: string[], options?: Record<string, unknown>) => Promise<any>;
  const write = (name: string, blog: string, posts: Post[]) => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, exportOf(blog, posts));
    return file;
  };
  const published = async () =>
    (await asPublic(app).get('/api/articles').query({ locale: 'fr', sort: 'title', 'pagination[pageSize]': 100, populate: 'category' }).expect(200)).body.data;

  beforeAll(async () => {
    app = await bootStrapi();
    await newsroom(app).site();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'colophon-wxr-reruns-'));
    ({ importWordpress } = require(path.join(app.strapi.dirs.dist.root, 'src/strapi/wordpress-import/run-import.js')));
  });
  afterAll(async () => {
    await app?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('reads a "Posts only" export, decodes escaped titles, and refuses ids it cannot key on', async () => {
    const report = await importWordpress(app.strapi, [
      write('a1.xml', 'https://a.reseau.example.net', [
        { id: 1, title: 'Tom &amp; Jerry à <em>Moscou</em>', slug: 'un', category: 'monde' },
        { id: 2, title: 'Deux', slug: 'deux', category: 'monde' },
        { id: 3, title: 'Trois', slug: 'trois' },
        { id: 1, title: 'Un, encore', slug: 'un-encore' },
        { title: 'Sans identifiant', slug: 'sans-id' },
      ]),
    ]);
    const articles = await published();
    expect(articles.map((article: any) => [article.title, article.category?.name ?? null])).toEqual([
      ['Deux', 'Monde'],
      ['Tom & Jerry à Moscou', 'Monde'],
      ['Trois', null],
    ]);
    expect(report.counts.post).toEqual({ created: 3, updated: 0, unchanged: 0, skipped: 2 });
    expect(report.skipped).toContainEqual(expect.objectContaining({ wpId: 1, reason: expect.stringContaining('appears twice') }));
    expect(report.skipped).toContainEqual(expect.objectContaining({ wpId: null, reason: expect.stringContaining('no wp:post_id') }));
  });

  it('takes down what WordPress took down, and keeps what editors changed in Colophon', async () => {
    const two = (await app.strapi.db.query('api::article.article').findOne({ where: { slug: 'deux' } })).documentId;
    await app.strapi.documents('api::article.article').update({ documentId: two, locale: 'fr', data: { title: 'Deux, relu par la rédaction' } } as any);
    await app.strapi.documents('api::article.article').publish({ documentId: two, locale: 'fr' } as any);

    const changed = write('a2.xml', 'https://a.reseau.example.net', [
      { id: 1, title: 'Tom &amp; Jerry à <em>Moscou</em>', slug: 'un', category: 'monde', status: 'trash' },
      { id: 2, title: 'Deux, corrigé dans WordPress', slug: 'deux', category: 'monde' },
      { id: 3, title: 'Trois', slug: 'trois', status: 'private' },
    ]);
    const report = await importWordpress(app.strapi, [changed]);
    expect((await published()).map((article: any) => article.title)).toEqual(['Deux, relu par la rédaction']);
    expect(report.skipped).toContainEqual(expect.objectContaining({ wpId: 1, reason: expect.stringContaining('unpublished') }));
    expect(report.skipped).toContainEqual(expect.objectContaining({ wpId: 2, reason: expect.stringContaining('edited in Colophon') }));
    expect(report.skipped).toContainEqual(expect.objectContaining({ wpId: 3, reason: expect.stringContaining('private in WordPress') }));
    // Their old URLs lead nowhere public any more.
    await asPublic(app).get('/api/resolve').query({ path: '/un/' }).expect(404);

    const overwritten = await importWordpress(app.strapi, [changed], { overwrite: true });
    expect(overwritten.counts.post.updated).toBe(1);
    expect((await published()).map((article: any) => article.title)).toEqual(['Deux, corrigé dans WordPress']);
  });

  it('keeps another blog of the same network apart, and leaves an old URL to the page that had it', async () => {
    const report = await importWordpress(app.strapi, [write('b.xml', 'https://b.reseau.example.net', [{ id: 2, title: 'Deux de B', slug: 'deux-b' }])]);
    expect(report.counts.post).toEqual({ created: 1, updated: 0, unchanged: 0, skipped: 0 });
    expect((await published()).map((article: any) => article.title)).toEqual(['Deux de B', 'Deux, corrigé dans WordPress']);
    // Both blogs had a /?p=2: the first import's page keeps it, and the report says so.
    const resolved = await asPublic(app).get('/api/resolve').query({ path: '/?p=2' }).expect(200);
    expect(resolved.body.redirect.to).toBe('/blog/monde/deux');
    expect(report.skipped).toContainEqual(expect.objectContaining({ wpId: 2, reason: expect.stringContaining('/?p=2 already redirects to /blog/monde/deux') }));
  });
});
