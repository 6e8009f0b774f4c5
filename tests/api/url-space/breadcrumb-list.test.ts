import { newsroom } from '../../helpers/fixtures';
import { bootStrapi, type TestApp } from '../../helpers/strapi';

/** What search engines read: a BreadcrumbList whose items are absolute URLs, each crumb once. */
describe('the BreadcrumbList in structuredData is valid or absent', () => {
  let app: TestApp;
  const warnings: string[] = [];

  const graphTypes = (row: any) => row.structuredData['@graph'].map((node: { '@type': string }) => node['@type']);
  const breadcrumbList = (row: any) => row.structuredData['@graph'].find((node: any) => node['@type'] === 'BreadcrumbList');

  beforeAll(async () => {
    app = await bootStrapi({
      beforeBootstrap: (strapi) => {
        const warn = strapi.log.warn.bind(strapi.log);
        strapi.log.warn = ((message: unknown, ...rest: unknown[]) => {
          warnings.push(String(message));
          return warn(message as any, ...(rest as []));
        }) as any;
      },
    });
  });
  afterAll(async () => {
    await app?.stop();
  });

  it('warns once at boot when the Site has no baseUrl', () => {
    expect(warnings.filter((message) => /baseUrl/.test(message))).toHaveLength(1);
  });

  it('leaves the list out while the Site has no baseUrl, and adds it with absolute items once it has one', async () => {
    const make = newsroom(app);
    await make.site({ baseUrl: null });
    const article = await make.article('Sans adresse', { published: true });
    const [row] = (await make.articleRows(article.documentId)).filter((r: any) => r.publishedAt);
    expect(graphTypes(row)).not.toContain('BreadcrumbList');

    await make.site({ baseUrl: 'https://example.org' });
    const [after] = (await make.articleRows(article.documentId)).filter((r: any) => r.publishedAt);
    expect(breadcrumbList(after).itemListElement.map((item: any) => item.item)).toEqual([
      'https://example.org/',
      'https://example.org/blog',
      'https://example.org/blog/sans-adresse',
    ]);
  });

  it('lists the home page once when the blog is the site root', async () => {
    const make = newsroom(app);
    await make.site({ blogPath: '' });
    const article = await make.article('À la racine', { published: true });
    const [row] = (await make.articleRows(article.documentId)).filter((r: any) => r.publishedAt);
    expect(row.breadcrumbs.map((crumb: any) => crumb.path)).toEqual(['/', '/a-la-racine']);
    expect(breadcrumbList(row).itemListElement.map((item: any) => [item.position, item.item])).toEqual([
      [1, 'https://example.org/'],
      [2, 'https://example.org/a-la-racine'],
    ]);
  });
});
