import { asPublic, createFullAccessToken, graphql, loginAsSuperAdmin } from '../../helpers/agents';
import { newsroom } from '../../helpers/fixtures';
import { bootStrapi, type TestApp } from '../../helpers/strapi';

describe('writes that would corrupt the tree or a trail are refused, and nothing is written', () => {
  let app: TestApp;
  let token: string;
  let root: { documentId: string };
  let child: { documentId: string };
  let grandchild: { documentId: string };
  let englishOnly: { documentId: string };

  const put = (collection: string, documentId: string, data: Record<string, unknown>, locale = 'fr') =>
    asPublic(app).put(`/api/${collection}/${documentId}`).query({ locale }).set('Authorization', `Bearer ${token}`).send({ data });
  const post = (collection: string, data: Record<string, unknown>, locale = 'fr') =>
    asPublic(app).post(`/api/${collection}`).query({ locale }).set('Authorization', `Bearer ${token}`).send({ data });

  const snapshot = async () => ({
    categories: await app.strapi.db.query('api::category.category').findMany({ orderBy: { id: 'asc' }, populate: { parent: { select: ['id'] } } }),
    articles: await app.strapi.db.query('api::article.article').count(),
  });

  beforeAll(async () => {
    app = await bootStrapi();
    token = await createFullAccessToken(app);
    const make = newsroom(app);
    await make.site();
    root = await make.category('Monde');
    child = await make.category('Asie', { parent: root.documentId });
    grandchild = await make.category('Corée', { parent: child.documentId });
    englishOnly = await make.category('Elsewhere', { locale: 'en' });
  });
  afterAll(async () => {
    await app?.stop();
  });

  it('refuses to move a category under itself', async () => {
    const before = await snapshot();
    const response = await put('categories', root.documentId, { parent: root.documentId }).expect(400);
    expect(response.body.error).toMatchObject({ name: 'ValidationError', message: 'A category cannot be moved under itself' });
    expect(await snapshot()).toEqual(before);
  });

  it('refuses to move a category under one of its descendants', async () => {
    const before = await snapshot();
    const response = await put('categories', root.documentId, { parent: grandchild.documentId }).expect(400);
    expect(response.body.error.message).toBe('A category cannot be moved under one of its own descendants');
    expect(await snapshot()).toEqual(before);
  });

  it('refuses a chain deeper than the bound (10 levels)', async () => {
    const make = newsroom(app);
    let parent = grandchild.documentId;
    for (let level = 4; level <= 10; level += 1) parent = (await make.category(`Niveau ${level}`, { parent })).documentId;
    const before = await snapshot();
    const response = await post('categories', { name: 'Niveau 11', parent }).expect(400);
    expect(response.body.error.message).toBe('Category tree would be 11 levels deep; the limit is 10');
    expect(await snapshot()).toEqual(before);
  });

  it('refuses the same over GraphQL, with the same message', async () => {
    const result = await graphql(
      app,
      'mutation ($id: ID!, $parent: ID!) { updateCategory(documentId: $id, locale: "fr", data: { parent: $parent }) { path } }',
      { id: child.documentId, parent: grandchild.documentId },
      token
    );
    expect(result.errors[0].message).toBe('A category cannot be moved under one of its own descendants');
    expect(result.errors[0].extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('refuses the same in the Content Manager, so an editor sees why', async () => {
    const adminToken = await loginAsSuperAdmin(app);
    const grandchildRow = await newsroom(app).categoryRow(grandchild.documentId);
    const before = await snapshot();
    const response = await asPublic(app)
      .put(`/content-manager/collection-types/api::category.category/${root.documentId}`)
      .query({ locale: 'fr' })
      .set('Authorization', `Bearer ${adminToken}`)
      .send({ parent: { connect: [{ id: grandchildRow.id, documentId: grandchild.documentId, locale: 'fr' }] } })
      .expect(400);
    expect(response.body.error.message).toBe('A category cannot be moved under one of its own descendants');
    expect(await snapshot()).toEqual(before);
  });

  it('refuses an unknown category id', async () => {
    const before = await snapshot();
    const response = await post('articles', { title: 'Perdu', category: 'doesnotexist000000000000' }).expect(400);
    expect(response.body.error.message).toMatch(/category: unknown category doesnotexist000000000000/);
    expect(await snapshot()).toEqual(before);
  });

  it('refuses a parent that exists only in another locale', async () => {
    const before = await snapshot();
    const response = await post('categories', { name: 'Japon', parent: englishOnly.documentId }).expect(400);
    expect(response.body.error.message).toMatch(/exists in en but not in fr/);
    expect(await snapshot()).toEqual(before);
  });

  it('refuses a slug a sibling already has', async () => {
    const before = await snapshot();
    const response = await post('categories', { name: 'Asie (bis)', slug: 'asie', parent: root.documentId }).expect(400);
    expect(response.body.error.message).toBe(
      `slug "asie" would give the path /blog/monde/asie, already used by category "Asie" (documentId ${child.documentId}) in locale fr`
    );
    expect(await snapshot()).toEqual(before);
    // The same slug under another parent is fine: paths differ.
    await post('categories', { name: 'Asie', parent: grandchild.documentId }).expect(201);
  });

  it('refuses an empty or blank title', async () => {
    const before = await snapshot();
    expect((await post('articles', { title: '   ' }).expect(400)).body.error.message).toBe('title must not be empty');
    expect((await post('articles', { excerpt: 'Sans titre' }).expect(400)).body.error.message).toBe('title is required');
    expect(await snapshot()).toEqual(before);
  });

  it('refuses a malformed slug, and one another article of the locale already has', async () => {
    await post('articles', { title: 'Un', slug: 'Pas Un Slug!' }).expect(400);
    await post('articles', { title: 'Premier', slug: 'premier' }).expect(201);
    const clash = await post('articles', { title: 'Second', slug: 'premier' }).expect(400);
    expect(clash.body.error.message).toMatch(/^slug "premier" would give the path \/blog\/premier, already used by article "Premier" \(documentId \w+\) in locale fr$/);
    // A generated slug steps aside instead.
    const generated = await post('articles', { title: 'Premier' }).expect(201);
    expect(generated.body.data.slug).toBe('premier-2');
  });
});
