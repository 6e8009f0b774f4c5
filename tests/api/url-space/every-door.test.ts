import { asPublic, createFullAccessToken, graphql, loginAsSuperAdmin } from '../../helpers/agents';
import { newsroom } from '../../helpers/fixtures';
import { bootStrapi, type TestApp } from '../../helpers/strapi';

const ARTICLE = 'api::article.article';
const CATEGORY = 'api::category.category';
const CM = (uid: string) => `/content-manager/collection-types/${uid}`;

/**
 * One path, one page, tried door by door: each of these once put two live pages on one path
 * (or a page on a path the Site keeps for itself) and answered 2xx. Each now either gives the
 * newcomer a free path or refuses the write with a 400 that names the field, writing nothing.
 */
describe('every door keeps one page per path', () => {
  let app: TestApp;
  let token: string;
  let admin: string;

  const rest = () => ({
    post: (collection: string, data: Record<string, unknown>, query: Record<string, string> = { locale: 'fr' }) =>
      asPublic(app).post(`/api/${collection}`).query(query).set('Authorization', `Bearer ${token}`).send({ data }),
    put: (collection: string, documentId: string, data: Record<string, unknown>, query: Record<string, string> = { locale: 'fr' }) =>
      asPublic(app).put(`/api/${collection}/${documentId}`).query(query).set('Authorization', `Bearer ${token}`).send({ data }),
  });
  const cm = (method: 'post' | 'put' | 'get' | 'delete', path: string) =>
    asPublic(app)[method](path).set('Authorization', `Bearer ${admin}`);

  /** Every live path of a locale, drafts included, and who holds it. */
  const livePaths = async (locale = 'fr') => {
    const holders = new Map<string, Set<string>>();
    for (const uid of [ARTICLE, CATEGORY]) {
      const rows = await app.strapi.db.query(uid as any).findMany({ where: { locale }, select: ['documentId', 'path'] });
      for (const row of rows) {
        if (!row.path) continue;
        const set = holders.get(row.path) ?? new Set<string>();
        set.add(`${uid}:${row.documentId}`);
        holders.set(row.path, set);
      }
    }
    return holders;
  };
  const expectOnePagePerPath = async (locale = 'fr') => {
    const shared = [...(await livePaths(locale))].filter(([, owners]) => owners.size > 1).map(([path, owners]) => `${path}: ${[...owners].join(', ')}`);
    expect(shared).toEqual([]);
  };

  beforeAll(async () => {
    app = await bootStrapi();
    token = await createFullAccessToken(app);
    admin = await loginAsSuperAdmin(app);
    await newsroom(app).site();
  });
  afterAll(async () => {
    await app?.stop();
  });
  afterEach(async () => {
    await expectOnePagePerPath('fr');
    await expectOnePagePerPath('en');
  });

  describe('duplicating in the Content Manager', () => {
    it('auto-clone gives the copy a fresh slug before it is stored, and both can be published and resolved', async () => {
      const section = (await rest().post('categories', { name: 'Course' }).expect(201)).body.data;
      const original = (await rest().post('articles', { title: 'Course au titre', category: section.documentId }, { locale: 'fr', status: 'published' }).expect(201)).body.data;
      expect(original.path).toBe('/blog/course/course-au-titre');

      const copy = (await cm('post', `${CM(ARTICLE)}/auto-clone/${original.documentId}`).query({ locale: 'fr' }).send({}).expect(200)).body.data;
      expect(copy.documentId).not.toBe(original.documentId);
      expect(copy.slug).toBe('course-au-titre-2');
      expect(copy.path).toBe('/blog/course/course-au-titre-2');
      const stored = await newsroom(app).articleRows(copy.documentId);
      expect(stored.map((row: any) => row.path)).toEqual(['/blog/course/course-au-titre-2']);

      await cm('post', `${CM(ARTICLE)}/${copy.documentId}/actions/publish`).query({ locale: 'fr' }).send({}).expect(200);
      const resolved = await asPublic(app).get('/api/resolve').query({ path: '/blog/course/course-au-titre-2' }).expect(200);
      expect(resolved.body.data.documentId).toBe(copy.documentId);
      const first = await asPublic(app).get('/api/resolve').query({ path: '/blog/course/course-au-titre' }).expect(200);
      expect(first.body.data.documentId).toBe(original.documentId);
    });

    it('clone with the edit form’s values gives a fresh slug when the form carries the original’s', async () => {
      const original = (await rest().post('articles', { title: 'Double page' }).expect(201)).body.data;
      const form = (await cm('get', `${CM(ARTICLE)}/${original.documentId}`).query({ locale: 'fr' }).expect(200)).body.data;
      const { id, documentId, createdAt, updatedAt, publishedAt, createdBy, updatedBy, localizations, ...values } = form;
      const copy = (await cm('post', `${CM(ARTICLE)}/clone/${original.documentId}`).query({ locale: 'fr' }).send(values).expect(200)).body.data;
      expect(copy.slug).toBe('double-page-2');
      expect(copy.path).toBe('/blog/double-page-2');
    });

    it('clone with another explicit slug that is taken is refused on slug, and writes nothing', async () => {
      const taken = (await rest().post('articles', { title: 'Occupé' }).expect(201)).body.data;
      const original = (await rest().post('articles', { title: 'Libre' }).expect(201)).body.data;
      const before = await app.strapi.db.query(ARTICLE as any).count({});
      const refused = await cm('post', `${CM(ARTICLE)}/clone/${original.documentId}`).query({ locale: 'fr' }).send({ title: 'Libre', slug: taken.slug }).expect(400);
      expect(refused.body.error.details.errors).toEqual([expect.objectContaining({ path: ['slug'] })]);
      expect(refused.body.error.message).toContain(taken.documentId);
      expect(await app.strapi.db.query(ARTICLE as any).count({})).toBe(before);
    });

    it('cloning a category gives it a fresh slug under the same parent', async () => {
      const monde = (await rest().post('categories', { name: 'Amériques' }).expect(201)).body.data;
      const form = (await cm('get', `${CM(CATEGORY)}/${monde.documentId}`).query({ locale: 'fr' }).expect(200)).body.data;
      const copy = (await cm('post', `${CM(CATEGORY)}/clone/${monde.documentId}`).query({ locale: 'fr' }).send({ name: form.name, slug: form.slug }).expect(200)).body.data;
      expect(copy.slug).toBe('ameriques-2');
      expect(copy.path).toBe('/blog/ameriques-2');
    });

    it('clone in code (the document service) gives every cloned locale a fresh slug', async () => {
      const make = newsroom(app);
      const original = await make.article('Même titre', { published: true });
      await app.strapi.documents(ARTICLE as any).update({ documentId: original.documentId, locale: 'en', data: { title: 'Same title' } } as any);
      const copy = await app.strapi.documents(ARTICLE as any).clone({ documentId: original.documentId, locale: '*' } as any);
      const rows = await make.articleRows((copy as any).documentId);
      expect(rows.map((row: any) => [row.locale, row.slug, row.path])).toEqual([
        ['en', 'same-title-2', '/en/blog/same-title-2'],
        ['fr', 'meme-titre-2', '/blog/meme-titre-2'],
      ]);
    });
  });

  describe('editing the Site', () => {
    it('refuses a blog path that would move a page onto another locale’s home, naming the page, and writes nothing', async () => {
      const en = (await rest().post('categories', { name: 'En', slug: 'en' }).expect(201)).body.data;
      expect(en.path).toBe('/blog/en');
      const site = await app.strapi.documents('api::site.site' as any).findFirst({});
      const refused = await asPublic(app).put('/api/site').set('Authorization', `Bearer ${token}`).send({ data: { blogPath: '' } }).expect(400);
      expect(refused.body.error.details.errors).toEqual([expect.objectContaining({ path: ['blogPath'] })]);
      expect(refused.body.error.message).toContain(en.documentId);
      expect(refused.body.error.message).toContain('/en');
      const after = await app.strapi.documents('api::site.site' as any).findFirst({});
      expect(after.blogPath).toBe(site.blogPath);
      expect((await newsroom(app).categoryRow(en.documentId)).path).toBe('/blog/en');
      await app.strapi.documents(CATEGORY as any).delete({ documentId: en.documentId, locale: 'fr' } as any);
    });

    it('refuses a default locale that would put a page of the new default on the old one’s home', async () => {
      await newsroom(app).site({ blogPath: '' });
      try {
        const fr = (await rest().post('categories', { name: 'Fr', slug: 'fr' }, { locale: 'en' }).expect(201)).body.data;
        expect(fr.path).toBe('/en/fr');
        const refused = await asPublic(app).put('/api/site').set('Authorization', `Bearer ${token}`).send({ data: { defaultLocale: 'en' } }).expect(400);
        expect(refused.body.error.details.errors).toEqual([expect.objectContaining({ path: ['defaultLocale'] })]);
        expect(refused.body.error.message).toContain(fr.documentId);
        expect((await app.strapi.documents('api::site.site' as any).findFirst({})).defaultLocale).toBe('fr');
      } finally {
        await newsroom(app).site();
      }
    });

    it('refuses a blog path inside another locale’s URL space', async () => {
      const refused = await asPublic(app).put('/api/site').set('Authorization', `Bearer ${token}`).send({ data: { blogPath: '/en/blog' } }).expect(400);
      expect(refused.body.error.details.errors).toEqual([expect.objectContaining({ path: ['blogPath'] })]);
    });

    it('refuses a locale prefix mode that would put a page of the unprefixed locale on another locale’s home', async () => {
      await newsroom(app).site({ blogPath: '', localePrefix: 'prefix-always' });
      try {
        const squatter = (await rest().post('categories', { name: 'En', slug: 'en' }).expect(201)).body.data;
        expect(squatter.path).toBe('/fr/en');
        const refused = await asPublic(app)
          .put('/api/site')
          .set('Authorization', `Bearer ${token}`)
          .send({ data: { localePrefix: 'prefix-except-default' } })
          .expect(400);
        expect(refused.body.error.details.errors).toEqual([expect.objectContaining({ path: ['localePrefix'] })]);
        expect(refused.body.error.message).toContain(squatter.documentId);
        expect((await newsroom(app).categoryRow(squatter.documentId)).path).toBe('/fr/en');
        await app.strapi.documents(CATEGORY as any).delete({ documentId: squatter.documentId, locale: 'fr' } as any);
      } finally {
        await newsroom(app).site({ localePrefix: 'prefix-except-default' });
      }
    });

    it('refuses a new locale whose home a page already holds', async () => {
      await newsroom(app).site({ blogPath: '' });
      try {
        const de = (await rest().post('categories', { name: 'De', slug: 'de' }).expect(201)).body.data;
        expect(de.path).toBe('/de');
        const refused = await cm('post', '/i18n/locales').send({ code: 'de', name: 'German (de)', isDefault: false });
        expect(refused.status).toBe(400);
        expect(refused.body.error.message).toContain(de.documentId);
        expect(await app.strapi.plugin('i18n').service('locales').findByCode('de')).toBeFalsy();
        await app.strapi.documents(CATEGORY as any).delete({ documentId: de.documentId, locale: 'fr' } as any);
        // With the way clear, the locale is added, and its home is reserved from then on.
        await cm('post', '/i18n/locales').send({ code: 'de', name: 'German (de)', isDefault: false }).expect(200);
        const taken = await rest().post('categories', { name: 'De', slug: 'de' }).expect(400);
        expect(taken.body.error.message).toContain('the URL space of locale de');

        // Deleting the locale deletes its pages past the document service: their claims go too.
        await rest().post('articles', { title: 'Gipfel' }, { locale: 'de' }).expect(201);
        const german = await app.strapi.plugin('i18n').service('locales').findByCode('de');
        await cm('delete', `/i18n/locales/${german.id}`).expect(200);
        expect(Number((await app.strapi.db.connection('colophon_path_claims').where({ locale: 'de' }).count({ count: '*' }).first())!.count)).toBe(0);
        expect(Number((await app.strapi.db.connection('colophon_slug_claims').where({ locale: 'de' }).count({ count: '*' }).first())!.count)).toBe(0);
      } finally {
        const german = await app.strapi.plugin('i18n').service('locales').findByCode('de');
        if (german) await app.strapi.plugin('i18n').service('locales').delete({ id: german.id });
        await newsroom(app).site();
      }
    });

    it('lets an edit free a reserved path and move a page onto it', async () => {
      const blog = (await rest().post('categories', { name: 'Blog', slug: 'blog' }).expect(201)).body.data;
      expect(blog.path).toBe('/blog/blog');
      try {
        await asPublic(app).put('/api/site').set('Authorization', `Bearer ${token}`).send({ data: { blogPath: '' } }).expect(200);
        expect((await newsroom(app).categoryRow(blog.documentId)).path).toBe('/blog');
      } finally {
        await newsroom(app).site();
        await app.strapi.documents(CATEGORY as any).delete({ documentId: blog.documentId, locale: 'fr' } as any);
      }
    });

    it('moves every page to the default settings when the Site is deleted, and claims them there', async () => {
      const page = (await rest().post('articles', { title: 'Sans site' }).expect(201)).body.data;
      try {
        await asPublic(app).delete('/api/site').set('Authorization', `Bearer ${token}`).expect(204);
        // No default locale any more: every locale is prefixed.
        expect((await newsroom(app).articleRows(page.documentId)).map((row: any) => row.path)).toEqual(['/fr/blog/sans-site', '/fr/blog/sans-site']);
        const claims = await app.strapi.db.connection('colophon_path_claims').where({ owner_document_id: page.documentId }).select('path');
        expect(claims.map((claim: any) => claim.path)).toEqual(['/fr/blog/sans-site']);
      } finally {
        await newsroom(app).site();
      }
      expect((await newsroom(app).articleRows(page.documentId))[0].path).toBe('/blog/sans-site');
    });

    it('refuses the same over GraphQL', async () => {
      const en = (await rest().post('categories', { name: 'En', slug: 'en' }).expect(201)).body.data;
      const result = await graphql(app, 'mutation { updateSite(data: { blogPath: "" }) { blogPath } }', {}, token);
      expect(result.errors[0]?.extensions?.error?.name).toBe('ValidationError');
      expect(result.errors[0]?.message).toContain(en.documentId);
      expect((await app.strapi.documents('api::site.site' as any).findFirst({})).blogPath).toBe('/blog');
      await app.strapi.documents(CATEGORY as any).delete({ documentId: en.documentId, locale: 'fr' } as any);
    });
  });

  describe('category writes', () => {
    it('deletes a category whose article lands on the category’s own old path', async () => {
      const brexit = (await rest().post('categories', { name: 'Brexit', slug: 'brexit' }).expect(201)).body.data;
      const article = (await rest().post('articles', { title: 'Brexit', slug: 'brexit', category: brexit.documentId }).expect(201)).body.data;
      const news = (await rest().post('categories', { name: 'News', slug: 'news', parent: brexit.documentId }).expect(201)).body.data;
      expect(article.path).toBe('/blog/brexit/brexit');
      await asPublic(app).delete(`/api/categories/${brexit.documentId}`).query({ locale: 'fr' }).set('Authorization', `Bearer ${token}`).expect(204);
      expect((await newsroom(app).articleRows(article.documentId)).map((row: any) => row.path)).toEqual(['/blog/brexit', '/blog/brexit']);
      expect((await newsroom(app).categoryRow(news.documentId)).path).toBe('/blog/news');
      const claims = await app.strapi.db.connection('colophon_path_claims').whereIn('owner_document_id', [brexit.documentId, article.documentId, news.documentId]).select('path');
      expect(claims.map((claim: any) => claim.path).sort()).toEqual(['/blog/brexit', '/blog/news']);
    });

    it('refuses to file articles or subcategories from the category’s side, naming the field', async () => {
      const parent = (await rest().post('categories', { name: 'Côté parent' }).expect(201)).body.data;
      const child = (await rest().post('categories', { name: 'Côté enfant', parent: parent.documentId }).expect(201)).body.data;
      const article = (await rest().post('articles', { title: 'Côté article' }).expect(201)).body.data;
      const viaArticles = await rest().put('categories', parent.documentId, { articles: { connect: [article.documentId] } }).expect(400);
      expect(viaArticles.body.error.details.errors).toEqual([expect.objectContaining({ path: ['articles'] })]);
      // Connecting an ancestor as a child would close a loop no parent check sees.
      const viaChildren = await rest().put('categories', child.documentId, { children: { connect: [parent.documentId] } }).expect(400);
      expect(viaChildren.body.error.details.errors).toEqual([expect.objectContaining({ path: ['children'] })]);
      expect((await newsroom(app).articleRows(article.documentId))[0].path).toBe('/blog/cote-article');
      // What a form sends for an untouched relation passes.
      await rest().put('categories', parent.documentId, { name: 'Côté parent', articles: { connect: [], disconnect: [] } }).expect(200);
    });
  });

  describe('localizations, drafts and unpublishing', () => {
    it('refuses a new localization whose explicit slug another document of that locale has', async () => {
      const english = (await rest().post('articles', { title: 'Taken', slug: 'taken' }, { locale: 'en' }).expect(201)).body.data;
      const french = (await rest().post('articles', { title: 'Pris' }).expect(201)).body.data;
      const refused = await cm('put', `${CM(ARTICLE)}/${french.documentId}`).query({ locale: 'en' }).send({ title: 'Taken too', slug: 'taken' });
      expect(refused.status).toBe(400);
      expect(refused.body.error.message).toContain(english.documentId);
      expect(await app.strapi.db.query(ARTICLE as any).count({ where: { documentId: french.documentId, locale: 'en' } })).toBe(0);
    });

    it('frees the path a discarded draft had, and keeps the published one', async () => {
      const article = (await rest().post('articles', { title: 'Version publiée' }).expect(201)).body.data;
      await rest().put('articles', article.documentId, { slug: 'version-brouillon' }, { locale: 'fr', status: 'draft' }).expect(200);
      await cm('post', `${CM(ARTICLE)}/${article.documentId}/actions/discard`).query({ locale: 'fr' }).send({}).expect(200);
      const taker = (await rest().post('articles', { title: 'Autre', slug: 'version-brouillon' }).expect(201)).body.data;
      expect(taker.path).toBe('/blog/version-brouillon');
      await rest().post('articles', { title: 'Autre encore', slug: 'version-publiee' }).expect(400);
    });

    it('frees a published path the draft has left when the page is unpublished', async () => {
      const article = (await rest().post('articles', { title: 'En ligne' }).expect(201)).body.data;
      await rest().put('articles', article.documentId, { slug: 'hors-ligne' }, { locale: 'fr', status: 'draft' }).expect(200);
      await rest().post('articles', { title: 'Pas encore', slug: 'en-ligne' }).expect(400);
      await cm('post', `${CM(ARTICLE)}/${article.documentId}/actions/unpublish`).query({ locale: 'fr' }).send({}).expect(200);
      const taker = (await rest().post('articles', { title: 'Maintenant', slug: 'en-ligne' }).expect(201)).body.data;
      expect(taker.path).toBe('/blog/en-ligne');
    });
  });

  describe('publishing', () => {
    it('refuses to publish a draft that would go live on a path another page holds', async () => {
      const other = (await rest().post('articles', { title: 'Autre page' }, { locale: 'fr', status: 'published' }).expect(201)).body.data;
      const draft = (await rest().post('articles', { title: 'Brouillon en attente' }, { locale: 'fr', status: 'draft' }).expect(201)).body.data;
      // As a copy made before paths were claimed, or a restore, could leave it: a draft with
      // the other page's slug and no claim of its own.
      await app.strapi.db.query(ARTICLE as any).updateMany({ where: { documentId: draft.documentId }, data: { slug: other.slug, path: other.path } });
      await app.strapi.db.connection('colophon_path_claims').where({ owner_document_id: draft.documentId }).delete();
      await app.strapi.db.connection('colophon_slug_claims').where({ owner_document_id: draft.documentId }).delete();
      const refused = await cm('post', `${CM(ARTICLE)}/${draft.documentId}/actions/publish`).query({ locale: 'fr' }).send({});
      expect(refused.status).toBe(400);
      expect(refused.body.error.message).toContain(other.documentId);
      expect((await newsroom(app).articleRows(draft.documentId)).filter((row: any) => row.publishedAt)).toEqual([]);
      await app.strapi.documents(ARTICLE as any).delete({ documentId: draft.documentId, locale: 'fr' } as any);
    });

    it('undoes a refused publish inside a caller’s transaction that catches the refusal and commits the rest', async () => {
      // What Content Releases (Strapi's Enterprise edition) and code that publishes a batch do:
      // one transaction around several writes, a failure caught, the rest committed.
      const other = (await rest().post('articles', { title: 'Page publiée' }, { locale: 'fr', status: 'published' }).expect(201)).body.data;
      const draft = (await rest().post('articles', { title: 'Page en attente' }, { locale: 'fr', status: 'draft' }).expect(201)).body.data;
      const fine = (await rest().post('articles', { title: 'Page suivante' }, { locale: 'fr', status: 'draft' }).expect(201)).body.data;
      await app.strapi.db.query(ARTICLE as any).updateMany({ where: { documentId: draft.documentId }, data: { slug: other.slug, path: other.path } });
      await app.strapi.db.connection('colophon_path_claims').where({ owner_document_id: draft.documentId }).delete();
      await app.strapi.db.connection('colophon_slug_claims').where({ owner_document_id: draft.documentId }).delete();

      const refusals: string[] = [];
      await app.strapi.db.transaction(async () => {
        for (const documentId of [draft.documentId, fine.documentId]) {
          try {
            await app.strapi.documents(ARTICLE as any).publish({ documentId, locale: 'fr' } as any);
          } catch (error) {
            refusals.push((error as Error).name);
          }
        }
      });
      expect(refusals).toEqual(['ValidationError']);
      expect((await newsroom(app).articleRows(draft.documentId)).filter((row: any) => row.publishedAt)).toEqual([]);
      expect((await newsroom(app).articleRows(fine.documentId)).filter((row: any) => row.publishedAt)).toHaveLength(1);
      await app.strapi.documents(ARTICLE as any).delete({ documentId: draft.documentId, locale: 'fr' } as any);
    });
  });
});
