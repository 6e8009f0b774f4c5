import fc from 'fast-check';
import path from 'node:path';
import type { checkConsistency as CheckConsistency } from '../../../src/strapi/consistency';
import { newsroom } from '../../helpers/fixtures';
import { bootStrapi, type TestApp } from '../../helpers/strapi';

/**
 * The URL space under any editing history: random sequences of creates, renames, moves,
 * re-slugs, publishes, unpublishes, deletes and clones of articles and categories in two
 * locales, Site edits (locale prefixes, blog path, default locale) and pairs of writes fired
 * at the same moment, through the document service (the door every API shares). After each
 * step: every path, draft or published, belongs to one document per locale, none sits on a
 * path the Site reserves, the ledger gives each path to the document holding it and to no
 * one else, no redirect leaves from a live path, every redirect leads to a live path of its
 * own locale (so no chain is longer than one hop). A fixed seed and a bounded number of runs
 * keep it reproducible and within a CI budget.
 */
describe('the URL space stays sound under random edits (property)', () => {
  let app: TestApp;
  const LOCALES = ['fr', 'en'] as const;
  const TITLES = ['Alpha', 'Beta', 'Ukraine', 'Monde', 'Été 2024', 'Pierre & Marie'];
  const SLUGS = ['alpha', 'beta', 'ukraine', 'monde', 'alpha-2'];

  type Op =
    | { kind: 'createCategory'; locale: number; name: number; parent: number | null; slug: number | null }
    | { kind: 'createArticle'; locale: number; title: number; category: number | null; publish: boolean }
    | { kind: 'renameArticle'; article: number; title: number; slug: number | null }
    | { kind: 'moveArticle'; article: number; category: number | null }
    | { kind: 'reslugCategory'; category: number; slug: number | null; name: number }
    | { kind: 'moveCategory'; category: number; parent: number | null }
    | { kind: 'publish' | 'unpublish' | 'deleteArticle'; article: number }
    | { kind: 'deleteCategory'; category: number }
    | { kind: 'sitePrefix'; mode: number }
    | { kind: 'siteBlogPath'; blogPath: number }
    | { kind: 'siteDefaultLocale'; locale: number }
    | { kind: 'cloneArticle'; article: number; slug: number | null }
    | { kind: 'cloneCategory'; category: number }
    | { kind: 'racingCreates'; locale: number; title: number; category: number | null; slug: number | null };

  const index = fc.nat(50);
  const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: null });
  const op: fc.Arbitrary<Op> = fc.oneof(
    fc.record({ kind: fc.constant('createCategory' as const), locale: fc.nat(1), name: fc.nat(TITLES.length - 1), parent: maybe(index), slug: maybe(fc.nat(SLUGS.length - 1)) }),
    fc.record({ kind: fc.constant('createArticle' as const), locale: fc.nat(1), title: fc.nat(TITLES.length - 1), category: maybe(index), publish: fc.boolean() }),
    fc.record({ kind: fc.constant('renameArticle' as const), article: index, title: fc.nat(TITLES.length - 1), slug: maybe(fc.nat(SLUGS.length - 1)) }),
    fc.record({ kind: fc.constant('moveArticle' as const), article: index, category: maybe(index) }),
    fc.record({ kind: fc.constant('reslugCategory' as const), category: index, slug: maybe(fc.nat(SLUGS.length - 1)), name: fc.nat(TITLES.length - 1) }),
    fc.record({ kind: fc.constant('moveCategory' as const), category: index, parent: maybe(index) }),
    fc.record({ kind: fc.constantFrom('publish' as const, 'unpublish' as const, 'deleteArticle' as const), article: index }),
    fc.record({ kind: fc.constant('deleteCategory' as const), category: index }),
    fc.record({ kind: fc.constant('sitePrefix' as const), mode: fc.nat(2) }),
    fc.record({ kind: fc.constant('siteBlogPath' as const), blogPath: fc.nat(1) }),
    fc.record({ kind: fc.constant('siteDefaultLocale' as const), locale: fc.nat(1) }),
    fc.record({ kind: fc.constant('cloneArticle' as const), article: index, slug: maybe(fc.nat(SLUGS.length - 1)) }),
    fc.record({ kind: fc.constant('cloneCategory' as const), category: index }),
    fc.record({
      kind: fc.constant('racingCreates' as const),
      locale: fc.nat(1),
      title: fc.nat(TITLES.length - 1),
      category: maybe(index),
      slug: maybe(fc.nat(SLUGS.length - 1)),
    })
  );

  const documents = (uid: string) => app.strapi.documents(uid as any) as any;
  const ARTICLE = 'api::article.article';
  const CATEGORY = 'api::category.category';

  const rows = (uid: string, where: Record<string, unknown> = {}) => app.strapi.db.query(uid as any).findMany({ where }) as Promise<any[]>;
  const pick = <T>(list: T[], i: number | null): T | null => (i === null || list.length === 0 ? null : list[i % list.length]);
  const articlesOf = async () => {
    const all = await rows(ARTICLE, { publishedAt: null });
    return all.map((row) => ({ documentId: row.documentId as string, locale: row.locale as string }));
  };
  const categoriesOf = async (locale?: string) =>
    (await rows(CATEGORY, locale ? { locale } : {})).map((row) => ({ documentId: row.documentId as string, locale: row.locale as string }));

  async function apply(step: Op): Promise<void> {
    switch (step.kind) {
      case 'createCategory': {
        const locale = LOCALES[step.locale];
        const parent = pick(await categoriesOf(locale), step.parent);
        await documents(CATEGORY).create({
          locale,
          data: { name: TITLES[step.name], ...(step.slug !== null ? { slug: SLUGS[step.slug] } : {}), ...(parent ? { parent: parent.documentId } : {}) },
        });
        return;
      }
      case 'createArticle': {
        const locale = LOCALES[step.locale];
        const category = pick(await categoriesOf(locale), step.category);
        await documents(ARTICLE).create({
          locale,
          ...(step.publish ? { status: 'published' } : {}),
          data: { title: TITLES[step.title], ...(category ? { category: category.documentId } : {}) },
        });
        return;
      }
      case 'renameArticle': {
        const article = pick(await articlesOf(), step.article);
        if (!article) return;
        await documents(ARTICLE).update({
          documentId: article.documentId,
          locale: article.locale,
          status: 'published',
          data: { title: TITLES[step.title], slug: step.slug === null ? '' : SLUGS[step.slug] },
        });
        return;
      }
      case 'moveArticle': {
        const article = pick(await articlesOf(), step.article);
        if (!article) return;
        const category = pick(await categoriesOf(article.locale), step.category);
        await documents(ARTICLE).update({
          documentId: article.documentId,
          locale: article.locale,
          status: 'published',
          data: { category: category ? category.documentId : null },
        });
        return;
      }
      case 'reslugCategory': {
        const category = pick(await categoriesOf(), step.category);
        if (!category) return;
        await documents(CATEGORY).update({
          documentId: category.documentId,
          locale: category.locale,
          data: step.slug === null ? { name: TITLES[step.name], slug: '' } : { slug: SLUGS[step.slug] },
        });
        return;
      }
      case 'moveCategory': {
        const category = pick(await categoriesOf(), step.category);
        if (!category) return;
        const parent = pick(await categoriesOf(category.locale), step.parent);
        await documents(CATEGORY).update({ documentId: category.documentId, locale: category.locale, data: { parent: parent ? parent.documentId : null } });
        return;
      }
      case 'publish':
      case 'unpublish':
      case 'deleteArticle': {
        const article = pick(await articlesOf(), step.article);
        if (!article) return;
        const action = step.kind === 'deleteArticle' ? 'delete' : step.kind;
        await documents(ARTICLE)[action]({ documentId: article.documentId, locale: article.locale });
        return;
      }
      case 'deleteCategory': {
        const category = pick(await categoriesOf(), step.category);
        if (!category) return;
        await documents(CATEGORY).delete({ documentId: category.documentId, locale: category.locale });
        return;
      }
      case 'sitePrefix':
        await newsroom(app).site({ localePrefix: ['prefix-except-default', 'prefix-always', 'none'][step.mode] });
        return;
      case 'siteBlogPath':
        await newsroom(app).site({ blogPath: ['/blog', ''][step.blogPath] });
        return;
      case 'siteDefaultLocale':
        await newsroom(app).site({ defaultLocale: LOCALES[step.locale] });
        return;
      case 'cloneArticle': {
        const article = pick(await articlesOf(), step.article);
        if (!article) return;
        await documents(ARTICLE).clone({
          documentId: article.documentId,
          locale: article.locale,
          data: step.slug === null ? {} : { slug: SLUGS[step.slug] },
        });
        return;
      }
      case 'cloneCategory': {
        const category = pick(await categoriesOf(), step.category);
        if (!category) return;
        await documents(CATEGORY).clone({ documentId: category.documentId, locale: category.locale });
        return;
      }
      case 'racingCreates': {
        const locale = LOCALES[step.locale];
        const category = pick(await categoriesOf(locale), step.category);
        const create = () =>
          documents(ARTICLE).create({
            locale,
            status: 'published',
            data: {
              title: TITLES[step.title],
              ...(step.slug !== null ? { slug: SLUGS[step.slug] } : {}),
              ...(category ? { category: category.documentId } : {}),
            },
          });
        // Both at once: on PostgreSQL each runs in its own transaction on its own connection.
        const outcomes = await Promise.allSettled([create(), create()]);
        const unexpected = outcomes.find(
          (outcome) => outcome.status === 'rejected' && (outcome.reason as { name?: string })?.name !== 'ValidationError'
        );
        if (unexpected) throw (unexpected as PromiseRejectedResult).reason;
        return;
      }
    }
  }

  /** What must hold whatever happened: returns the broken rules, [] when sound. */
  async function brokenRules(): Promise<string[]> {
    const problems: string[] = [];
    const site = await app.strapi.db.query('api::site.site').findOne({});
    const prefixOf = (locale: string) =>
      site.localePrefix === 'none' || (site.localePrefix !== 'prefix-always' && locale === site.defaultLocale) ? '' : `/${locale}`;
    // Published pages and what the Site keeps, per locale: what redirects are judged against.
    const live = new Map<string, Map<string, string>>();
    const liveIn = (locale: string) => {
      const paths = live.get(locale) ?? new Map<string, string>();
      live.set(locale, paths);
      return paths;
    };
    // Every path any row holds, draft or published, per locale, and the documents holding it.
    const held = new Map<string, Set<string>>();
    const reserved = new Map<string, string>();
    for (const locale of LOCALES) {
      const prefix = prefixOf(locale);
      reserved.set(`${locale} ${prefix || '/'}`, 'home');
      liveIn(locale).set(prefix || '/', 'home');
      if (site.blogPath) {
        reserved.set(`${locale} ${prefix}${site.blogPath}`, 'blog index');
        liveIn(locale).set(`${prefix}${site.blogPath}`, 'blog index');
      }
      if (prefix === '') for (const other of LOCALES) if (prefixOf(other) !== '') reserved.set(`${locale} ${prefixOf(other)}`, `${other} URL space`);
    }
    const hold = (uid: string, row: any, published: boolean) => {
      if (!row.path) return;
      const key = `${row.locale} ${row.path}`;
      held.set(key, new Set([...(held.get(key) ?? []), `${uid} ${row.documentId}`]));
      if (reserved.has(key)) problems.push(`${uid} ${row.documentId} sits on ${row.path} (${row.locale}), the ${reserved.get(key)}`);
      if (published) liveIn(row.locale).set(row.path, `${uid} ${row.documentId}`);
    };
    for (const row of await rows(ARTICLE)) hold('article', row, Boolean(row.publishedAt));
    for (const row of await rows(CATEGORY)) hold('category', row, true);
    for (const [key, owners] of held) if (owners.size > 1) problems.push(`${key} is held by ${[...owners].join(' and ')}`);

    // The ledger says the same as the rows: each held path claimed by its holder, nothing else.
    const claims = await app.strapi.db.connection('colophon_path_claims').select('*').whereNotNull('owner_document_id');
    const claimed = new Map(claims.map((claim: any) => [`${claim.locale} ${claim.path}`, claim.owner_document_id]));
    for (const [key, owners] of held) {
      const owner = [...owners][0].split(' ')[1];
      if (owners.size === 1 && claimed.get(key) !== owner) problems.push(`${key} is held by ${owner} but claimed by ${claimed.get(key) ?? 'no one'}`);
    }
    for (const [key, owner] of claimed) if (!held.has(key)) problems.push(`${key} is claimed by ${owner}, which is not there`);

    for (const redirect of await rows('api::redirect.redirect')) {
      const paths = liveIn(redirect.locale);
      const label = `${redirect.match} redirect ${redirect.from} -> ${redirect.to} (${redirect.locale})`;
      if (!redirect.locale) problems.push(`${label} has no locale`);
      if (redirect.match === 'prefix') {
        const target = redirect.to.slice(0, -1);
        if (!paths.has(target) && ![...paths.keys()].some((path) => path.startsWith(redirect.to))) problems.push(`${label} leads nowhere live`);
        continue;
      }
      if (paths.has(redirect.from)) problems.push(`${label} shadows a live page`);
      if (!paths.has(redirect.to)) problems.push(`${label} leads to a path that is not live (a dead end or a second hop)`);
    }
    return problems;
  }

  let checkConsistency: typeof CheckConsistency;

  beforeAll(async () => {
    app = await bootStrapi();
    // The checker as the app runs it (compiled into dist/ by the global setup).
    checkConsistency = require(path.join(__dirname, '../../../dist/src/strapi/consistency/index.js')).checkConsistency;
    await newsroom(app).site({ defaultLocale: 'fr' });
  });
  afterAll(async () => {
    await app?.stop();
  });

  it('holds after every step of random edit sequences', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 16 }), async (steps) => {
        for (const step of steps) {
          try {
            await apply(step);
          } catch (error) {
            // A refusal (a taken slug, a cycle, a publish policy) is a correct answer; anything else is not.
            if ((error as { name?: string }).name !== 'ValidationError') throw error;
          }
          const problems = await brokenRules();
          if (problems.length > 0) throw new Error(`after ${JSON.stringify(step)}:\n${problems.join('\n')}`);
        }
        // `npm run rederive -- --check` agrees: nothing stale, no redirect it would repair.
        const report = await checkConsistency(app.strapi);
        if (report.total > 0) throw new Error(`the checker disagrees:\n${report.findings.map((f) => f.message).join('\n')}`);
      }),
      { seed: 10_2026, numRuns: 100, endOnFailure: true }
    );
  });
});
