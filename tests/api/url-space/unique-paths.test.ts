import { asPublic, createFullAccessToken } from '../../helpers/agents';
import { newsroom } from '../../helpers/fixtures';
import { bootStrapi, type TestApp } from '../../helpers/strapi';

/**
 * A frontend routes on `path`: one path, one page. These are the collisions other CMSs'
 * users reported, tried on Colophon through REST as an editor would.
 */
describe('a public path belongs to one live thing per locale', () => {
  let app: TestApp;
  let token: string;

  const post = (collection: string, data: Record<string, unknown>, locale = 'fr', status?: string) =>
    asPublic(app)
      .post(`/api/${collection}`)
      .query({ locale, ...(status ? { status } : {}) })
      .set('Authorization', `Bearer ${token}`)
      .send({ data });
  const put = (collection: string, documentId: string, data: Record<string, unknown>, locale = 'fr') =>
    asPublic(app).put(`/api/${collection}/${documentId}`).query({ locale }).set('Authorization', `Bearer ${token}`).send({ data });

  beforeAll(async () => {
    app = await bootStrapi();
    token = await createFullAccessToken(app);
    await newsroom(app).site();
  });
  afterAll(async () => {
    await app?.stop();
  });

  it('gives an article a suffix when a child category already lives at its path', async () => {
    const monde = (await post('categories', { name: 'Monde' }).expect(201)).body.data;
    const ukraine = (await post('categories', { name: 'Ukraine', parent: monde.documentId }).expect(201)).body.data;
    expect(ukraine.path).toBe('/blog/monde/ukraine');

    const article = (await post('articles', { title: 'Ukraine', category: monde.documentId }, 'fr', 'published').expect(201)).body.data;
    expect(article.slug).toBe('ukraine-2');
    expect(article.path).toBe('/blog/monde/ukraine-2');
  });

  it('refuses an explicit article slug that would take a category path, naming the category', async () => {
    const monde = (await post('categories', { name: 'Europe' }).expect(201)).body.data;
    const child = (await post('categories', { name: 'Brexit', parent: monde.documentId }).expect(201)).body.data;
    const response = await post('articles', { title: 'Brexit', slug: 'brexit', category: monde.documentId }).expect(400);
    expect(response.body.error.message).toContain(child.documentId);
    expect(response.body.error.message).toContain('category');
    expect(response.body.error.details.errors).toEqual([expect.objectContaining({ path: ['slug'] })]);
  });

  it('gives a category a suffix, or refuses its explicit slug, when an article lives at its path', async () => {
    const asie = (await post('categories', { name: 'Asie' }).expect(201)).body.data;
    const article = (await post('articles', { title: 'Japon', category: asie.documentId }).expect(201)).body.data;
    expect(article.path).toBe('/blog/asie/japon');

    const generated = (await post('categories', { name: 'Japon', parent: asie.documentId }).expect(201)).body.data;
    expect(generated.path).toBe('/blog/asie/japon-2');

    const refused = await post('categories', { name: 'Japon', slug: 'japon', parent: asie.documentId }).expect(400);
    expect(refused.body.error.message).toContain(article.documentId);
    expect(refused.body.error.message).toContain('article');
    expect(refused.body.error.details.errors).toEqual([expect.objectContaining({ path: ['slug'] })]);
  });

  it('refuses to move an article or a category onto a path that is taken', async () => {
    const afrique = (await post('categories', { name: 'Afrique' }).expect(201)).body.data;
    const mali = (await post('categories', { name: 'Mali', parent: afrique.documentId }).expect(201)).body.data;
    const article = (await post('articles', { title: 'Mali' }).expect(201)).body.data;
    expect(article.path).toBe('/blog/mali');

    const moved = await put('articles', article.documentId, { category: afrique.documentId }).expect(400);
    expect(moved.body.error.message).toContain(mali.documentId);

    // A root category "Mali" would sit at /blog/mali, where the article lives.
    const rootMali = await post('categories', { name: 'Mali', slug: 'mali' }).expect(400);
    expect(rootMali.body.error.message).toContain(article.documentId);
  });

  it('refuses to delete a category whose children or articles would land on a taken path', async () => {
    const sport = (await post('categories', { name: 'Sport' }).expect(201)).body.data;
    const tennis = (await post('articles', { title: 'Tennis', category: sport.documentId }).expect(201)).body.data;
    const rootTennis = (await post('categories', { name: 'Tennis' }).expect(201)).body.data;
    expect(rootTennis.path).toBe('/blog/tennis');

    const refused = await asPublic(app)
      .delete(`/api/categories/${sport.documentId}`)
      .query({ locale: 'fr' })
      .set('Authorization', `Bearer ${token}`)
      .expect(400);
    expect(refused.body.error.message).toContain(tennis.documentId);
    expect(refused.body.error.message).toContain(rootTennis.documentId);
    expect(await app.strapi.db.query('api::category.category').findOne({ where: { documentId: sport.documentId } })).not.toBeNull();
  });

  it('lets the same path live once in each locale', async () => {
    const fr = (await post('articles', { title: 'Référendum', slug: 'referendum' }).expect(201)).body.data;
    const en = (await post('articles', { title: 'Referendum', slug: 'referendum' }, 'en').expect(201)).body.data;
    expect(fr.documentId).not.toBe(en.documentId);
  });

  it('keeps default-locale slugs out of another locale’s URL space when the blog is the site root', async () => {
    await newsroom(app).site({ blogPath: '', defaultLocale: 'fr' });
    const generated = (await post('categories', { name: 'EN' }).expect(201)).body.data;
    expect(generated.path).toBe('/en-2');
    const refused = await post('categories', { name: 'EN', slug: 'en' }).expect(400);
    expect(refused.body.error.message).toContain('the URL space of locale en');
    expect(refused.body.error.details.errors).toEqual([expect.objectContaining({ path: ['slug'] })]);
    await newsroom(app).site();
  });
});
