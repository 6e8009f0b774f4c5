import fc from 'fast-check';
import path from 'node:path';
import { asPublic, graphql } from '../../helpers/agents';
import { newsroom } from '../../helpers/fixtures';
import { bootStrapi, type TestApp } from '../../helpers/strapi';

const ARTICLE = 'api::article.article';
const CATEGORY = 'api::category.category';

/**
 * `seo.feeds` names the feeds for autodiscovery. `seo.alternates`, Google's "Localized versions of your pages": every published, indexable
 * localization of an article or a category names all of them (itself included) and
 * `x-default`, kept right through every write that changes one of them.
 */
describe('seo for discovery: hreflang alternates and feeds', () => {
  let app: TestApp;
  const documents = (uid: string) => app.strapi.documents(uid as any) as any;
  const rowsOf = (uid: string, documentId: string): Promise<any[]> =>
    app.strapi.db.query(uid as any).findMany({ where: { documentId }, orderBy: [{ locale: 'asc' }, { id: 'asc' }] });
  const site = async () => app.strapi.db.query('api::site.site').findOne({});

  /**
   * What the alternates of every row of a document must be, worked out from the stored rows
   * alone, apart from the code under test: the published rows with a path whose robots allow
   * indexing and whose canonical is their own URL, sorted by locale, then x-default.
   */
  async function expectedAlternates(uid: string, documentId: string): Promise<Map<number, Array<{ hreflang: string; url: string }>>> {
    const { baseUrl, defaultLocale } = await site();
    const rows = await rowsOf(uid, documentId);
    const urlOf = (row: any) => (baseUrl && row.path ? `${baseUrl}${row.path}` : null);
    const indexable = (row: any) =>
      row.publishedAt !== null &&
      urlOf(row) !== null &&
      !/\b(noindex|none)\b/i.test(row.seo?.robots ?? '') &&
      (!row.seo?.canonicalUrl || row.seo.canonicalUrl === urlOf(row));
    const live = rows.filter(indexable).sort((a, b) => (a.locale < b.locale ? -1 : 1));
    const list = live.map((row) => ({ hreflang: row.locale, url: urlOf(row)! }));
    const fallback = live.find((row) => row.locale === defaultLocale);
    if (fallback) list.push({ hreflang: 'x-default', url: urlOf(fallback)! });
    const expected = new Map<number, Array<{ hreflang: string; url: string }>>();
    for (const row of rows) {
      const published = rows.find((other) => other.locale === row.locale && other.publishedAt !== null);
      expected.set(row.id, published && indexable(published) ? list : []);
    }
    return expected;
  }

  async function wrongAlternates(uid: string, documentId: string): Promise<string[]> {
    const expected = await expectedAlternates(uid, documentId);
    const problems: string[] = [];
    for (const row of await rowsOf(uid, documentId)) {
      // PostgreSQL's jsonb gives keys back in its own order.
      const stored = row.seo?.alternates?.map((alternate: any) => ({ hreflang: alternate.hreflang, url: alternate.url }));
      if (JSON.stringify(stored) !== JSON.stringify(expected.get(row.id))) {
        problems.push(
          `${uid} ${documentId} ${row.locale} ${row.publishedAt ? 'published' : 'draft'}: ${JSON.stringify(stored)}, expected ${JSON.stringify(expected.get(row.id))}`
        );
      }
    }
    return problems;
  }

  const publishedRow = async (documentId: string, locale: string) =>
    (await rowsOf(ARTICLE, documentId)).find((row) => row.locale === locale && row.publishedAt !== null);

  beforeAll(async () => {
    app = await bootStrapi();
    const locales = app.strapi.plugin('i18n').service('locales');
    if (!(await locales.findByCode('el'))) await locales.create({ code: 'el', name: 'Greek (el)' });
    await newsroom(app).site({ defaultLocale: 'fr' });
  });
  afterAll(async () => {
    await app?.stop();
  });

  it('names every published localization and x-default, over REST and GraphQL', async () => {
    const story: any = await newsroom(app).article('Les rats', { published: true });
    await documents(ARTICLE).update({ documentId: story.documentId, locale: 'en', status: 'published', data: { title: 'Rats' } });
    await documents(ARTICLE).update({ documentId: story.documentId, locale: 'el', data: { title: 'Αρουραίοι' } });
    const fr = await publishedRow(story.documentId, 'fr');
    const en = await publishedRow(story.documentId, 'en');
    const expected = [
      { hreflang: 'en', url: `https://example.org${en.path}` },
      { hreflang: 'fr', url: `https://example.org${fr.path}` },
      { hreflang: 'x-default', url: `https://example.org${fr.path}` },
    ];
    expect(en.path).toMatch(/^\/en\/blog\//);

    const rest = await asPublic(app).get(`/api/articles/${story.documentId}?locale=en`).expect(200);
    expect(rest.body.data.seo.alternates).toEqual(expected);
    const result = await graphql(app, 'query($id: ID!) { article(documentId: $id, locale: "fr") { seo } }', { id: story.documentId });
    expect(result.data?.article.seo.alternates).toEqual(expected);
    // The Greek draft is named by no one, and has no list of its own until it is published.
    expect(await wrongAlternates(ARTICLE, story.documentId)).toEqual([]);
    expect((await rowsOf(ARTICLE, story.documentId)).find((row) => row.locale === 'el').seo.alternates).toEqual([]);
  });

  it('follows a localization published, unpublished, re-slugged and deleted', async () => {
    const story: any = await newsroom(app).article('Le port', { published: true });
    const id = story.documentId;
    await documents(ARTICLE).update({ documentId: id, locale: 'en', data: { title: 'The harbour' } });
    expect((await publishedRow(id, 'fr')).seo.alternates.map((a: any) => a.hreflang)).toEqual(['fr', 'x-default']);

    await documents(ARTICLE).publish({ documentId: id, locale: 'en' });
    expect((await publishedRow(id, 'fr')).seo.alternates.map((a: any) => a.hreflang)).toEqual(['en', 'fr', 'x-default']);

    await documents(ARTICLE).update({ documentId: id, locale: 'en', status: 'published', data: { slug: 'the-old-harbour' } });
    expect((await publishedRow(id, 'fr')).seo.alternates[0]).toEqual({ hreflang: 'en', url: 'https://example.org/en/blog/the-old-harbour' });

    await documents(ARTICLE).unpublish({ documentId: id, locale: 'en' });
    expect((await publishedRow(id, 'fr')).seo.alternates.map((a: any) => a.hreflang)).toEqual(['fr', 'x-default']);
    expect(await wrongAlternates(ARTICLE, id)).toEqual([]);

    await documents(ARTICLE).publish({ documentId: id, locale: 'en' });
    await documents(ARTICLE).delete({ documentId: id, locale: 'en' });
    expect((await publishedRow(id, 'fr')).seo.alternates.map((a: any) => a.hreflang)).toEqual(['fr', 'x-default']);
    expect(await wrongAlternates(ARTICLE, id)).toEqual([]);
  });

  it('leaves out a localization canonical to another page, and every localization of a noindex article', async () => {
    const leMonde: any = await documents('api::source.source').create({ data: { name: 'Le Monde', kind: 'outlet', language: 'fr', syndication: 'canonical' } });
    const original = { role: 'original', url: 'https://www.lemonde.fr/international/article/2.html', source: leMonde.documentId };
    // The French version republishes Le Monde's page, canonical to it; the English one is our own.
    const story: any = await newsroom(app).article('La mine', { published: true, data: { credits: [original] } });
    const id = story.documentId;
    await documents(ARTICLE).update({ documentId: id, locale: 'en', status: 'published', data: { title: 'The mine', credits: [] } });
    const en = await publishedRow(id, 'en');
    expect((await publishedRow(id, 'fr')).seo.canonicalUrl).toBe(original.url);
    expect((await publishedRow(id, 'fr')).seo.alternates).toEqual([]);
    // No x-default either: the French page, in the default locale, is not offered.
    expect(en.seo.alternates).toEqual([{ hreflang: 'en', url: `https://example.org${en.path}` }]);
    expect(await wrongAlternates(ARTICLE, id)).toEqual([]);

    // syndication is one value for every locale.
    await documents(ARTICLE).update({ documentId: id, locale: 'en', status: 'published', data: { syndication: 'noindex' } });
    for (const code of ['fr', 'en']) expect((await publishedRow(id, code)).seo.alternates).toEqual([]);
    expect(await wrongAlternates(ARTICLE, id)).toEqual([]);
  });

  it('follows a category move of one localization, and gives categories their own alternates', async () => {
    const world: any = await newsroom(app).category('Monde');
    await newsroom(app).translateCategory(world.documentId, 'en', 'World');
    const story: any = await newsroom(app).article('La forêt', { published: true, category: world.documentId });
    await documents(ARTICLE).update({ documentId: story.documentId, locale: 'en', status: 'published', data: { title: 'The forest', category: world.documentId } });
    expect(await wrongAlternates(CATEGORY, world.documentId)).toEqual([]);
    const french = await app.strapi.db.query(CATEGORY).findOne({ where: { documentId: world.documentId, locale: 'fr' } });
    expect(french.seo).toMatchObject({ canonicalUrl: 'https://example.org/blog/monde', robots: 'index, follow' });
    expect(french.seo.alternates.map((a: any) => a.url)).toEqual([
      'https://example.org/en/blog/world',
      'https://example.org/blog/monde',
      'https://example.org/blog/monde',
    ]);
    const rest = await asPublic(app).get(`/api/categories/${world.documentId}?locale=en`).expect(200);
    expect(rest.body.data.seo.alternates).toEqual(french.seo.alternates);

    // A French re-slug of the category moves the French article: the English one names it there.
    await documents(CATEGORY).update({ documentId: world.documentId, locale: 'fr', data: { slug: 'international' } });
    expect((await publishedRow(story.documentId, 'en')).seo.alternates.find((a: any) => a.hreflang === 'fr').url).toMatch(/\/blog\/international\//);
    expect(await wrongAlternates(ARTICLE, story.documentId)).toEqual([]);
    expect(await wrongAlternates(CATEGORY, world.documentId)).toEqual([]);

    await documents(CATEGORY).delete({ documentId: world.documentId, locale: 'en' });
    expect(await wrongAlternates(CATEGORY, world.documentId)).toEqual([]);
    expect(await wrongAlternates(ARTICLE, story.documentId)).toEqual([]);
  });

  it('follows the Site: its default locale decides x-default, its base URL every URL', async () => {
    const story: any = await newsroom(app).article('Le col', { published: true });
    await documents(ARTICLE).update({ documentId: story.documentId, locale: 'en', status: 'published', data: { title: 'The pass' } });
    await newsroom(app).site({ defaultLocale: 'en', baseUrl: 'https://news.example.org' });
    try {
      const en = await publishedRow(story.documentId, 'en');
      expect(en.path).not.toMatch(/^\/en\//);
      expect((await publishedRow(story.documentId, 'fr')).seo.alternates).toContainEqual({ hreflang: 'x-default', url: `https://news.example.org${en.path}` });
      expect(await wrongAlternates(ARTICLE, story.documentId)).toEqual([]);
    } finally {
      await newsroom(app).site({ defaultLocale: 'fr', baseUrl: 'https://example.org' });
    }
    expect(await wrongAlternates(ARTICLE, story.documentId)).toEqual([]);
  });

  it('names the feeds of its site and its category, at URLs that answer', async () => {
    const world: any = await newsroom(app).category('Océans');
    const story: any = await newsroom(app).article('Les baleines', { published: true, category: world.documentId });
    const { seo } = await publishedRow(story.documentId, 'fr');
    expect(seo.feeds.map((feed: any) => [feed.type, feed.url])).toEqual([
      ['application/rss+xml', 'https://example.org/feeds/fr/rss.xml'],
      ['application/atom+xml', 'https://example.org/feeds/fr/atom.xml'],
      ['application/feed+json', 'https://example.org/feeds/fr/feed.json'],
      ['application/rss+xml', `https://example.org/feeds/fr/categories/${world.documentId}/rss.xml`],
      ['application/atom+xml', `https://example.org/feeds/fr/categories/${world.documentId}/atom.xml`],
      ['application/feed+json', `https://example.org/feeds/fr/categories/${world.documentId}/feed.json`],
    ]);
    expect(seo.feeds[3].title).toBe('Cellule44 – Océans (RSS)');
    // What a frontend proxies /feeds/ to.
    for (const feed of seo.feeds) {
      const response = await asPublic(app).get(new URL(feed.url).pathname.replace(/^\/feeds\//, '/api/feeds/')).expect(200);
      expect(response.headers['content-type']).toContain(feed.type);
    }
    const category = await app.strapi.db.query(CATEGORY).findOne({ where: { documentId: world.documentId, locale: 'fr' } });
    expect(category.seo.feeds.map((feed: any) => feed.url)).toEqual(seo.feeds.map((feed: any) => feed.url));

    // A renamed category renames its feed in every page that names it.
    await documents(CATEGORY).update({ documentId: world.documentId, locale: 'fr', data: { name: 'Mers' } });
    expect((await publishedRow(story.documentId, 'fr')).seo.feeds[3].title).toBe('Cellule44 – Mers (RSS)');
  });

  it('reaches readers: a cached answer of one locale follows a category move in another', async () => {
    const science: any = await newsroom(app).category('Science');
    const lab: any = await newsroom(app).category('Lab', { locale: 'en' });
    const story: any = await newsroom(app).article('La comète', { published: true, category: science.documentId });
    await documents(ARTICLE).update({ documentId: story.documentId, locale: 'en', status: 'published', data: { title: 'The comet', category: lab.documentId } });
    const english = () => asPublic(app).get(`/api/articles/${story.documentId}?locale=en`).expect(200);
    const frenchUrl = async (response: any) => response.body.data.seo.alternates.find((a: any) => a.hreflang === 'fr').url;
    const first = await english();
    expect(await frenchUrl(first)).toMatch(/\/blog\/science\//);
    // Asked again: now the response cache's. A shared cache revalidates with the ETag it holds.
    await asPublic(app).get(`/api/articles/${story.documentId}?locale=en`).set('If-None-Match', first.headers.etag).expect(304);

    await documents(CATEGORY).update({ documentId: science.documentId, locale: 'fr', data: { slug: 'sciences-dures' } });
    const after = await asPublic(app).get(`/api/articles/${story.documentId}?locale=en`).set('If-None-Match', first.headers.etag);
    expect(after.status).toBe(200);
    expect(await frenchUrl(after)).toMatch(/\/blog\/sciences-dures\//);
  });

  it('stays right when a category move in one locale races an edit of another locale, at the same moment', async () => {
    const desk: any = await newsroom(app).category('Bureau');
    // The English versions sit in another tree, which the French cascade does not lock.
    const elsewhere: any = await newsroom(app).category('Elsewhere', { locale: 'en' });
    const stories: any[] = [];
    for (const title of ['Un', 'Deux', 'Trois']) {
      const story: any = await newsroom(app).article(`Course ${title}`, { published: true, category: desk.documentId });
      await documents(ARTICLE).update({ documentId: story.documentId, locale: 'en', status: 'published', data: { title: `Race ${title}`, category: elsewhere.documentId } });
      stories.push(story);
    }
    for (let round = 0; round < 6; round += 1) {
      // On PostgreSQL each runs in its own transaction on its own connection: the French cascade
      // rewrites the English rows' alternates while their own save is under way.
      await Promise.all([
        documents(CATEGORY).update({ documentId: desk.documentId, locale: 'fr', data: { slug: `bureau-${round}` } }),
        ...stories.map((story, index) =>
          documents(ARTICLE).update({ documentId: story.documentId, locale: 'en', status: 'published', data: { slug: `race-${index}-${round}` } })
        ),
      ]);
      for (const story of stories) {
        expect(await wrongAlternates(ARTICLE, story.documentId)).toEqual([]);
        // No save's seo was overwritten by the other's: each row's canonical is its own URL.
        for (const row of await rowsOf(ARTICLE, story.documentId)) expect(row.seo.canonicalUrl).toBe(`https://example.org${row.path}`);
      }
    }
  });

  it('derives them once for a database written before they existed', async () => {
    // The backfill as the app runs it at boot (compiled into dist/ by the global setup).
    const { backfillAlternates } = require(path.join(__dirname, '../../../dist/src/strapi/discovery/backfill-alternates.js'));
    const world: any = await newsroom(app).category('Archives');
    await newsroom(app).translateCategory(world.documentId, 'en', 'Archive');
    const story: any = await newsroom(app).article('Vieux papiers', { published: true, category: world.documentId });
    await documents(ARTICLE).update({ documentId: story.documentId, locale: 'en', status: 'published', data: { title: 'Old papers' } });
    for (const row of await rowsOf(ARTICLE, story.documentId)) {
      const { alternates, ...older } = row.seo;
      await app.strapi.db.query(ARTICLE).update({ where: { id: row.id }, data: { seo: older } });
    }
    await app.strapi.db.query(CATEGORY).updateMany({ where: { documentId: world.documentId }, data: { seo: null } });
    await app.strapi.store.delete({ type: 'core', name: 'colophon', key: 'hreflang-alternates' });
    expect((await wrongAlternates(ARTICLE, story.documentId)).length).toBeGreaterThan(0);

    expect(await backfillAlternates(app.strapi)).toBeGreaterThan(0);
    expect(await wrongAlternates(ARTICLE, story.documentId)).toEqual([]);
    expect(await wrongAlternates(CATEGORY, world.documentId)).toEqual([]);
    expect(await backfillAlternates(app.strapi)).toBe(0);
  });

  it('stays right and reciprocal after random sequences of localization edits (property)', async () => {
    const LOCALES = ['fr', 'en', 'el'];
    const TITLES = ['Alpha', 'Été', 'Ωμέγα', 'Rats & <chats>'];
    type Step =
      | { kind: 'translate'; article: number; locale: number; title: number; publish: boolean }
      | { kind: 'publish' | 'unpublish' | 'delete' | 'noindex' | 'index'; article: number; locale: number }
      | { kind: 'reslug'; article: number; locale: number; title: number }
      | { kind: 'move'; article: number; locale: number; category: number | null }
      | { kind: 'reslugCategory'; category: number; locale: number; title: number }
      | { kind: 'defaultLocale'; locale: number };
    const locale = fc.nat(LOCALES.length - 1);
    const article = fc.nat(1);
    const step: fc.Arbitrary<Step> = fc.oneof(
      fc.record({ kind: fc.constant('translate' as const), article, locale, title: fc.nat(TITLES.length - 1), publish: fc.boolean() }),
      fc.record({ kind: fc.constantFrom('publish' as const, 'unpublish' as const, 'delete' as const, 'noindex' as const, 'index' as const), article, locale }),
      fc.record({ kind: fc.constant('reslug' as const), article, locale, title: fc.nat(TITLES.length - 1) }),
      fc.record({ kind: fc.constant('move' as const), article, locale, category: fc.option(fc.nat(1), { nil: null }) }),
      fc.record({ kind: fc.constant('reslugCategory' as const), category: fc.nat(1), locale, title: fc.nat(TITLES.length - 1) }),
      fc.record({ kind: fc.constant('defaultLocale' as const), locale })
    );

    // Two categories with a localization in every locale, shared by every run.
    const categories: string[] = [];
    for (const name of ['Sciences', 'Sport']) {
      const category: any = await newsroom(app).category(name);
      for (const code of ['en', 'el']) await newsroom(app).translateCategory(category.documentId, code, `${name} ${code}`);
      categories.push(category.documentId);
    }
    let run = 0;

    async function apply(articles: string[], s: Step): Promise<void> {
      const code = 'locale' in s ? LOCALES[s.locale] : 'fr';
      const documentId = 'article' in s ? articles[s.article] : '';
      switch (s.kind) {
        case 'translate':
          await documents(ARTICLE).update({ documentId, locale: code, ...(s.publish ? { status: 'published' } : {}), data: { title: `${TITLES[s.title]} ${run}` } });
          return;
        case 'publish':
          await documents(ARTICLE).publish({ documentId, locale: code });
          return;
        case 'unpublish':
          await documents(ARTICLE).unpublish({ documentId, locale: code });
          return;
        case 'delete':
          await documents(ARTICLE).delete({ documentId, locale: code });
          return;
        case 'noindex':
        case 'index':
          await documents(ARTICLE).update({ documentId, locale: code, status: 'published', data: { syndication: s.kind === 'noindex' ? 'noindex' : 'default' } });
          return;
        case 'reslug':
          await documents(ARTICLE).update({ documentId, locale: code, status: 'published', data: { slug: `${TITLES[s.title]} ${run} ${code}` } });
          return;
        case 'move':
          await documents(ARTICLE).update({ documentId, locale: code, status: 'published', data: { category: s.category === null ? null : categories[s.category] } });
          return;
        case 'reslugCategory':
          await documents(CATEGORY).update({ documentId: categories[s.category], locale: code, data: { slug: `${TITLES[s.title]}-${run}-${code}` } });
          return;
        case 'defaultLocale':
          await newsroom(app).site({ defaultLocale: code });
          return;
      }
    }

    const editing = async (work: () => Promise<void>) => {
      try {
        await work();
      } catch (error) {
        // A refusal (a taken slug, a locale that has no version to publish) is a correct answer; anything else is not.
        const name = (error as { name?: string }).name;
        if (name !== 'ValidationError' && name !== 'NotFoundError') throw error;
      }
    };

    try {
      await fc.assert(
        fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 8 }), async (steps) => {
          run += 1;
          const articles: string[] = [];
          for (const title of ['Nord', 'Sud']) articles.push(((await newsroom(app).article(`${title} ${run}`, { published: true })) as any).documentId);
          for (const s of steps) {
            await editing(() => apply(articles, s));
            const problems = [
              ...(await wrongAlternates(ARTICLE, articles[0])),
              ...(await wrongAlternates(ARTICLE, articles[1])),
              ...(await wrongAlternates(CATEGORY, categories[0])),
              ...(await wrongAlternates(CATEGORY, categories[1])),
            ];
            if (problems.length > 0) throw new Error(`after ${JSON.stringify(s)}:\n${problems.join('\n')}`);
          }
        }),
        { seed: 12_2026, numRuns: 25, endOnFailure: true }
      );
    } finally {
      await newsroom(app).site({ defaultLocale: 'fr' });
    }
  });
});
