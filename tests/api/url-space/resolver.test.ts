import { asPublic, createFullAccessToken, graphql } from '../../helpers/agents';
import { newsroom } from '../../helpers/fixtures';
import { bootStrapi, type TestApp } from '../../helpers/strapi';

/** A frontend's catch-all route: one request says what lives at a path. */
describe('GET /api/resolve and GraphQL resolvePath', () => {
  let app: TestApp;
  let token: string;
  let monde: { documentId: string };
  let article: any;

  const resolve = (path: string, extra: Record<string, string> = {}) => asPublic(app).get('/api/resolve').query({ path, ...extra });
  const post = (collection: string, data: Record<string, unknown>, locale = 'fr', status = 'published') =>
    asPublic(app).post(`/api/${collection}`).query({ locale, status }).set('Authorization', `Bearer ${token}`).send({ data });
  const put = (collection: string, documentId: string, data: Record<string, unknown>, locale = 'fr', status = 'published') =>
    asPublic(app).put(`/api/${collection}/${documentId}`).query({ locale, status }).set('Authorization', `Bearer ${token}`).send({ data });

  beforeAll(async () => {
    app = await bootStrapi();
    token = await createFullAccessToken(app);
    await newsroom(app).site();
    monde = (await post('categories', { name: 'Monde' }).expect(201)).body.data;
    await newsroom(app).translateCategory(monde.documentId, 'en', 'World');
    article = (await post('articles', { title: 'Ukraine', category: monde.documentId, excerpt: 'Kyiv.' }).expect(201)).body.data;
  });
  afterAll(async () => {
    await app?.stop();
  });

  it('answers an article path with the article, exactly as its own endpoint gives it', async () => {
    const own = await asPublic(app).get(`/api/articles/${article.documentId}`).query({ locale: 'fr' }).expect(200);
    const response = await resolve('/blog/monde/ukraine').expect(200);
    expect(response.body.data).toEqual(own.body.data);
    expect(response.body.meta).toEqual({ type: 'article', uid: 'api::article.article', locale: 'fr', path: '/blog/monde/ukraine' });
    expect(response.body.data).not.toHaveProperty('createdBy');
  });

  it('accepts the populate and fields its own endpoint accepts', async () => {
    const own = await asPublic(app).get(`/api/articles/${article.documentId}`).query({ locale: 'fr', populate: 'category', fields: 'title' }).expect(200);
    const response = await resolve('/blog/monde/ukraine', { populate: 'category', fields: 'title' }).expect(200);
    expect(response.body.data).toEqual(own.body.data);
    expect(response.body.data.category.path).toBe('/blog/monde');
  });

  it('answers a category path with the category, and a prefixed path in its locale', async () => {
    const response = await resolve('/blog/monde').expect(200);
    expect(response.body.data.documentId).toBe(monde.documentId);
    expect(response.body.meta.type).toBe('category');
    const english = await resolve('/en/blog/world').expect(200);
    expect(english.body.data.name).toBe('World');
    expect(english.body.meta.locale).toBe('en');
    // A path of one locale asked in another lives nowhere.
    await resolve('/en/blog/world', { locale: 'fr' }).expect(404);
  });

  it('answers an old path with where it went, from an exact or a prefix rule', async () => {
    const moved = (await post('articles', { title: 'Crimée', category: monde.documentId }).expect(201)).body.data;
    await put('articles', moved.documentId, { slug: 'crimee-2014' }).expect(200);
    expect((await resolve('/blog/monde/crimee').expect(200)).body).toEqual({
      data: null,
      redirect: { to: '/blog/monde/crimee-2014', statusCode: 301 },
      meta: { locale: 'fr', path: '/blog/monde/crimee' },
    });

    const asie = (await post('categories', { name: 'Asie' }).expect(201)).body.data;
    await post('articles', { title: 'Séoul', category: asie.documentId }).expect(201);
    await put('categories', asie.documentId, { slug: 'asie-pacifique' }).expect(200);
    expect((await resolve('/blog/asie/seoul').expect(200)).body.redirect).toEqual({ to: '/blog/asie-pacifique/seoul', statusCode: 301 });
  });

  it('never shows a draft or its path, and answers 404 for what lives nowhere', async () => {
    const draft = (await post('articles', { title: 'Embargo', category: monde.documentId }, 'fr', 'draft').expect(201)).body.data;
    expect(draft.path).toBe('/blog/monde/embargo');
    const response = await resolve('/blog/monde/embargo').expect(404);
    expect(response.body.data).toBeNull();
    await resolve('/nulle/part').expect(404);
  });

  it('answers 400 naming the parameter for a path it cannot read', async () => {
    const response = await resolve('blog/monde').expect(400);
    expect(response.body.error.details.errors).toEqual([expect.objectContaining({ path: ['path'] })]);
    await asPublic(app).get('/api/resolve').expect(400);
  });

  it('answers the same over GraphQL', async () => {
    const query = `query ($path: String!) {
      resolvePath(path: $path) {
        type locale
        article { documentId title path }
        category { documentId name }
        redirect { to statusCode }
      }
    }`;
    const found = await graphql(app, query, { path: '/blog/monde/ukraine' });
    expect(found.errors).toEqual([]);
    expect(found.data.resolvePath).toEqual({
      type: 'article',
      locale: 'fr',
      article: { documentId: article.documentId, title: 'Ukraine', path: '/blog/monde/ukraine' },
      category: null,
      redirect: null,
    });
    const category = await graphql(app, query, { path: '/blog/monde' });
    expect(category.data.resolvePath.category).toEqual({ documentId: monde.documentId, name: 'Monde' });
    const redirected = await graphql(app, query, { path: '/blog/monde/crimee' });
    expect(redirected.data.resolvePath.redirect).toEqual({ to: '/blog/monde/crimee-2014', statusCode: 301 });
    const nothing = await graphql(app, query, { path: '/blog/monde/embargo' });
    expect(nothing.errors).toEqual([]);
    expect(nothing.data.resolvePath).toBeNull();
  });
});
