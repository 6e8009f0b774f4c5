import { asPublic, createFullAccessToken } from '../../helpers/agents';
import { newsroom } from '../../helpers/fixtures';
import { bootStrapi, type TestApp } from '../../helpers/strapi';

/** A redirect is followed only where no page lives, and only leads to a page that does. */
describe('redirects never shadow a live page and never cross locales', () => {
  let app: TestApp;
  let token: string;

  const documents = (uid: string) => app.strapi.documents(uid as any) as any;
  const post = (collection: string, data: Record<string, unknown>, locale = 'fr', status?: string) =>
    asPublic(app)
      .post(`/api/${collection}`)
      .query({ locale, ...(status ? { status } : {}) })
      .set('Authorization', `Bearer ${token}`)
      .send({ data });
  const put = (collection: string, documentId: string, data: Record<string, unknown>, locale = 'fr', status?: string) =>
    asPublic(app)
      .put(`/api/${collection}/${documentId}`)
      .query({ locale, ...(status ? { status } : {}) })
      .set('Authorization', `Bearer ${token}`)
      .send({ data });
  const redirectFrom = async (from: string, locale?: string) => {
    const response = await asPublic(app)
      .get('/api/redirects')
      .query({ 'filters[from][$eq]': from, ...(locale ? { locale } : {}) })
      .expect(200);
    return response.body.data.map((r: { from: string; to: string }) => ({ from: r.from, to: r.to }));
  };
  const storedFrom = (from: string) => app.strapi.db.query('api::redirect.redirect').findMany({ where: { from } });

  beforeAll(async () => {
    app = await bootStrapi();
    token = await createFullAccessToken(app);
    await newsroom(app).site();
  });
  afterAll(async () => {
    await app?.stop();
  });

  it('retires a redirect when a newly published article takes its path', async () => {
    const first = (await post('articles', { title: 'Alpha' }, 'fr', 'published').expect(201)).body.data;
    await put('articles', first.documentId, { slug: 'alpha-v2' }, 'fr', 'published').expect(200);
    expect(await redirectFrom('/blog/alpha')).toEqual([{ from: '/blog/alpha', to: '/blog/alpha-v2' }]);

    // A draft does not take the path yet: readers still need the redirect until it goes live.
    const second = (await post('articles', { title: 'Alpha' }, 'fr', 'draft').expect(201)).body.data;
    expect(second.path).toBe('/blog/alpha');
    expect(await storedFrom('/blog/alpha')).toHaveLength(1);

    await documents('api::article.article').publish({ documentId: second.documentId, locale: 'fr' });
    expect(await storedFrom('/blog/alpha')).toEqual([]);
    expect(await redirectFrom('/blog/alpha')).toEqual([]);
  });

  it('retires a redirect when a new category takes its path', async () => {
    const sport = (await post('categories', { name: 'Sport' }).expect(201)).body.data;
    await put('categories', sport.documentId, { slug: 'sports' }).expect(200);
    expect(await redirectFrom('/blog/sport')).toEqual([{ from: '/blog/sport', to: '/blog/sports' }]);

    const again = (await post('categories', { name: 'Sport' }).expect(201)).body.data;
    expect(again.path).toBe('/blog/sport');
    expect(await storedFrom('/blog/sport')).toEqual([]);
    // The prefix rule still sends old pages below on, but never a page that lives under the new one.
    const article = (await post('articles', { title: 'Tennis', category: again.documentId }, 'fr', 'published').expect(201)).body.data;
    expect(article.path).toBe('/blog/sport/tennis');
    expect(await redirectFrom('/blog/sport/tennis')).toEqual([]);
    expect(await redirectFrom('/blog/sport/ancien')).toEqual([{ from: '/blog/sport/ancien', to: '/blog/sports/ancien' }]);
  });

  it('keeps each locale its own redirects: a French re-slug never sends English readers away', async () => {
    // Without locale prefixes (a Site set to `none`), both locales share one path.
    await newsroom(app).site({ localePrefix: 'none' });
    const europe = await newsroom(app).category('Europe', { slug: 'europe' });
    await newsroom(app).translateCategory(europe.documentId, 'en', 'Europe');
    const fr = (await post('articles', { title: 'Brexit', category: europe.documentId }, 'fr', 'published').expect(201)).body.data;
    const en = (await post('articles', { title: 'Brexit', category: europe.documentId }, 'en', 'published').expect(201)).body.data;
    expect(fr.path).toBe(en.path);

    await put('articles', fr.documentId, { slug: 'brexit-fr' }, 'fr', 'published').expect(200);
    expect(await redirectFrom(fr.path, 'fr')).toEqual([{ from: fr.path, to: fr.path.replace('brexit', 'brexit-fr') }]);
    expect(await redirectFrom(en.path, 'en')).toEqual([]);
    const stored = await storedFrom(fr.path);
    expect(stored.map((row: any) => row.locale)).toEqual(['fr']);

    // The English one may move later: both locales keep a redirect from the same old path.
    await put('articles', en.documentId, { slug: 'brexit-en' }, 'en', 'published').expect(200);
    expect(await redirectFrom(en.path, 'en')).toEqual([{ from: en.path, to: en.path.replace('brexit', 'brexit-en') }]);
    expect(await redirectFrom(fr.path, 'fr')).toEqual([{ from: fr.path, to: fr.path.replace('brexit', 'brexit-fr') }]);
  });

  it('drops the redirects to a page that is unpublished or deleted', async () => {
    const gone = (await post('articles', { title: 'Gamma' }, 'fr', 'published').expect(201)).body.data;
    await put('articles', gone.documentId, { slug: 'gamma-2' }, 'fr', 'published').expect(200);
    expect(await storedFrom('/blog/gamma')).toHaveLength(1);
    await documents('api::article.article').unpublish({ documentId: gone.documentId, locale: 'fr' });
    expect(await storedFrom('/blog/gamma')).toEqual([]);

    const deleted = (await post('articles', { title: 'Delta' }, 'fr', 'published').expect(201)).body.data;
    await put('articles', deleted.documentId, { slug: 'delta-2' }, 'fr', 'published').expect(200);
    expect(await storedFrom('/blog/delta')).toHaveLength(1);
    await documents('api::article.article').delete({ documentId: deleted.documentId, locale: 'fr' });
    expect(await storedFrom('/blog/delta')).toEqual([]);
  });
});
