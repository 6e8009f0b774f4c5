import { asPublic, graphql } from '../../helpers/agents';
import { newsroom } from '../../helpers/fixtures';
import { bootStrapi, type TestApp } from '../../helpers/strapi';

describe('old paths redirect to where the content lives now', () => {
  let app: TestApp;

  const redirectFrom = async (from: string) => {
    const response = await asPublic(app).get('/api/redirects').query({ 'filters[from][$eq]': from }).expect(200);
    return response.body.data.map((r: { from: string; to: string; statusCode: number }) => ({ from: r.from, to: r.to, statusCode: r.statusCode }));
  };

  beforeAll(async () => {
    app = await bootStrapi();
    await newsroom(app).site();
  });
  afterAll(async () => {
    await app?.stop();
  });

  it('records the old path of a category and of the published articles below it, readable by Public', async () => {
    const make = newsroom(app);
    const category = await make.category('Corée', { slug: 'coree' });
    await make.article('Sommet', { category: category.documentId, published: true });
    await make.article('Brouillon', { category: category.documentId });

    await app.strapi.documents('api::category.category').update({ documentId: category.documentId, locale: 'fr', data: { slug: 'coree-du-nord' } as any });

    expect(await redirectFrom('/blog/coree')).toEqual([{ from: '/blog/coree', to: '/blog/coree-du-nord', statusCode: 301 }]);
    expect(await redirectFrom('/blog/coree/sommet')).toEqual([{ from: '/blog/coree/sommet', to: '/blog/coree-du-nord/sommet', statusCode: 301 }]);
    // One prefix rule covers the moved subtree: any path below the old one is sent on the same
    // way, so a draft's path answers exactly like a path that never existed, and tells nothing.
    expect(await redirectFrom('/blog/coree/brouillon')).toEqual([
      { from: '/blog/coree/brouillon', to: '/blog/coree-du-nord/brouillon', statusCode: 301 },
    ]);
    expect(await redirectFrom('/blog/coree/nulle-part')).toEqual([
      { from: '/blog/coree/nulle-part', to: '/blog/coree-du-nord/nulle-part', statusCode: 301 },
    ]);
    // Not one row per article: the category page's exact rule and one prefix rule.
    const rows = await app.strapi.db.query('api::redirect.redirect').findMany({ where: { to: { $startsWith: '/blog/coree-du-nord' } } });
    expect(rows.map((row: any) => [row.from, row.to, row.match]).sort()).toEqual([
      ['/blog/coree', '/blog/coree-du-nord', 'exact'],
      ['/blog/coree/', '/blog/coree-du-nord/', 'prefix'],
    ]);
  });

  it('collapses chains: a -> b then b -> c leaves a -> c', async () => {
    const make = newsroom(app);
    const article = await make.article('Alpha', { published: true });
    const rename = (slug: string) =>
      app.strapi.documents('api::article.article').update({ documentId: article.documentId, locale: 'fr', status: 'published', data: { slug } as any });

    await rename('beta');
    await rename('gamma');

    expect(await redirectFrom('/blog/alpha')).toEqual([{ from: '/blog/alpha', to: '/blog/gamma', statusCode: 301 }]);
    expect(await redirectFrom('/blog/beta')).toEqual([{ from: '/blog/beta', to: '/blog/gamma', statusCode: 301 }]);

    // Going back to an old path makes it live again: it no longer redirects, and nothing loops.
    await rename('alpha');
    expect(await redirectFrom('/blog/alpha')).toEqual([]);
    expect(await redirectFrom('/blog/gamma')).toEqual([{ from: '/blog/gamma', to: '/blog/alpha', statusCode: 301 }]);
    expect(await redirectFrom('/blog/beta')).toEqual([{ from: '/blog/beta', to: '/blog/alpha', statusCode: 301 }]);
  });

  it('answers the same lookup through GraphQL', async () => {
    const result = await graphql(app, '{ redirects(filters: { from: { eq: "/blog/coree" } }) { from to statusCode } }');
    expect(result.errors).toEqual([]);
    expect(result.data.redirects).toEqual([{ from: '/blog/coree', to: '/blog/coree-du-nord', statusCode: 301 }]);
  });

  it('is read-only for Public', async () => {
    await asPublic(app).post('/api/redirects').send({ data: { from: '/a', to: 'https://evil.example' } }).expect(403);
  });
});
