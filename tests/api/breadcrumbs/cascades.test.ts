import { asPublic, graphql, createFullAccessToken, loginAsSuperAdmin } from '../../helpers/agents';
import { labels, newsroom } from '../../helpers/fixtures';
import { bootStrapi, type TestApp } from '../../helpers/strapi';

describe('cascades keep every trail correct when a category or the site changes', () => {
  let app: TestApp;
  let world: { documentId: string };
  let asia: { documentId: string };
  let korea: { documentId: string };
  let europe: { documentId: string };
  let deepArticle: { documentId: string };
  let englishArticle: { documentId: string };
  let token: string;

  const trailOf = async (documentId: string, locale = 'fr') =>
    (await newsroom(app).articleRows(documentId)).filter((row: any) => row.locale === locale).map((row: any) => row.breadcrumbText);

  beforeAll(async () => {
    app = await bootStrapi();
    token = await createFullAccessToken(app);
    const make = newsroom(app);
    await make.site();
    world = await make.category('Monde');
    await make.translateCategory(world.documentId, 'en', 'World');
    asia = await make.category('Asie', { parent: world.documentId });
    await make.translateCategory(asia.documentId, 'en', 'Asia', world.documentId);
    korea = await make.category('Corée du Nord', { parent: asia.documentId });
    await make.translateCategory(korea.documentId, 'en', 'North Korea', asia.documentId);
    europe = await make.category('Europe', { parent: world.documentId });
    deepArticle = await make.article('Pourparlers', { category: korea.documentId, published: true });
    englishArticle = await make.article('Talks', { locale: 'en', category: korea.documentId, published: true });
  });
  afterAll(async () => {
    await app?.stop();
  });

  it('renaming a category over REST updates itself, its descendants and every article below, draft and published', async () => {
    await asPublic(app)
      .put(`/api/categories/${world.documentId}`)
      .query({ locale: 'fr' })
      .set('Authorization', `Bearer ${token}`)
      .send({ data: { name: 'International' } })
      .expect(200);

    expect(await trailOf(deepArticle.documentId)).toEqual([
      'Cellule44 > Blog > International > Asie > Corée du Nord > Pourparlers',
      'Cellule44 > Blog > International > Asie > Corée du Nord > Pourparlers',
    ]);
    const descendant = await newsroom(app).categoryRow(korea.documentId);
    expect(labels(descendant.breadcrumbs)).toEqual(['Cellule44', 'Blog', 'International', 'Asie', 'Corée du Nord']);
    // The rename was French: the English trail is untouched.
    expect(await trailOf(englishArticle.documentId, 'en')).toEqual([
      'Cellule44 > Blog > World > Asia > North Korea > Talks',
      'Cellule44 > Blog > World > Asia > North Korea > Talks',
    ]);
  });

  it('changing a slug through GraphQL recomputes the paths below it', async () => {
    const result = await graphql(
      app,
      'mutation ($id: ID!) { updateCategory(documentId: $id, locale: "fr", data: { slug: "asie-pacifique" }) { path } }',
      { id: asia.documentId },
      token
    );
    expect(result.errors).toEqual([]);
    expect(result.data.updateCategory.path).toBe('/blog/monde/asie-pacifique');

    const rows = await newsroom(app).articleRows(deepArticle.documentId);
    for (const row of rows.filter((r: any) => r.locale === 'fr')) {
      expect(row.path).toBe('/blog/monde/asie-pacifique/coree-du-nord/pourparlers');
    }
  });

  it('moving a category under a new parent in the Content Manager re-files its whole subtree', async () => {
    const adminToken = await loginAsSuperAdmin(app);
    const europeRow = await newsroom(app).categoryRow(europe.documentId);
    await asPublic(app)
      .put(`/content-manager/collection-types/api::category.category/${korea.documentId}`)
      .query({ locale: 'fr' })
      .set('Authorization', `Bearer ${adminToken}`)
      .send({ parent: { connect: [{ id: europeRow.id, documentId: europe.documentId, locale: 'fr' }] } })
      .expect(200);

    expect(await trailOf(deepArticle.documentId)).toEqual([
      'Cellule44 > Blog > International > Europe > Corée du Nord > Pourparlers',
      'Cellule44 > Blog > International > Europe > Corée du Nord > Pourparlers',
    ]);
  });

  it('changing the site name, blog label, blog path or base URL over REST recomputes everything', async () => {
    await asPublic(app)
      .put('/api/site')
      .set('Authorization', `Bearer ${token}`)
      .send({ data: { name: 'Cellule 44', blogLabel: 'Journal', blogPath: '/journal', baseUrl: 'https://news.example' } })
      .expect(200);

    const rows = await newsroom(app).articleRows(deepArticle.documentId);
    for (const row of rows.filter((r: any) => r.locale === 'fr')) {
      expect(row.breadcrumbs[0]).toEqual({ label: 'Cellule 44', path: '/', url: 'https://news.example/' });
      expect(row.breadcrumbs[1]).toEqual({ label: 'Journal', path: '/journal', url: 'https://news.example/journal' });
      expect(row.path).toBe('/journal/monde/europe/coree-du-nord/pourparlers');
    }
    const english = await newsroom(app).categoryRow(asia.documentId, 'en');
    expect(english.path).toBe('/en/journal/world/asia');
    await newsroom(app).site();
  });

  it('deleting a category in the Content Manager moves its children up to its parent and unfiles its articles', async () => {
    const make = newsroom(app);
    const politics = await make.category('Politique');
    const parties = await make.category('Partis', { parent: politics.documentId });
    const filed = await make.article('Congrès', { category: politics.documentId, published: true });
    const nested = await make.article('Primaires', { category: parties.documentId, published: true });

    const adminToken = await loginAsSuperAdmin(app);
    await asPublic(app)
      .delete(`/content-manager/collection-types/api::category.category/${politics.documentId}`)
      .query({ locale: 'fr' })
      .set('Authorization', `Bearer ${adminToken}`)
      .expect(200);

    const partiesRow = await make.categoryRow(parties.documentId);
    expect(partiesRow.path).toBe('/blog/partis');
    expect(await trailOf(filed.documentId)).toEqual(['Cellule44 > Blog > Congrès', 'Cellule44 > Blog > Congrès']);
    expect(await trailOf(nested.documentId)).toEqual(['Cellule44 > Blog > Partis > Primaires', 'Cellule44 > Blog > Partis > Primaires']);
  });

  it('deleting a top-level category over REST makes its children roots', async () => {
    const make = newsroom(app);
    const sport = await make.category('Sport');
    const football = await make.category('Football', { parent: sport.documentId });
    const match = await make.article('Finale', { category: football.documentId, published: true });

    await asPublic(app)
      .delete(`/api/categories/${sport.documentId}`)
      .query({ locale: 'fr' })
      .set('Authorization', `Bearer ${token}`)
      .expect(204);
    expect((await make.categoryRow(football.documentId)).path).toBe('/blog/football');
    expect(await trailOf(match.documentId)).toEqual(['Cellule44 > Blog > Football > Finale', 'Cellule44 > Blog > Football > Finale']);
  });

  it('is all or nothing: a cascade that fails leaves the old trails and the old name, and the caller gets an error', async () => {
    const before = await trailOf(deepArticle.documentId);
    const beforeName = (await newsroom(app).categoryRow(world.documentId)).name;
    // The database refuses the article rows' new trail, after the category rows took theirs:
    // the cascade fails mid-way.
    const table = app.strapi.db.metadata.get('api::article.article' as any).tableName;
    const knex = app.strapi.db.connection;
    const postgres = app.strapi.db.dialect.client === 'postgres';
    if (postgres) {
      await knex.raw(`CREATE FUNCTION refuse_ailleurs() RETURNS trigger AS $$ BEGIN
        IF NEW.breadcrumb_text LIKE '%Ailleurs%' THEN RAISE EXCEPTION 'injected failure'; END IF; RETURN NEW; END $$ LANGUAGE plpgsql`);
      await knex.raw(`CREATE TRIGGER refuse_ailleurs BEFORE UPDATE ON "${table}" FOR EACH ROW EXECUTE FUNCTION refuse_ailleurs()`);
    } else {
      await knex.raw(`CREATE TRIGGER refuse_ailleurs BEFORE UPDATE ON "${table}"
        WHEN NEW.breadcrumb_text LIKE '%Ailleurs%' BEGIN SELECT RAISE(ABORT, 'injected failure'); END`);
    }
    try {
      const response = await asPublic(app)
        .put(`/api/categories/${world.documentId}`)
        .query({ locale: 'fr' })
        .set('Authorization', `Bearer ${token}`)
        .send({ data: { name: 'Ailleurs' } });
      expect(response.status).toBeGreaterThanOrEqual(400);
    } finally {
      await knex.raw(`DROP TRIGGER refuse_ailleurs${postgres ? ` ON "${table}"` : ''}`);
      if (postgres) await knex.raw('DROP FUNCTION refuse_ailleurs()');
    }
    expect((await newsroom(app).categoryRow(world.documentId)).name).toBe(beforeName);
    expect(await trailOf(deepArticle.documentId)).toEqual(before);
  });
});

describe('a cascade works in batches with a bounded number of queries', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await bootStrapi({ env: { CASCADE_BATCH_SIZE: '50' } });
  });
  afterAll(async () => {
    await app?.stop();
  });

  it('re-trails 300 article rows with a query count that grows with batches, not rows', async () => {
    const make = newsroom(app);
    await make.site();
    const root = await make.category('Racine');
    const leaf = await make.category('Feuille', { parent: root.documentId });
    for (let i = 0; i < 150; i += 1) await make.article(`Article ${i}`, { category: leaf.documentId, published: true });

    let queries = 0;
    const count = () => {
      queries += 1;
    };
    app.strapi.db.connection.on('query', count);
    try {
      await app.strapi.documents('api::category.category').update({ documentId: root.documentId, locale: 'fr', data: { name: 'Origine' } });
    } finally {
      app.strapi.db.connection.off('query', count);
    }

    const rows = await app.strapi.db.query('api::article.article').findMany({ where: { locale: 'fr' }, select: ['breadcrumbText'] });
    expect(rows).toHaveLength(300);
    expect(rows.every((row: any) => row.breadcrumbText.startsWith('Cellule44 > Blog > Origine > Feuille > '))).toBe(true);
    // 300 rows in batches of 50: 6 batches of a select, an update and the redirect statements,
    // plus the category update itself. One query per row would be over 300.
    expect(queries).toBeLessThan(80);
  });
});
