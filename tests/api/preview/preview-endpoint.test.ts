import request from 'supertest';
import { createFullAccessToken, createUserJwt, loginAsAdminWith, loginAsSuperAdmin } from '../../helpers/agents';
import { newsroom } from '../../helpers/fixtures';
import { bootStrapi, type TestApp } from '../../helpers/strapi';

const ARTICLE = 'api::article.article';
const CATEGORY = 'api::category.category';
const DERIVED = ['breadcrumbs', 'breadcrumbText', 'path', 'attribution', 'seo', 'structuredData', 'structuredDataHtml'];

/**
 * The edit form's live preview (src/strapi/preview) asks POST /colophon/preview what a save
 * would store, before saving. Editors rely on it showing exactly what the hook then stores,
 * on it naming what would refuse Publish, and on it writing nothing; readers and scripts must
 * not reach it at all.
 */
describe('the admin preview of an edit form', () => {
  let app: TestApp;
  let admin: string;
  let world: { documentId: string; id: number };
  let wire: { documentId: string; id: number };
  let closed: { documentId: string; id: number };
  let file: { id: number };

  const preview = (jwt: string | null, body: unknown) => {
    const call = request(app.server).post('/colophon/preview');
    return (jwt ? call.set('Authorization', `Bearer ${jwt}`) : call).send(body as object);
  };
  /** The Content Manager form holds a to-one relation it changed as connect/disconnect lists. */
  const connect = (row: { id: number; documentId: string }, locale?: string) => ({
    connect: [{ id: row.id, documentId: row.documentId, ...(locale ? { locale } : {}) }],
    disconnect: [],
  });
  /** A relation picked in the edit form and not saved yet, as the form holds it. */
  const picked = (row: { id: number; documentId: string }, label: string, locale: string) => ({
    connect: [{ id: row.id, apiData: { id: row.id, documentId: row.documentId, locale, isTemporary: true }, status: 'draft', label, __temp_key__: 'a0' }],
    disconnect: [],
  });
  /** The same French article, as the edit form holds it and as code would create it. */
  const formValues = () => ({
    title: '  Le sommet de Moscou ',
    slug: '',
    excerpt: 'Ce qui s’est dit.',
    category: picked(world, 'Monde', 'fr'),
    syndication: 'default',
    cover: { id: file.id, url: '/uploads/ignored-the-form-copy.jpg' },
    coverCaption: 'La délégation à Moscou',
    credits: [
      { role: 'original', url: 'https://wire.example/moscow', source: connect(wire), title: 'Moscow summit' },
      { role: 'translation', person: 'Avic', source: { connect: [], disconnect: [] } },
      { role: 'photo', person: 'Jane Doe' },
    ],
  });
  const storedData = () => ({
    title: 'Le sommet de Moscou',
    excerpt: 'Ce qui s’est dit.',
    category: world.documentId,
    syndication: 'default',
    cover: file.id,
    coverCaption: 'La délégation à Moscou',
    credits: [
      { role: 'original', url: 'https://wire.example/moscow', source: wire.documentId, title: 'Moscow summit' },
      { role: 'translation', person: 'Avic' },
      { role: 'photo', person: 'Jane Doe' },
    ],
  });
  /** A save stamps the time it runs: only dateModified may differ between preview and save. */
  const timeless = (values: Record<string, any>) => {
    const copy = JSON.parse(JSON.stringify(values));
    for (const node of copy.structuredData?.['@graph'] ?? []) delete node.dateModified;
    if (typeof copy.structuredDataHtml === 'string') copy.structuredDataHtml = copy.structuredDataHtml.replace(/,"dateModified":"[^"]*"/, '');
    return copy;
  };
  const pick = (row: Record<string, unknown>) => Object.fromEntries(DERIVED.map((field) => [field, row[field]]));
  const counts = async () => ({
    articles: await app.strapi.db.query(ARTICLE).count({}),
    categories: await app.strapi.db.query(CATEGORY).count({}),
    sources: await app.strapi.db.query('api::source.source').count({}),
    credits: await app.strapi.db.query('editorial.credit' as any).count({}),
    redirects: await app.strapi.db.query('api::redirect.redirect').count({}),
  });

  beforeAll(async () => {
    app = await bootStrapi({ env: { PUBLIC_URL: 'https://example.org' } });
    await newsroom(app).site();
    const category = await newsroom(app).category('Monde', { slug: 'monde' });
    world = await app.strapi.db.query(CATEGORY).findOne({ where: { documentId: category.documentId, locale: 'fr' } });
    const documents = (uid: string) => app.strapi.documents(uid as any) as any;
    wire = await documents('api::source.source').create({ data: { name: 'Wire Daily', kind: 'outlet', website: 'https://wire.example', language: 'en' } });
    closed = await documents('api::source.source').create({ data: { name: 'Paywalled Daily', kind: 'outlet', allowsRepublication: false } });
    file = await app.strapi.db.query('plugin::upload.file').create({
      data: { name: 'moscou.jpg', hash: 'moscou', ext: '.jpg', mime: 'image/jpeg', size: 12.5, url: '/uploads/moscou.jpg', provider: 'local' },
    });
    admin = await loginAsSuperAdmin(app);
  });
  afterAll(async () => {
    await app?.stop();
  });

  describe('who may ask', () => {
    const body = () => ({ uid: ARTICLE, locale: 'fr', data: { title: 'Qui demande ?' } });

    it('answers 401 without credentials, and to a reader’s or a script’s credentials', async () => {
      await preview(null, body()).expect(401);
      await preview((await createUserJwt(app)).jwt, body()).expect(401);
      await preview(await createFullAccessToken(app), body()).expect(401);
    });

    it('answers 403 to an admin whose role may not read and update articles', async () => {
      const categoriesOnly = await loginAsAdminWith(app, [
        { action: 'plugin::content-manager.explorer.read', subject: CATEGORY },
        { action: 'plugin::content-manager.explorer.update', subject: CATEGORY },
      ]);
      await preview(categoriesOnly, body()).expect(403);
      const readOnly = await loginAsAdminWith(app, [{ action: 'plugin::content-manager.explorer.read', subject: ARTICLE }]);
      await preview(readOnly, body()).expect(403);
    });

    it('answers an admin whose role may read and update articles', async () => {
      const editor = await loginAsAdminWith(app, [
        { action: 'plugin::content-manager.explorer.read', subject: ARTICLE },
        { action: 'plugin::content-manager.explorer.update', subject: ARTICLE },
      ]);
      const response = await preview(editor, body()).expect(200);
      expect(response.body.data.derived.path).toBe('/blog/qui-demande');
    });
  });

  it('shows an unsaved article exactly as the hook then stores it: trail, footer, SEO, JSON-LD', async () => {
    const shown = (await preview(admin, { uid: ARTICLE, locale: 'fr', data: formValues() }).expect(200)).body.data;
    expect(shown).toMatchObject({ uid: ARTICLE, documentId: null, locale: 'fr', slug: 'le-sommet-de-moscou' });
    expect(shown.derived.path).toBe('/blog/monde/le-sommet-de-moscou');
    expect(shown.derived.breadcrumbText).toBe('Cellule44 > Blog > Monde > Le sommet de Moscou');
    expect(shown.derived.attribution.text).toContain('Traduction\u00a0: Avic');
    expect(shown.derived.attribution.html).toContain('<a href="https://wire.example/moscow" rel="nofollow noopener">');

    const created = await newsroom(app).article('Le sommet de Moscou', { data: storedData() });
    const [stored] = await newsroom(app).articleRows(created.documentId);
    expect(timeless(shown.derived)).toEqual(timeless(pick(stored)));
    expect(stored.slug).toBe(shown.slug);
    expect(shown.structuredDataSummary).toMatchObject({
      types: ['NewsArticle', 'BreadcrumbList'],
      headline: 'Le sommet de Moscou',
      inLanguage: 'fr',
      isBasedOn: 'https://wire.example/moscow',
      translator: 'Avic',
      image: 'https://example.org/uploads/moscou.jpg',
      breadcrumbItems: 4,
    });
    expect(shown.blockers).toEqual([]);
  });

  it('shows a saved article as the form holds it (unchanged relations, credit ids) exactly as a save stores it', async () => {
    const created = await newsroom(app).article('Déjà enregistré', { data: { ...storedData(), title: 'Déjà enregistré' } });
    const [stored] = await newsroom(app).articleRows(created.documentId);
    const cm = await request(app.server)
      .get(`/content-manager/collection-types/${ARTICLE}/${created.documentId}`)
      .query({ locale: 'fr' })
      .set('Authorization', `Bearer ${admin}`)
      .expect(200);
    const form = cm.body.data;
    // What the edit form holds for relations it did not touch.
    form.category = { connect: [], disconnect: [] };
    for (const credit of form.credits) credit.source = { connect: [], disconnect: [] };

    const shown = (await preview(admin, { uid: ARTICLE, documentId: created.documentId, locale: 'fr', data: form }).expect(200)).body.data;
    expect(timeless(shown.derived)).toEqual(timeless(pick(stored)));
    expect(shown.derived.attribution.text).toContain('Wire Daily');
  });

  it('keeps a published article’s first publication date, as saving its draft does', async () => {
    const created = await newsroom(app).article('Déjà publié', { published: true, data: { ...storedData(), title: 'Déjà publié' } });
    const draft = (await newsroom(app).articleRows(created.documentId)).find((row: any) => row.publishedAt === null);
    const shown = (await preview(admin, { uid: ARTICLE, documentId: created.documentId, locale: 'fr', data: { title: 'Déjà publié' } }).expect(200)).body.data;
    expect(shown.structuredDataSummary.datePublished).toEqual(expect.stringMatching(/^\d{4}-\d\d-\d\dT/));
    expect(timeless(shown.derived)).toEqual(timeless(pick(draft)));
  });

  it('names what would refuse Publish, and a credit the footer would leave out, by their field paths', async () => {
    const shown = (
      await preview(admin, {
        uid: ARTICLE,
        locale: 'fr',
        data: {
          title: 'Une traduction orpheline',
          credits: [{ role: 'translation', person: 'Avic' }, { role: 'photo' }, { role: 'original', source: connect(closed) }],
        },
      }).expect(200)
    ).body.data;
    expect(shown.blockers).toEqual([
      { action: 'save', path: ['credits', 1], message: expect.stringContaining('credits[1] (photo) says nothing') },
      { action: 'publish', path: ['credits'], message: "A translation credit needs an original credit with the original article's URL" },
      { action: 'publish', path: ['credits'], message: 'Source "Paywalled Daily" does not allow republication' },
    ]);
    // The trail is still shown: a draft may be as incomplete as the editor likes.
    expect(shown.derived.path).toBe('/blog/une-traduction-orpheline');
  });

  it.each([
    ['the body is not an object', [1, 2], ['data']],
    ['data is missing', { uid: ARTICLE }, ['data']],
    ['the type has no preview', { uid: 'api::comment.comment', data: {} }, ['uid']],
    ['the locale does not exist', { uid: ARTICLE, locale: 'xx', data: { title: 'X' } }, ['locale']],
    ['the title is blank', { uid: ARTICLE, locale: 'fr', data: { title: ' \u200b ' } }, ['title']],
    ['a credit url is not http(s)', { uid: ARTICLE, locale: 'fr', data: { title: 'X', credits: [{ role: 'author', person: 'A' }, { role: 'original', url: 'javascript:alert(1)' }] } }, ['credits', 1, 'url']],
    ['a credit names an unknown source', { uid: ARTICLE, locale: 'fr', data: { title: 'X', credits: [{ role: 'original', source: 'nope' }] } }, ['credits', 0, 'source']],
    ['the category does not exist', { uid: ARTICLE, locale: 'fr', data: { title: 'X', category: 'nope' } }, ['category']],
    ['the slug is malformed', { uid: ARTICLE, locale: 'fr', data: { title: 'X', slug: 'Not A Slug' } }, ['slug']],
  ])('answers 400 naming the field when %s', async (_case, body, path) => {
    const response = await preview(admin, body).expect(400);
    expect(response.body.error.name).toBe('ValidationError');
    expect(response.body.error.details.errors).toEqual([expect.objectContaining({ path })]);
  });

  it('writes nothing, whatever it is asked', async () => {
    const existing = await newsroom(app).article('Intact', { data: { category: world.documentId } });
    const before = await counts();
    const rowsBefore = await newsroom(app).articleRows(existing.documentId);
    await preview(admin, { uid: ARTICLE, locale: 'fr', data: formValues() }).expect(200);
    await preview(admin, { uid: ARTICLE, documentId: existing.documentId, locale: 'fr', data: { title: 'Renommé', slug: 'renomme', category: null } }).expect(200);
    await preview(admin, { uid: CATEGORY, documentId: world.documentId, locale: 'fr', data: { name: 'Renommée', slug: 'renommee' } }).expect(200);
    expect(await counts()).toEqual(before);
    expect(await newsroom(app).articleRows(existing.documentId)).toEqual(rowsBefore);
  });

  describe('a category form', () => {
    it('warns before saving a parent that is the category itself or one of its descendants', async () => {
      const top = await newsroom(app).category('Europe');
      const child = await newsroom(app).category('France', { parent: top.documentId });
      const topRow = await newsroom(app).categoryRow(top.documentId);
      const childRow = await newsroom(app).categoryRow(child.documentId);

      const itself = await preview(admin, { uid: CATEGORY, documentId: top.documentId, locale: 'fr', data: { name: 'Europe', parent: connect(topRow, 'fr') } }).expect(400);
      expect(itself.body.error.details.errors).toEqual([{ path: ['parent'], message: 'A category cannot be moved under itself', name: 'ValidationError' }]);
      const below = await preview(admin, { uid: CATEGORY, documentId: top.documentId, locale: 'fr', data: { name: 'Europe', parent: connect(childRow, 'fr') } }).expect(400);
      expect(below.body.error.details.errors).toEqual([{ path: ['parent'], message: 'A category cannot be moved under one of its own descendants', name: 'ValidationError' }]);

      const fine = await preview(admin, { uid: CATEGORY, documentId: child.documentId, locale: 'fr', data: { name: 'France', parent: connect(world, 'fr') } }).expect(200);
      expect(fine.body.data).toMatchObject({ uid: CATEGORY, locale: 'fr', slug: 'france' });
    });
  });
});
