import fs from 'node:fs';
import path from 'node:path';
import { asPublic, graphql } from '../../helpers/agents';
import { newsroom } from '../../helpers/fixtures';
import { bootStrapi, type TestApp } from '../../helpers/strapi';

const FIXTURES = path.join(__dirname, '..', '..', 'fixtures', 'wordpress');
const EXPORT = path.join(FIXTURES, 'newsroom.xml');
const UPLOADS = path.join(FIXTURES, 'uploads');

// What the seed page shows under its story, in Colophon's French typography (see the footer test).
const SEED_FOOTER = [
  'Source\u00a0: RT\u00a0– https://www.rt.com/news/405007-north-korea-russia-meeting/',
  'Photo\u00a0: Image tirée d’une vidéo montrant des membres de la délégation nord-coréenne qui sont arrivés pour des pourparlers à Moscou le 29 septembre 2017 / RT',
  'Traduction\u00a0: Avic\u00a0– Réseau International',
].join('\n');

const ARTICLE = 'api::article.article';
const SEED_PATH = '/blog/asie/coree-du-nord/derriere-les-portes-closes';

/**
 * A newsroom moving over from WordPress: its export goes in, and what readers, frontends and
 * search engines get out is what an editor typing it all would have made, its old URLs lead
 * to the new pages, and a second run changes nothing.
 */
describe('importing a WordPress export', () => {
  let app: TestApp;
  let report: any;
  let dryRun: any;
  let rowsAfterDryRun: number;
  let importWordpress: (strapi: unknown, paths: string[], options?: Record<string, unknown>) => Promise<any>;

  beforeAll(async () => {
    app = await bootStrapi();
    await newsroom(app).site();
    ({ importWordpress } = require(path.join(app.strapi.dirs.dist.root, 'src/strapi/wordpress-import/run-import.js')));
    dryRun = await importWordpress(app.strapi, [EXPORT], { mediaDir: UPLOADS, dryRun: true });
    rowsAfterDryRun = Number((await app.strapi.db.connection('articles').count({ n: '*' }))[0].n) + Number((await app.strapi.db.connection('categories').count({ n: '*' }))[0].n);
    report = await importWordpress(app.strapi, [EXPORT], { mediaDir: UPLOADS });
  });
  afterAll(async () => {
    // The upload provider writes under public/uploads, which outlives the test's database.
    const files = app ? await app.strapi.db.query('plugin::upload.file').findMany({ select: ['url', 'formats'] }) : [];
    for (const file of files) {
      for (const url of [file.url, ...Object.values(file.formats ?? {}).map((format: any) => format.url)]) {
        if (typeof url === 'string' && url.startsWith('/uploads/')) fs.rmSync(path.join(app.strapi.dirs.static.public, url), { force: true });
      }
    }
    await app?.stop();
  });

  const publicArticle = async (slug: string) => {
    const response = await asPublic(app).get('/api/articles').query({ locale: 'fr', 'filters[slug][$eq]': slug, populate: ['credits.source', 'cover', 'category'] }).expect(200);
    return response.body.data[0];
  };
  const resolve = (asked: string) => asPublic(app).get('/api/resolve').query({ path: asked });

  it('reports on a dry run what the import then does, and writes nothing', () => {
    expect(rowsAfterDryRun).toBe(0);
    expect(dryRun.dryRun).toBe(true);
    for (const kind of ['category', 'post', 'comment', 'page', 'tag', 'attachment']) expect([kind, dryRun.counts[kind]]).toEqual([kind, report.counts[kind]]);
  });

  it('keeps the category tree, a parent listed after its child included', async () => {
    const categories = await app.strapi.db.query('api::category.category').findMany({ where: { locale: 'fr' }, select: ['name', 'slug', 'path', 'description'], orderBy: { path: 'asc' } });
    expect(categories.map((category: any) => [category.name, category.path])).toEqual([
      ['Asie', '/blog/asie'],
      ['Corée du Nord', '/blog/asie/coree-du-nord'],
      ['Россия', expect.stringMatching(/^\/blog\/[a-z0-9-]+$/)],
    ]);
    expect(categories[1].description).toBe('Pyongyang, ses voisins et ses missiles.');
    expect(report.counts.category).toEqual({ created: 3, updated: 0, unchanged: 0, skipped: 0 });
  });

  it('publishes the seed post with its date, its trail, and its hand-typed footer as structured credits', async () => {
    const article = await publicArticle('derriere-les-portes-closes');
    expect(article.title).toBe('Derrière les portes closes : un haut diplomate nord-coréen arrive à Moscou pour des entretiens (VIDEO)');
    expect(article.path).toBe(SEED_PATH);
    expect(article.excerpt).toBe('Moscou reçoit une délégation de Pyongyang.');
    expect(article.attribution.text).toBe(SEED_FOOTER);
    expect(article.credits.map((credit: any) => [credit.role, credit.source?.name ?? null, credit.person ?? null])).toEqual([
      ['original', 'RT', null],
      ['photo', 'RT', null],
      ['translation', 'Réseau International', 'Avic'],
    ]);
    expect(article.credits[0].url).toBe('https://www.rt.com/news/405007-north-korea-russia-meeting/');
    expect(article.credits[0].source.website).toBe('https://www.rt.com');
    // The footer left the body: its last paragraph is the story's.
    const lastText = article.body[article.body.length - 1].children.map((child: any) => child.text).join('');
    expect(lastText).toBe('Les discussions ont duré près de cinq heures, rapporte le correspondant de RIA Novosti.');
    expect(article.body[article.body.length - 1].children.find((child: any) => child.bold)?.text).toBe('RIA Novosti');

    const stored = await app.strapi.db.query(ARTICLE).findOne({ where: { documentId: article.documentId, publishedAt: { $notNull: true } } });
    expect(new Date(stored.firstPublishedAt).toISOString()).toBe('2017-09-29T14:05:00.000Z');
    const graph = JSON.stringify(article.structuredData);
    expect(graph).toContain('"datePublished":"2017-09-29T14:05:00.000Z"');
  });

  it('keeps comment threads and statuses, with replies past five levels under their deepest allowed ancestor', async () => {
    const article = await publicArticle('derriere-les-portes-closes');
    expect(article.commentCount).toBe(7);
    const comments = await app.strapi.db.query('api::comment.comment').findMany({
      select: ['authorName', 'authorEmail', 'commentStatus', 'depth', 'ipHash', 'body', 'createdAt'],
      populate: { parent: { select: ['authorName'] } },
    });
    const byAuthor = new Map(comments.map((comment: any) => [comment.authorName, comment]));
    expect(comments).toHaveLength(10);
    expect((byAuthor.get('Paul') as any).parent.authorName).toBe('Marie');
    expect(Math.max(...comments.map((comment: any) => comment.depth))).toBe(5);
    expect((byAuthor.get('Niveau 6 parent') as any).depth).toBe(5);
    expect((byAuthor.get('Réponse niveau 6') as any).depth).toBe(5);
    expect([...byAuthor.values()].map((comment: any) => comment.commentStatus).sort()).toEqual([
      ...Array(7).fill('approved'),
      'pending',
      'spam',
      'trash',
    ].sort());
    const marie = byAuthor.get('Marie') as any;
    expect(marie.body).toBe('Enfin un peu de diplomatie.\nMerci pour la traduction.');
    expect(marie.ipHash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(comments)).not.toContain('203.0.113.1"');
    expect(new Date(marie.createdAt).toISOString()).toBe('2017-09-30T10:01:00.000Z');
    expect(report.counts.comment).toEqual({ created: 10, updated: 0, unchanged: 0, skipped: 2 });
    expect(report.skipped).toContainEqual(expect.objectContaining({ kind: 'comment', wpId: 20, reason: expect.stringContaining('pas-une-adresse') }));
    expect(report.skipped).toContainEqual(expect.objectContaining({ kind: 'comment', wpId: 11 }));

    // Readers see approved comments only, and never an email.
    const readable = await asPublic(app).get('/api/comments').query({ 'filters[article][documentId][$eq]': article.documentId, 'pagination[pageSize]': 100 }).expect(200);
    expect(readable.body.data).toHaveLength(7);
    expect(JSON.stringify(readable.body)).not.toContain('@example.com');
  });

  it('turns a classic post into blocks with its images uploaded, and reports the image whose file is missing', async () => {
    const article = await publicArticle('double-gel');
    expect(article.allowComments).toBe(false);
    expect(article.category.name).toBe('Asie');
    expect(article.body[0]).toEqual({
      type: 'paragraph',
      children: [
        { type: 'text', text: 'Le plan du ' },
        { type: 'text', text: 'double gel', bold: true },
        { type: 'text', text: ' revient sur la table.\nIl lierait deux pauses.' },
      ],
    });
    const image = article.body.find((block: any) => block.type === 'image');
    expect(image.image.url).toMatch(/^\/uploads\/sommet.*\.jpg$/);
    expect(image.image.caption).toBe('Les délégations au sommet');
    expect(article.body.some((block: any) => block.type === 'list' && block.children.length === 2)).toBe(true);
    // carte.png is not under --media-dir: its caption stays, as text.
    expect(JSON.stringify(article.body)).toContain('Carte de la péninsule');
    expect(report.skipped).toContainEqual(expect.objectContaining({ kind: 'attachment', wpId: 202, reason: expect.stringContaining('carte.png') }));
    expect(article.cover.url).toBe(image.image.url);
    // Each image counted once, however many times posts show it (sommet.jpg is also the cover).
    expect(report.counts.attachment).toEqual({ created: 1, updated: 0, unchanged: 0, skipped: 1 });
    expect(article.coverCaption).toBe('Les délégations au sommet');
  });

  it('reads Gutenberg blocks, keeps what blocks cannot hold as text, and counts it', async () => {
    const [article] = (await asPublic(app).get('/api/articles').query({ locale: 'fr', 'filters[title][$eq]': 'Встреча в Москве' }).expect(200)).body.data;
    expect(article.slug).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
    const types = article.body.map((block: any) => block.type);
    expect(types).toEqual(expect.arrayContaining(['paragraph', 'heading', 'list', 'quote']));
    expect(JSON.stringify(article.body)).toContain('Russie | Pour');
    expect(report.contentLost).toEqual(expect.objectContaining({ table: 1 }));
    expect(Object.keys(report.contentLost).some((kind) => kind.includes('latest-posts'))).toBe(true);
  });

  it('never makes a scheduled, private, password-protected or draft post public', async () => {
    const titles = (await asPublic(app).get('/api/articles').query({ locale: 'fr', 'pagination[pageSize]': 100 }).expect(200)).body.data.map((article: any) => article.title);
    expect(titles.sort()).toEqual(
      [
        'Brève sans titre sur les pourparlers de Moscou, publiée en hâte.',
        'Derrière les portes closes : un haut diplomate nord-coréen arrive à Moscou pour des entretiens (VIDEO)',
        'Moscou et Pékin défendent le « double gel »',
        'Встреча в Москве',
      ].sort()
    );
    expect(report.skipped).toContainEqual(expect.objectContaining({ kind: 'post', wpId: 112, reason: expect.stringContaining('had no title') }));
    const drafts = await app.strapi.db.query(ARTICLE).findMany({ where: { publishedAt: null }, select: ['title'] });
    expect(drafts.map((row: any) => row.title)).toEqual(expect.arrayContaining(['Programmé pour plus tard', 'Note privée', 'Article protégé', 'Brouillon en cours']));
    expect(report.counts.post).toEqual({ created: 8, updated: 0, unchanged: 0, skipped: 1 });
    expect(report.counts.revision.skipped).toBe(1);
    expect(report.counts.nav_menu_item.skipped).toBe(1);
    expect(report.counts.page).toEqual({ created: 0, updated: 0, unchanged: 0, skipped: 1 });
    expect(report.counts.tag).toEqual({ created: 0, updated: 0, unchanged: 0, skipped: 1 });
    for (const wpId of [108, 109, 110, 111]) expect(report.skipped).toContainEqual(expect.objectContaining({ wpId }));
  });

  it('answers every old URL with a redirect to the new path, in one hop', async () => {
    const cases: Array<[string, string]> = [
      ['/2017/09/29/derriere-les-portes-closes/', SEED_PATH],
      ['/2017/09/29/derriere-les-portes-closes', SEED_PATH],
      ['/?p=101', SEED_PATH],
      ['/2017/09/29/diplomate-nord-coreen-moscou/', SEED_PATH],
      ['/category/asie/coree-du-nord/', '/blog/asie/coree-du-nord'],
      ['/?cat=12', '/blog/asie/coree-du-nord'],
    ];
    const russian = (await app.strapi.db.query(ARTICLE).findOne({ where: { title: 'Встреча в Москве', publishedAt: { $notNull: true } } })).path;
    cases.push(['/2017/10/03/%d0%b2%d1%81%d1%82%d1%80%d0%b5%d1%87%d0%b0/', russian], ['/2017/10/03/%D0%B2%D1%81%D1%82%D1%80%D0%B5%D1%87%D0%B0', russian], ['/2017/10/03/встреча/', russian]);
    for (const [asked, to] of cases) {
      const answer = await resolve(asked);
      expect([asked, answer.status, answer.body.redirect]).toEqual([asked, 200, { to, statusCode: 301 }]);
    }
    // Nothing redirects to a page that is not public.
    await resolve('/?p=105').expect(404);
    await resolve('/2017/10/05/note-privee/').expect(404);

    const { data } = await graphql(app, 'query($path: String!) { resolvePath(path: $path) { redirect { to statusCode } } }', { path: '/?p=101' });
    expect(data.resolvePath.redirect).toEqual({ to: SEED_PATH, statusCode: 301 });
  });

  it('serves the imported articles over GraphQL as over REST', async () => {
    const { data, errors } = await graphql(app, '{ articles(locale: "fr", sort: "title") { title path category { name } } }');
    expect(errors).toEqual([]);
    expect(data.articles.find((article: any) => article.path === SEED_PATH).category.name).toBe('Corée du Nord');
  });

  it('leaves nothing for rederive --check to fix', async () => {
    const { checkConsistency } = require(path.join(app.strapi.dirs.dist.root, 'src/strapi/consistency/index.js'));
    expect((await checkConsistency(app.strapi)).findings).toEqual([]);
  });

  it('changes nothing when the same export is imported again', async () => {
    const count = async (table: string) => Number((await app.strapi.db.connection(table).count({ n: '*' }))[0].n);
    const before = { articles: await count('articles'), comments: await count('comments'), redirects: await count('redirects'), changes: await count('colophon_changes'), files: await count('files') };
    const again = await importWordpress(app.strapi, [EXPORT], { mediaDir: UPLOADS });
    expect(again.counts.post).toEqual({ created: 0, updated: 0, unchanged: 8, skipped: 1 });
    expect(again.counts.comment).toEqual({ created: 0, updated: 0, unchanged: 10, skipped: 2 });
    expect(again.counts.category).toEqual({ created: 0, updated: 0, unchanged: 3, skipped: 0 });
    expect(again.counts.attachment).toEqual({ created: 0, updated: 0, unchanged: 1, skipped: 1 });
    expect({ articles: await count('articles'), comments: await count('comments'), redirects: await count('redirects'), changes: await count('colophon_changes'), files: await count('files') }).toEqual(before);
  });
});
