import { fork } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { databaseClient } from '../../helpers/database';
import { newsroom } from '../../helpers/fixtures';
import { bootStrapi, type TestApp } from '../../helpers/strapi';

const POSTS = 30;

/** A WXR export of POSTS published posts with two comments each, one a reply. */
function writeExport(file: string): void {
  const items = Array.from({ length: POSTS }, (_, index) => {
    const id = 1000 + index;
    return `<item><title>Dépêche ${index}</title><link>https://ancien.example.net/2020/01/02/depeche-${index}/</link>
<content:encoded><![CDATA[Premier paragraphe de la dépêche ${index}.

Source : https://www.agence.example.com/fil/${index}/]]></content:encoded><excerpt:encoded><![CDATA[]]></excerpt:encoded>
<wp:post_id>${id}</wp:post_id><wp:post_date_gmt>2020-01-02 08:00:00</wp:post_date_gmt><wp:post_name>depeche-${index}</wp:post_name>
<wp:status>publish</wp:status><wp:post_type>post</wp:post_type><category domain="category" nicename="fil"><![CDATA[Fil]]></category>
<wp:comment><wp:comment_id>${id * 10}</wp:comment_id><wp:comment_author>Lectrice</wp:comment_author><wp:comment_author_email>lectrice@example.com</wp:comment_author_email><wp:comment_date_gmt>2020-01-03 08:00:00</wp:comment_date_gmt><wp:comment_content>Merci.</wp:comment_content><wp:comment_approved>1</wp:comment_approved><wp:comment_parent>0</wp:comment_parent></wp:comment>
<wp:comment><wp:comment_id>${id * 10 + 1}</wp:comment_id><wp:comment_author>Lecteur</wp:comment_author><wp:comment_author_email>lecteur@example.com</wp:comment_author_email><wp:comment_date_gmt>2020-01-03 09:00:00</wp:comment_date_gmt><wp:comment_content>De rien.</wp:comment_content><wp:comment_approved>1</wp:comment_approved><wp:comment_parent>${id * 10}</wp:comment_parent></wp:comment>
</item>`;
  });
  fs.writeFileSync(
    file,
    `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel><title>Ancien site</title><link>https://ancien.example.net</link><language>fr-FR</language><wp:wxr_version>1.2</wp:wxr_version>
<wp:base_site_url>https://ancien.example.net</wp:base_site_url>
<wp:category><wp:term_id>1</wp:term_id><wp:category_nicename>fil</wp:category_nicename><wp:category_parent></wp:category_parent><wp:cat_name><![CDATA[Fil]]></wp:cat_name></wp:category>
${items.join('\n')}
</channel></rss>
`
  );
}

/**
 * An import that dies half-way (killed, as a crash or an OOM killer would) leaves every item it
 * committed whole and nothing of the one in hand; `--resume` goes on from the last committed
 * item, and the result is what one uninterrupted run gives.
 */
describe('an import killed half-way, then resumed', () => {
  let app: TestApp;
  let file: string;
  beforeAll(async () => {
    app = await bootStrapi();
    await newsroom(app).site();
    file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'colophon-wxr-')), 'ancien.wordpress.xml');
    writeExport(file);
  });
  afterAll(async () => {
    await app?.stop();
    fs.rmSync(path.dirname(file), { recursive: true, force: true });
  });

  it('keeps what committed, and resumes to the same result as one run', async () => {
    const child = fork(path.join(__dirname, '..', '..', 'helpers', 'import-child.js'), [file], {
      env: { ...process.env, ...app.database.env },
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    });
    let stderr = '';
    child.stderr!.on('data', (chunk) => (stderr += String(chunk)));
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`the import never got going: ${stderr}`)), 90000);
      child.stdout!.on('data', (chunk) => {
        const done = [...String(chunk).matchAll(/ITEM (\d+)/g)].map((match) => Number(match[1]));
        if (done.some((n) => n >= 8)) {
          clearTimeout(timer);
          child.kill('SIGKILL');
          resolve();
        }
      });
      child.on('exit', () => {
        clearTimeout(timer);
        resolve();
      });
    });
    await new Promise((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve(null) : child.once('exit', resolve)));
    expect(child.signalCode).toBe('SIGKILL');

    const strapi = app.strapi;
    const documents = async () => new Set((await strapi.db.query('api::article.article').findMany({ select: ['documentId'] })).map((row: any) => row.documentId)).size;
    const committed = await documents();
    expect(committed).toBeGreaterThanOrEqual(8);
    expect(committed).toBeLessThan(POSTS);
    // Whole items only: every article that exists has both its comments and its place in the import's memory.
    const remembered = Number((await strapi.db.connection('colophon_wordpress_items').where({ kind: 'post' }).count({ n: '*' }))[0].n);
    expect(remembered).toBe(committed);
    expect(Number((await strapi.db.connection('comments').count({ n: '*' }))[0].n)).toBe(2 * committed);

    const { importWordpress } = require(path.join(strapi.dirs.dist.root, 'src/strapi/wordpress-import/run-import.js'));
    // The cursor passes only items that committed, all of them: on PostgreSQL, where items are
    // imported side by side and commit in any order, it may trail the last ones by as many as
    // were in hand; a resumed run finds those unchanged.
    const cursor = Number((await strapi.db.connection('colophon_wordpress_runs').first('committed')).committed);
    const slugs = new Set((await strapi.db.query('api::article.article').findMany({ select: ['slug'] })).map((row: any) => row.slug));
    for (let index = 0; index < cursor; index += 1) expect(slugs).toContain(`depeche-${index}`);
    const inHand = databaseClient() === 'postgres' ? 3 : 1;
    const resumed = await importWordpress(strapi, [file], { resume: true });
    expect(resumed.resumedAfter).toBe(cursor);
    expect(resumed.resumedAfter).toBeGreaterThanOrEqual(8 - (inHand - 1));
    expect(resumed.resumedAfter).toBeLessThanOrEqual(committed);
    expect(resumed.counts.post.created + resumed.counts.post.unchanged).toBe(POSTS - resumed.resumedAfter);
    expect(resumed.counts.post.created).toBe(POSTS - committed);

    expect(await documents()).toBe(POSTS);
    expect(Number((await strapi.db.connection('comments').count({ n: '*' }))[0].n)).toBe(2 * POSTS);
    const published = await strapi.db.query('api::article.article').findMany({ where: { publishedAt: { $notNull: true } }, select: ['commentCount', 'path'] });
    expect(published).toHaveLength(POSTS);
    expect(published.every((row: any) => row.commentCount === 2)).toBe(true);
    const { checkConsistency } = require(path.join(strapi.dirs.dist.root, 'src/strapi/consistency/index.js'));
    expect((await checkConsistency(strapi)).findings).toEqual([]);

    // A resumed run that finished has nothing left; a full run finds everything unchanged.
    expect((await importWordpress(strapi, [file], { resume: true })).counts.post ?? { created: 0 }).toEqual(expect.objectContaining({ created: 0 }));
    const again = await importWordpress(strapi, [file]);
    expect(again.counts.post).toEqual({ created: 0, updated: 0, unchanged: POSTS, skipped: 0 });
    expect(again.counts.comment).toEqual({ created: 0, updated: 0, unchanged: 2 * POSTS, skipped: 0 });
  });
});
