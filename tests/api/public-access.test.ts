import { asPublic, graphql } from '../helpers/agents';
import { bootStrapi, type TestApp } from '../helpers/strapi';

describe('what Public may and may not do', () => {
  let app: TestApp;
  let articleId: string;
  let categoryId: string;
  let sourceId: string;

  beforeAll(async () => {
    app = await bootStrapi({ seedDemo: true });
    const first = async (uid: string) =>
      (await app.strapi.db.query(uid as any).findOne({ select: ['documentId'] })).documentId as string;
    articleId = await first('api::article.article');
    categoryId = await first('api::category.category');
    sourceId = await first('api::source.source');
  });
  afterAll(async () => {
    await app?.stop();
  });

  it.each([
    ['articles', () => articleId],
    ['categories', () => categoryId],
    ['sources', () => sourceId],
  ])('gets 403 when it creates, updates or deletes %s over REST', async (collection, id) => {
    await asPublic(app).post(`/api/${collection}`).send({ data: { name: 'x', title: 'x' } }).expect(403);
    await asPublic(app).put(`/api/${collection}/${id()}`).send({ data: { name: 'x', title: 'x' } }).expect(403);
    await asPublic(app).delete(`/api/${collection}/${id()}`).expect(403);
  });

  it('cannot change the Site settings', async () => {
    await asPublic(app).put('/api/site').send({ data: { name: 'Defaced' } }).expect(403);
    await asPublic(app).delete('/api/site').expect(403);
  });

  it('gets a Forbidden error from the GraphQL mutations, and nothing is written', async () => {
    const before = await app.strapi.db.query('api::article.article').count();
    const create = await graphql(app, 'mutation { createArticle(data: { title: "Injected" }) { documentId } }');
    expect(create.errors[0]?.message).toMatch(/forbidden/i);

    const rename = await graphql(
      app,
      'mutation ($id: ID!) { updateSource(documentId: $id, data: { name: "Defaced" }) { name } }',
      { id: sourceId }
    );
    expect(rename.errors[0]?.message).toMatch(/forbidden/i);
    expect(await app.strapi.db.query('api::article.article').count()).toBe(before);
    const source = await app.strapi.db.query('api::source.source').findOne({ where: { documentId: sourceId } });
    expect(source.name).not.toBe('Defaced');
  });

  it('cannot list users or reach the admin API', async () => {
    await asPublic(app).get('/api/users').expect(403);
    await asPublic(app).get('/content-manager/collection-types/api::article.article').expect(401);
  });

  it('sees no drafts: an unpublished article stays invisible, even when asking for status=draft', async () => {
    const draft = await app.strapi.documents('api::article.article').create({
      locale: 'fr',
      data: { title: 'Brouillon confidentiel' },
    });

    const listed = await asPublic(app).get('/api/articles').query({ locale: 'fr', status: 'draft' }).expect(200);
    expect(listed.body.data.map((a: { title: string }) => a.title)).not.toContain('Brouillon confidentiel');
    await asPublic(app).get(`/api/articles/${draft.documentId}`).query({ locale: 'fr', status: 'draft' }).expect(404);

    const viaGraphql = await graphql(app, '{ articles(status: DRAFT, locale: "fr") { title } }');
    const titles = (viaGraphql.data?.articles ?? []).map((a: { title: string }) => a.title);
    expect(titles).not.toContain('Brouillon confidentiel');
  });

  it('cannot probe a draft’s wording with a filter through a relation', async () => {
    const category = await app.strapi.db.query('api::category.category').findOne({ where: { locale: 'fr', slug: 'coree-du-nord' } });
    await app.strapi.documents('api::article.article').create({
      locale: 'fr',
      data: { title: 'Scoop sous embargo', category: category.documentId } as any,
    });
    const published = await app.strapi.db.query('api::article.article').findOne({ where: { locale: 'fr', publishedAt: { $notNull: true } } });

    const probe = (title: string) =>
      asPublic(app).get('/api/categories').query({ locale: 'fr', 'filters[articles][title][$eq]': title }).expect(200);
    // The oracle: the same filter does find a published title, so a miss means something.
    expect((await probe(published.title)).body.data).toHaveLength(1);
    expect((await probe('Scoop sous embargo')).body.data).toHaveLength(0);

    const viaGraphql = await graphql(app, '{ categories(locale: "fr", filters: { articles: { title: { eq: "Scoop sous embargo" } } }) { name } }');
    expect(viaGraphql.errors).toEqual([]);
    expect(viaGraphql.data.categories).toEqual([]);
  });

  it('sees no drafts through a relation either: a category populating its articles', async () => {
    const category = await app.strapi.db.query('api::category.category').findOne({ where: { locale: 'fr', slug: 'coree-du-nord' } });
    await app.strapi.documents('api::article.article').create({
      locale: 'fr',
      data: { title: 'Embargo jusqu’à lundi', category: category.documentId } as any,
    });

    const viaRest = await asPublic(app)
      .get(`/api/categories/${category.documentId}`)
      .query({ locale: 'fr', populate: 'articles', status: 'draft' })
      .expect(200);
    const restTitles = viaRest.body.data.articles.map((a: { title: string }) => a.title);
    expect(restTitles).toHaveLength(1);
    expect(restTitles).not.toContain('Embargo jusqu’à lundi');

    const viaGraphql = await graphql(app, 'query ($id: ID!) { category(documentId: $id, locale: "fr") { articles { title } } }', {
      id: category.documentId,
    });
    expect(viaGraphql.errors).toEqual([]);
    expect(viaGraphql.data.category.articles.map((a: { title: string }) => a.title)).not.toContain('Embargo jusqu’à lundi');
  });
});

describe('the favicon', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await bootStrapi();
  });
  afterAll(async () => {
    await app?.stop();
  });

  it('is served, so that no browser request for it is a 500 with a stack in the log', async () => {
    const response = await asPublic(app).get('/favicon.ico').buffer(true).parse((res, done) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => done(null, Buffer.concat(chunks)));
    });
    expect(response.status).toBe(200);
    expect((response.body as Buffer).subarray(1, 4).toString('latin1')).toBe('PNG');
  });
});

describe('pagination limits', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await bootStrapi();
    const rows = Array.from({ length: 130 }, (_, i) => ({
      name: `Source ${String(i).padStart(3, '0')}`,
      slug: `source-${i}`,
      documentId: `src${String(i).padStart(21, '0')}`,
      kind: 'outlet',
    }));
    await app.strapi.db.query('api::source.source').createMany({ data: rows });
  });
  afterAll(async () => {
    await app?.stop();
  });

  it('caps a REST pageSize of 1000 at 100 entries', async () => {
    const response = await asPublic(app).get('/api/sources').query({ 'pagination[pageSize]': 1000 }).expect(200);
    expect(response.body.data).toHaveLength(100);
    expect(response.body.meta.pagination).toMatchObject({ pageSize: 100, total: 130 });
  });

  it('returns 25 entries when no page size is asked for', async () => {
    const response = await asPublic(app).get('/api/sources').expect(200);
    expect(response.body.data).toHaveLength(25);
  });

  it('caps a GraphQL limit of 1000 at 100 entries', async () => {
    const result = await graphql(app, '{ sources(pagination: { limit: 1000 }) { name } }');
    expect(result.errors).toEqual([]);
    expect(result.data.sources).toHaveLength(100);
  });

  it('refuses GraphQL queries nested deeper than 10 levels', async () => {
    let selection = 'name';
    for (let depth = 0; depth < 12; depth += 1) selection = `parent { ${selection} }`;
    const result = await graphql(app, `{ categories { ${selection} } }`);
    expect(result.errors[0]?.message).toMatch(/exceeds maximum operation depth/i);
  });
});
