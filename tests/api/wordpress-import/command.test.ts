import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { newsroom } from '../../helpers/fixtures';
import { PROJECT_ROOT } from '../../helpers/database';
import { bootStrapi, type TestApp } from '../../helpers/strapi';

const COMMAND = path.join(PROJECT_ROOT, 'scripts', 'import-wordpress.js');

function run(args: string[], env: Record<string, string | undefined> = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [COMMAND, ...args], { cwd: PROJECT_ROOT, env: { ...process.env, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += String(chunk)));
    child.stderr.on('data', (chunk) => (stderr += String(chunk)));
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

const HEAD = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel><title>Blog</title><link>https://blog.example.net</link><language>fr-FR</language><wp:base_site_url>https://blog.example.net</wp:base_site_url>
`;
const post = (id: number, title: string) =>
  `<item><title>${title}</title><link>https://blog.example.net/${id}/</link><content:encoded><![CDATA[Texte ${id}.]]></content:encoded><excerpt:encoded><![CDATA[]]></excerpt:encoded><wp:post_id>${id}</wp:post_id><wp:post_date_gmt>2021-05-01 10:00:00</wp:post_date_gmt><wp:post_name>billet-${id}</wp:post_name><wp:status>publish</wp:status><wp:post_type>post</wp:post_type></item>\n`;

/**
 * `npm run import:wordpress` as a newsroom runs it: arguments it cannot act on are refused
 * before anything is booted or written, and a broken file says where it broke, after what
 * came before it was imported.
 */
describe('npm run import:wordpress', () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'colophon-wxr-command-'));
    fs.writeFileSync(path.join(dir, 'good.xml'), `${HEAD}${post(1, 'Un')}</channel></rss>\n`);
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it.each([
    [['--frobnicate', 'good.xml'], 'unknown option --frobnicate'],
    [[], 'no export file given'],
    [['missing.xml'], 'missing.xml: no such file'],
    [['good.xml', '--media-dir=nowhere'], '--media-dir nowhere is not a directory'],
    [['good.xml', '--report=no/such/dir/report.json'], '--report no/such/dir/report.json'],
    [['good.xml', '--dry-run', '--resume'], '--dry-run and --resume cannot go together'],
    [['good.xml', 'notes.txt'], 'notes.txt: a WordPress export is a .xml or a .zip file'],
  ])('refuses %j before writing anything', async (args, message) => {
    if (args.includes('notes.txt')) fs.writeFileSync(path.join(dir, 'notes.txt'), 'not an export');
    const answer = await run(args.map((arg) => (arg.endsWith('.xml') || arg.endsWith('.txt') ? path.join(dir, arg) : arg)), {
      // No database at all: a refusal must not need one.
      DATABASE_CLIENT: 'no-such-client',
    });
    expect(answer.code).toBe(2);
    expect(answer.stderr).toContain(message);
    expect(answer.stderr).toContain('usage: npm run import:wordpress');
  });

  describe('on a database', () => {
    let app: TestApp;
    beforeAll(async () => {
      app = await bootStrapi();
      await newsroom(app).site();
    });
    afterAll(async () => {
      await app?.stop();
    });

    it('imports a split export in order, and stops at a broken part saying where, after importing what came before', async () => {
      const base = path.join(dir, 'blog.wordpress.2026-12-05');
      fs.writeFileSync(`${base}.000.xml`, `${HEAD}${post(1, 'Un')}${post(2, 'Deux')}</channel></rss>\n`);
      // The second part breaks on its third line: an element closed by the wrong tag.
      fs.writeFileSync(`${base}.001.xml`, `${HEAD}${post(3, 'Trois')}<item><title>Quatre</titre></item>\n</channel></rss>\n`);
      const reportFile = path.join(dir, 'report.json');
      const answer = await run([`${base}.001.xml`, `${base}.000.xml`, `--report=${reportFile}`], { ...app.database.env, LOG_LEVEL: 'error' });

      expect(answer.code).toBe(1);
      expect(answer.stderr).toMatch(/blog\.wordpress\.2026-12-05\.001\.xml.*line \d+, column \d+/);
      const titles = (await app.strapi.db.query('api::article.article').findMany({ where: { publishedAt: { $notNull: true } }, select: ['title'] })).map((row: any) => row.title);
      expect(titles.sort()).toEqual(['Deux', 'Trois', 'Un']);
      expect(answer.stdout).toMatch(/post\s+created 3, updated 0, unchanged 0, skipped 0/);
      expect(JSON.parse(fs.readFileSync(reportFile, 'utf8')).counts.post.created).toBe(3);
    });

    it('imports a WordPress.com zip', async () => {
      const folder = path.join(dir, 'zipped');
      fs.mkdirSync(folder);
      fs.writeFileSync(path.join(folder, 'blog.wordpress.2026-12-05.000.xml'), `${HEAD}${post(9, 'Neuf')}</channel></rss>\n`);
      const zip = path.join(dir, 'export.zip');
      execFileSync('zip', ['-q', '-r', zip, 'zipped'], { cwd: dir });
      const { importWordpress } = require(path.join(app.strapi.dirs.dist.root, 'src/strapi/wordpress-import/run-import.js'));
      const report = await importWordpress(app.strapi, [zip]);
      expect(report.counts.post.created).toBe(1);
      expect(await app.strapi.db.query('api::article.article').count({ where: { title: 'Neuf', publishedAt: { $notNull: true } } })).toBe(1);
    });
  });
});
