import { asPublic, createFullAccessToken } from '../../helpers/agents';
import { newsroom } from '../../helpers/fixtures';
import { bootStrapi, type TestApp } from '../../helpers/strapi';

/** Each locale has its own URL space: /blog/… for the Site's default locale, /en/blog/… for English. */
describe('locale prefixes in public paths', () => {
  let app: TestApp;
  let token: string;
  let europe: { documentId: string };
  let brexit: { documentId: string };

  const post = (collection: string, data: Record<string, unknown>, locale = 'fr') =>
    asPublic(app).post(`/api/${collection}`).query({ locale }).set('Authorization', `Bearer ${token}`).send({ data });
  const published = async (documentId: string, locale: string) =>
    app.strapi.db.query('api::article.article').findOne({ where: { documentId, locale, publishedAt: { $notNull: true } } });
  const redirectsTo = async (to: string) =>
    (await app.strapi.db.query('api::redirect.redirect').findMany({ where: { to } })).map((row: any) => [row.from, row.locale, row.match]);

  beforeAll(async () => {
    app = await bootStrapi();
    token = await createFullAccessToken(app);
    await newsroom(app).site({ defaultLocale: 'fr' });
    europe = (await post('categories', { name: 'Europe' }).expect(201)).body.data;
    await newsroom(app).translateCategory(europe.documentId, 'en', 'Europe');
    brexit = (await post('articles', { title: 'Brexit', category: europe.documentId }).expect(201)).body.data;
    await post('articles', { title: 'Brexit', category: europe.documentId }, 'en').expect(201);
  });
  afterAll(async () => {
    await app?.stop();
  });

  it('prefixes every locale but the default one, crumbs included', async () => {
    expect((await newsroom(app).categoryRow(europe.documentId, 'en')).path).toBe('/en/blog/europe');
    const fr = await published(brexit.documentId, 'fr');
    expect(fr.path).toBe('/blog/europe/brexit');
    const en = await app.strapi.db.query('api::article.article').findOne({ where: { locale: 'en', slug: 'brexit', publishedAt: { $notNull: true } } });
    expect(en.path).toBe('/en/blog/europe/brexit');
    expect(en.breadcrumbs.map((crumb: any) => crumb.url)).toEqual([
      'https://example.org/en',
      'https://example.org/en/blog',
      'https://example.org/en/blog/europe',
      'https://example.org/en/blog/europe/brexit',
    ]);
  });

  it('moves every path when the Site switches to prefix-always, and leaves a redirect in each locale', async () => {
    await newsroom(app).site({ defaultLocale: 'fr', localePrefix: 'prefix-always' });
    expect((await published(brexit.documentId, 'fr')).path).toBe('/fr/blog/europe/brexit');
    expect((await newsroom(app).categoryRow(europe.documentId, 'fr')).path).toBe('/fr/blog/europe');
    expect(await redirectsTo('/fr/blog/europe')).toEqual([['/blog/europe', 'fr', 'exact']]);
    expect(await redirectsTo('/fr/blog/europe/')).toEqual([['/blog/europe/', 'fr', 'prefix']]);
  });

  it('drops prefixes with none, for a one-locale site', async () => {
    await newsroom(app).site({ defaultLocale: 'fr', localePrefix: 'none' });
    expect((await newsroom(app).categoryRow(europe.documentId, 'en')).path).toBe('/blog/europe');
    expect((await published(brexit.documentId, 'fr')).path).toBe('/blog/europe/brexit');
  });

  it('refuses a prefix setting it does not know', async () => {
    const site: any = await app.strapi.documents('api::site.site').findFirst({});
    await asPublic(app)
      .put('/api/site')
      .set('Authorization', `Bearer ${token}`)
      .send({ data: { localePrefix: 'sometimes' } })
      .expect(400);
    expect(((await app.strapi.documents('api::site.site').findFirst({})) as any).localePrefix).toBe(site.localePrefix);
  });
});
