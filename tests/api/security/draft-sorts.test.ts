import { asPublic, createFullAccessToken, createUserJwt, graphql } from '../../helpers/agents';
import { newsroom } from '../../helpers/fixtures';
import { bootStrapi, type TestApp } from '../../helpers/strapi';

/**
 * Sorting through a relation orders the answer by the related rows. Through a draft & publish
 * type that would be every version, drafts included: categories sorted by their articles'
 * titles leak an embargoed draft's headline one comparison at a time. Readers get a 400.
 */
describe('readers cannot sort by what drafts say', () => {
  let app: TestApp;
  let token: string;
  let readerJwt: string;

  beforeAll(async () => {
    app = await bootStrapi();
    token = await createFullAccessToken(app);
    readerJwt = (await createUserJwt(app)).jwt;
    const make = newsroom(app);
    await make.site();
    const a = await make.category('Sort A', { locale: 'en' });
    const b = await make.category('Sort B', { locale: 'en' });
    await make.article('Zebra embargo', { locale: 'en', category: a.documentId });
    await make.article('Aardvark embargo', { locale: 'en', category: b.documentId });
    await make.article('Published story', { locale: 'en', category: a.documentId, published: true });
  });
  afterAll(async () => {
    await app?.stop();
  });

  it.each([
    ['categories', 'articles.title:asc'],
    ['categories', 'articles.title'],
    ['articles', 'category.articles.title:desc'],
    ['articles', 'localizations.title:asc'],
    ['categories', 'name:asc,articles.slug:desc'],
  ])('GET /api/%s?sort=%s is a 400 naming sort, for Public and for a signed-in reader', async (type, sort) => {
    for (const auth of [null, readerJwt]) {
      let call = asPublic(app).get(`/api/${type}`).query({ locale: 'en', sort });
      if (auth) call = call.set('Authorization', `Bearer ${auth}`);
      const response = await call;
      expect(response.status).toBe(400);
      expect(response.body.error.details.errors[0].path).toEqual(['sort']);
    }
  });

  it('refuses the object and array shapes of the same sort', async () => {
    const response = await asPublic(app).get('/api/categories').query({ locale: 'en', 'sort[0][articles][title]': 'asc' });
    expect(response.status).toBe(400);
  });

  it('refuses it over GraphQL', async () => {
    const result = await graphql(app, '{ categories(locale: "en", sort: "articles.title:asc") { name } }');
    expect(result.errors[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(result.data?.categories ?? null).toBeNull();
  });

  it('keeps sorts on own fields and through relations without drafts', async () => {
    const own = await asPublic(app).get('/api/categories').query({ locale: 'en', sort: 'name:desc', 'filters[name][$startsWith]': 'Sort' });
    expect(own.status).toBe(200);
    expect(own.body.data.map((c: { name: string }) => c.name)).toEqual(['Sort B', 'Sort A']);
    const viaCategory = await asPublic(app).get('/api/articles').query({ locale: 'en', sort: 'category.name:asc' });
    expect(viaCategory.status).toBe(200);
    expect(viaCategory.body.data.map((a: { title: string }) => a.title)).toEqual(['Published story']);
  });

  it('leaves editors free: an API token may sort by drafts', async () => {
    const response = await asPublic(app)
      .get('/api/categories')
      .query({ locale: 'en', sort: 'articles.title:asc', status: 'draft', 'filters[name][$startsWith]': 'Sort' })
      .set('Authorization', `Bearer ${token}`);
    expect(response.status).toBe(200);
  });
});
