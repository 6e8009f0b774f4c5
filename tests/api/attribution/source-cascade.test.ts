import { asPublic, createFullAccessToken, graphql, loginAsSuperAdmin } from '../../helpers/agents';
import { newsroom } from '../../helpers/fixtures';
import { bootStrapi, type TestApp } from '../../helpers/strapi';

describe('a Source change reaches every article that credits it', () => {
  let app: TestApp;
  let token: string;
  let source: { documentId: string };
  let crediting: { documentId: string };
  let bystander: { documentId: string };

  const footers = async (documentId: string) =>
    (await newsroom(app).articleRows(documentId)).map((row: any) => row.attribution.text);

  beforeAll(async () => {
    app = await bootStrapi();
    token = await createFullAccessToken(app);
    await newsroom(app).site();
    source = await app.strapi.documents('api::source.source').create({
      data: { name: 'Réseau International', kind: 'outlet', website: 'https://reseauinternational.net' } as any,
    });
    const other = await app.strapi.documents('api::source.source').create({ data: { name: 'AFP', kind: 'agency' } as any });
    crediting = await newsroom(app).article('Traduit', {
      published: true,
      data: {
        credits: [
          { role: 'original', url: 'https://example.com/original' },
          { role: 'translation', person: 'Avic', source: source.documentId },
        ],
      },
    });
    bystander = await newsroom(app).article('Dépêche', { published: true, data: { credits: [{ role: 'via', source: other.documentId }] } });
  });
  afterAll(async () => {
    await app?.stop();
  });

  it('renaming a source over REST recomputes the footers crediting it, draft and published', async () => {
    const bystanderBefore = await footers(bystander.documentId);
    await asPublic(app)
      .put(`/api/sources/${source.documentId}`)
      .set('Authorization', `Bearer ${token}`)
      .send({ data: { name: 'Réseau Intl.' } })
      .expect(200);

    const texts = await footers(crediting.documentId);
    expect(texts).toHaveLength(2);
    for (const text of texts) expect(text).toContain('Traduction\u00a0: Avic\u00a0– Réseau Intl.');
    expect(await footers(bystander.documentId)).toEqual(bystanderBefore);
  });

  it('follows a website change made through GraphQL and one made in the Content Manager', async () => {
    const result = await graphql(
      app,
      'mutation ($id: ID!) { updateSource(documentId: $id, data: { website: "https://ri.example" }) { website } }',
      { id: source.documentId },
      token
    );
    expect(result.errors).toEqual([]);
    let [row] = await newsroom(app).articleRows(crediting.documentId);
    expect(row.attribution.lines.find((l: { role: string }) => l.role === 'translation').url).toBe('https://ri.example');

    const adminToken = await loginAsSuperAdmin(app);
    await asPublic(app)
      .put(`/content-manager/collection-types/api::source.source/${source.documentId}`)
      .set('Authorization', `Bearer ${adminToken}`)
      .send({ name: 'RI' })
      .expect(200);
    [row] = await newsroom(app).articleRows(crediting.documentId);
    expect(row.attribution.text).toContain('Avic\u00a0– RI');
  });

  it('refuses to delete a source that articles credit, with 409 and how many', async () => {
    const response = await asPublic(app)
      .delete(`/api/sources/${source.documentId}`)
      .set('Authorization', `Bearer ${token}`)
      .expect(409);
    expect(response.body.error.message).toMatch(/credited by 1 article/);
    expect(response.body.error.details).toEqual({ creditedBy: 1 });
    expect(await app.strapi.db.query('api::source.source').count({ where: { documentId: source.documentId } })).toBe(1);
  });

  it('deletes it when forced, and the credits keep their text', async () => {
    const before = await footers(crediting.documentId);
    await asPublic(app)
      .delete(`/api/sources/${source.documentId}`)
      .query({ force: 'true' })
      .set('Authorization', `Bearer ${token}`)
      .expect(204);

    expect(await app.strapi.db.query('api::source.source').count({ where: { documentId: source.documentId } })).toBe(0);
    expect(await footers(crediting.documentId)).toEqual(before);
    const article = await asPublic(app).get(`/api/articles/${crediting.documentId}`).query({ locale: 'fr', populate: { credits: { populate: '*' } } }).expect(200);
    expect(article.body.data.credits[1]).toMatchObject({ role: 'translation', person: 'Avic', source: null, sourceName: 'RI' });
  });
});
