import { asPublic, graphql } from '../../helpers/agents';
import { newsroom } from '../../helpers/fixtures';
import { bootStrapi, type TestApp } from '../../helpers/strapi';

/**
 * A moved category records one prefix rule for its whole subtree instead of a redirect per
 * article; every reader of the Redirect API gets exact rules first, then the longest prefix,
 * always one hop, and never for a path where a page lives now.
 */
describe('prefix redirects for moved categories', () => {
  let app: TestApp;

  const lookup = async (from: string) => {
    const response = await asPublic(app).get('/api/redirects').query({ 'filters[from][$eq]': from }).expect(200);
    expect(response.body.meta.pagination.total).toBe(response.body.data.length);
    return response.body.data.map((r: { to: string }) => r.to);
  };
  const reslug = (documentId: string, slug: string) =>
    app.strapi.documents('api::category.category').update({ documentId, locale: 'fr', data: { slug } as any });
  const storedRules = async () =>
    (await app.strapi.db.query('api::redirect.redirect').findMany({})).map((row: any) => `${row.match} ${row.from} -> ${row.to}`).sort();

  beforeAll(async () => {
    app = await bootStrapi();
    await newsroom(app).site();
  });
  afterAll(async () => {
    await app?.stop();
  });

  it('sends every page of a moved subtree on in one hop, through renames in a row', async () => {
    const make = newsroom(app);
    const top = await make.category('Alpha', { slug: 'alpha' });
    const child = await make.category('Enfant', { parent: top.documentId });
    for (let i = 0; i < 5; i += 1) await make.article(`Page ${i}`, { category: child.documentId, published: true });

    await reslug(top.documentId, 'beta');
    await reslug(top.documentId, 'gamma');

    expect(await lookup('/blog/alpha/enfant/page-3')).toEqual(['/blog/gamma/enfant/page-3']);
    expect(await lookup('/blog/beta/enfant/page-3')).toEqual(['/blog/gamma/enfant/page-3']);
    expect(await lookup('/blog/alpha')).toEqual(['/blog/gamma']);
    expect(await lookup('/blog/gamma/enfant/page-3')).toEqual([]);
    // Two renames of a subtree of 5 articles: two exact rules and two prefix rules, no more.
    expect(await storedRules()).toEqual([
      'exact /blog/alpha -> /blog/gamma',
      'exact /blog/beta -> /blog/gamma',
      'prefix /blog/alpha/ -> /blog/gamma/',
      'prefix /blog/beta/ -> /blog/gamma/',
    ]);

    // Back where it started: nothing redirects away from the live pages, and nothing loops.
    await reslug(top.documentId, 'alpha');
    expect(await lookup('/blog/alpha/enfant/page-3')).toEqual([]);
    expect(await lookup('/blog/gamma/enfant/page-3')).toEqual(['/blog/alpha/enfant/page-3']);
    const rules = await storedRules();
    expect(rules.filter((rule: string) => rule.split(' ')[1] === rule.split(' ')[3])).toEqual([]);
    expect(rules.some((rule: string) => rule.includes(' /blog/alpha/ ->'))).toBe(false);
  });

  it('re-points an article redirect inside the moved subtree, so it stays one hop', async () => {
    const make = newsroom(app);
    const section = await make.category('Section', { slug: 'section' });
    const article = await make.article('Ancien titre', { category: section.documentId, published: true });
    await app.strapi
      .documents('api::article.article')
      .update({ documentId: article.documentId, locale: 'fr', status: 'published', data: { slug: 'nouveau-titre' } as any });
    expect(await lookup('/blog/section/ancien-titre')).toEqual(['/blog/section/nouveau-titre']);

    await reslug(section.documentId, 'rubrique');
    expect(await lookup('/blog/section/ancien-titre')).toEqual(['/blog/rubrique/nouveau-titre']);
    expect(await lookup('/blog/section/nouveau-titre')).toEqual(['/blog/rubrique/nouveau-titre']);
  });

  it('never redirects a path where a page lives now, even under an old prefix', async () => {
    const make = newsroom(app);
    const old = await make.category('Europe', { slug: 'europe' });
    await make.article('Brexit', { category: old.documentId, published: true });
    await reslug(old.documentId, 'union-europeenne');
    const reborn = await make.category('Europe', { slug: 'europe' });
    await make.article('Élargissement', { category: reborn.documentId, published: true });

    expect(await lookup('/blog/europe/elargissement')).toEqual([]);
    expect(await lookup('/blog/europe')).toEqual([]);
    // The old article still lives under the renamed category: its old path still leads there.
    expect(await lookup('/blog/europe/brexit')).toEqual(['/blog/union-europeenne/brexit']);
    expect(await lookup('/blog/europe/autre')).toEqual(['/blog/union-europeenne/autre']);
  });

  it('answers prefix lookups the same way over GraphQL', async () => {
    const result = await graphql(app, '{ redirects(filters: { from: { eq: "/blog/beta/enfant/page-1" } }) { from to statusCode } }');
    expect(result.errors).toEqual([]);
    expect(result.data.redirects).toEqual([{ from: '/blog/beta/enfant/page-1', to: '/blog/alpha/enfant/page-1', statusCode: 301 }]);
  });
});
