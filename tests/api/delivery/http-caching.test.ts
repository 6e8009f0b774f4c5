import request from 'supertest';
import { createFullAccessToken, createUserJwt } from '../../helpers/agents';
import { newsroom } from '../../helpers/fixtures';
import { bootStrapi, type TestApp } from '../../helpers/strapi';

const ARTICLE = 'api::article.article';
const CATEGORY = 'api::category.category';
const PUBLIC_CACHE_CONTROL = 'public, max-age=0, s-maxage=300, stale-while-revalidate=60';

/**
 * What a CDN in front of Colophon sees: public answers it may keep, tagged with what they were
 * derived from, revalidable with a 304; everything that depends on who asks, on drafts, or that
 * failed, marked for no cache at all. And the contract that makes tags worth having: every
 * change in the feed names a tag of every cached answer it made stale.
 */
describe('HTTP caching of public answers', () => {
  let app: TestApp;
  let token: string;
  let world: any;
  let africa: any;
  let article: any;

  const get = (url: string) => request(app.server).get(url);
  const tagsOf = (response: request.Response) => String(response.headers['cache-tag'] ?? '').split(',').filter(Boolean);
  const expectPrivate = (response: request.Response) => {
    expect(response.headers['cache-control']).toBe('private, no-store');
    expect(response.headers['cache-tag']).toBeUndefined();
    expect(response.headers['surrogate-key']).toBeUndefined();
    expect(response.headers.etag).toBeUndefined();
  };
  const latestChanges = async (after?: string) => {
    const response = await get('/api/changes')
      .query(after ? { after, limit: 1000 } : { limit: 1000 })
      .set('Authorization', `Bearer ${token}`)
      .expect(200);
    return response.body as { data: Array<{ tags: string[] }>; meta: { next: string } };
  };
  const endOfFeed = async () => {
    let cursor: string | undefined;
    for (;;) {
      const page = await latestChanges(cursor);
      if (page.data.length === 0) return page.meta.next;
      cursor = page.meta.next;
    }
  };

  beforeAll(async () => {
    app = await bootStrapi();
    token = await createFullAccessToken(app);
    const make = newsroom(app);
    await make.site();
    world = await make.category('Monde');
    africa = await make.category('Afrique', { parent: world.documentId });
    article = await make.article('Sommet à Addis', { category: africa.documentId, published: true });
  });
  afterAll(async () => {
    await app?.stop();
  });

  describe('a public REST answer', () => {
    it('carries an ETag, Cache-Control for shared caches, and the tags of everything it shows', async () => {
      const response = await get(`/api/articles/${article.documentId}`).query({ locale: 'fr' }).expect(200);
      expect(response.headers.etag).toMatch(/^W\/"[A-Za-z0-9_-]{27}"$/);
      expect(response.headers['cache-control']).toBe(PUBLIC_CACHE_CONTROL);
      expect(response.headers.vary).toMatch(/Authorization/);
      const tags = tagsOf(response);
      // Both categories on the trail, though the answer populates neither.
      expect(tags).toEqual(
        expect.arrayContaining([`article:${article.documentId}`, `category:${africa.documentId}`, `category:${world.documentId}`, 'site'])
      );
      // One article is not a list: another article's edit leaves it in the cache.
      expect(tags).not.toContain(`list:${ARTICLE}`);
      expect(response.headers['surrogate-key']).toBe(tags.join(' '));
    });

    it('answers 304 with no body to a matching If-None-Match, and a full answer once it changed', async () => {
      const url = `/api/articles/${article.documentId}?locale=fr`;
      const first = await get(url).expect(200);
      const revalidated = await get(url).set('If-None-Match', first.headers.etag).expect(304);
      expect(revalidated.text).toBe('');
      expect(revalidated.headers.etag).toBe(first.headers.etag);
      await get(url).set('If-None-Match', `"other", ${first.headers.etag.replace(/^W\//, '')}`).expect(304);

      await newsroom(app).site({ blogLabel: 'Le blog' });
      const after = await get(url).set('If-None-Match', first.headers.etag).expect(200);
      expect(after.headers.etag).not.toBe(first.headers.etag);
      await newsroom(app).site({ blogLabel: 'Blog' });
    });

    it('tags what /api/resolve answers, and a redirect with `redirects`', async () => {
      const page = await get('/api/resolve').query({ path: article.path }).expect(200);
      expect(tagsOf(page)).toEqual(expect.arrayContaining([`article:${article.documentId}`, `category:${world.documentId}`, 'site']));
      await request(app.server)
        .post('/api/redirects')
        .set('Authorization', `Bearer ${token}`)
        .send({ data: { from: '/vieux-sommet', to: article.path, statusCode: 301 } })
        .expect(201);
      const redirect = await get('/api/resolve').query({ path: '/vieux-sommet', locale: 'fr' }).expect(200);
      expect(tagsOf(redirect)).toContain('redirects');
    });

    it('bounds the tags of a long list, giving way to the list tag rather than dropping one', async () => {
      for (let index = 0; index < 70; index += 1) await newsroom(app).article(`Dépêche ${index}`, { published: true });
      const response = await get('/api/articles').query({ locale: 'fr', 'pagination[pageSize]': 100 }).expect(200);
      const tags = tagsOf(response);
      expect(tags.length).toBeLessThanOrEqual(64);
      expect(Buffer.byteLength(response.headers['cache-tag'])).toBeLessThanOrEqual(8192);
      expect(tags).toContain(`list:${ARTICLE}`);
    });
  });

  describe('answers no cache may keep', () => {
    it('marks an answer to any credentials private, with no tags', async () => {
      expectPrivate(await get(`/api/articles/${article.documentId}`).query({ locale: 'fr' }).set('Authorization', `Bearer ${token}`).expect(200));
      const reader = await createUserJwt(app);
      expectPrivate(await get('/api/articles').query({ locale: 'fr' }).set('Authorization', `Bearer ${reader.jwt}`).expect(200));
    });

    it('marks drafts, errors and the change feed private', async () => {
      expectPrivate(await get('/api/articles').query({ locale: 'fr', status: 'draft' }).expect(200));
      expectPrivate(await get('/api/articles/nothing-here').query({ locale: 'fr' }).expect(404));
      expectPrivate(await get('/api/resolve').query({ path: '/blog/nulle-part' }).expect(404));
      expectPrivate(await get('/api/categories').query({ locale: 'fr', sort: 'articles.title' }).expect(400));
      expectPrivate(await get('/api/changes').set('Authorization', `Bearer ${token}`).expect(200));
    });
  });

  describe('GraphQL', () => {
    const post = (query: string, variables: Record<string, unknown> = {}) => request(app.server).post('/graphql').send({ query, variables });

    it('tags a public query with every type it reads and revalidates it over GET', async () => {
      const query = '{ articles(locale: "fr") { title category { name } } }';
      const response = await post(query).expect(200);
      expect(response.headers['cache-control']).toBe(PUBLIC_CACHE_CONTROL);
      expect(tagsOf(response)).toEqual(expect.arrayContaining([`list:${ARTICLE}`, `list:${CATEGORY}`, 'site']));
      const overGet = await get('/graphql').query({ query }).set('apollo-require-preflight', 'true').expect(200);
      expect(overGet.headers.etag).toBe(response.headers.etag);
      await get('/graphql').query({ query }).set('apollo-require-preflight', 'true').set('If-None-Match', overGet.headers.etag).expect(304);
    });

    it('marks mutations, errors, drafts and credentials private', async () => {
      expectPrivate(await post('mutation { createComment(data: { body: "x" }) { documentId } }'));
      expectPrivate(await post('{ articles(locale: "fr") { nonsense } }'));
      expectPrivate(await post('{ articles(locale: "fr", status: DRAFT) { title } }').expect(200));
      expectPrivate(await post('{ articles(locale: "fr") { title } }').set('Authorization', `Bearer ${token}`).expect(200));
    });
  });

  describe('the purge contract', () => {
    it('names, in each change, a tag of every cached answer it made stale', async () => {
      const cached = await get(`/api/articles/${article.documentId}`).query({ locale: 'fr' }).expect(200);
      const cachedTags = new Set(tagsOf(cached));
      const source = await (app.strapi.documents('api::source.source' as any) as any).create({ data: { name: 'Agence', website: 'https://agence.example' } });
      await (app.strapi.documents(ARTICLE as any) as any).update({
        documentId: article.documentId,
        locale: 'fr',
        status: 'published',
        data: { credits: [{ role: 'original', source: source.documentId, url: 'https://agence.example/sommet' }] },
      });
      const credited = await get(`/api/articles/${article.documentId}`).query({ locale: 'fr' }).expect(200);

      for (const write of [
        () => request(app.server).put(`/api/categories/${world.documentId}?locale=fr`).set('Authorization', `Bearer ${token}`).send({ data: { name: 'Le monde' } }),
        () => request(app.server).put(`/api/sources/${source.documentId}`).set('Authorization', `Bearer ${token}`).send({ data: { name: 'Agence mondiale' } }),
      ]) {
        const before = await get(`/api/articles/${article.documentId}`).query({ locale: 'fr' }).expect(200);
        const cursor = await endOfFeed();
        await write().expect(200);
        const after = await get(`/api/articles/${article.documentId}`).query({ locale: 'fr' }).expect(200);
        expect(after.headers.etag).not.toBe(before.headers.etag);
        const changed = (await latestChanges(cursor)).data.flatMap((change) => change.tags);
        expect(tagsOf(before).filter((tag) => changed.includes(tag))).not.toEqual([]);
      }
      expect(cachedTags.size).toBeGreaterThan(0);
      expect(tagsOf(credited).length).toBeGreaterThan(0);
    });
  });
});
