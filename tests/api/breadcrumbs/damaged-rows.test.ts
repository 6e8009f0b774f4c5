import { asPublic, createFullAccessToken } from '../../helpers/agents';
import { newsroom } from '../../helpers/fixtures';
import { bootStrapi, type TestApp } from '../../helpers/strapi';

/**
 * Rows written before today's guards, by hand, or by a restore can hold a cycle in the tree.
 * Such rows are reported, never fatal: the rest of the site keeps working, and a write that
 * would derive from the damaged part is refused with a 400 that says what to do.
 */
describe('a damaged category tree does not take the site down', () => {
  let app: TestApp;
  let token: string;
  let loopA: { documentId: string };
  let loopB: { documentId: string };
  let healthy: { documentId: string };
  let healthyArticle: { documentId: string };

  const send = (method: 'put' | 'post', path: string, data: Record<string, unknown>, query: Record<string, string> = {}) =>
    asPublic(app)[method](path).query(query).set('Authorization', `Bearer ${token}`).send({ data });

  beforeAll(async () => {
    app = await bootStrapi();
    token = await createFullAccessToken(app);
    const make = newsroom(app);
    await make.site();
    loopA = await make.category('Boucle A');
    loopB = await make.category('Boucle B', { parent: loopA.documentId });
    healthy = await make.category('Sain');
    healthyArticle = await make.article('Toujours là', { category: healthy.documentId, published: true });
    await make.article('Dans la boucle', { category: loopB.documentId, published: true });

    // A writes B's parent through SQL, as a restore or an old bug would: A -> B -> A.
    const link = (app.strapi.db.metadata.get('api::category.category' as any).attributes as any).parent.joinTable;
    const a = await make.categoryRow(loopA.documentId);
    const b = await make.categoryRow(loopB.documentId);
    await app.strapi.db
      .connection(link.name)
      .insert({ [link.joinColumn.name]: a.id, [link.inverseJoinColumn.name]: b.id, [link.inverseOrderColumnName]: 1 });
  });
  afterAll(async () => {
    await app?.stop();
  });

  it('a Site edit succeeds and re-derives everything it can', async () => {
    const response = await send('put', '/api/site', { name: 'Cellule 44' });
    expect(response.status).toBe(200);
    const [row] = await newsroom(app).articleRows(healthyArticle.documentId);
    expect(row.breadcrumbText).toBe('Cellule 44 > Blog > Sain > Toujours là');
  });

  it('an edit of an unrelated category succeeds', async () => {
    const response = await send('put', `/api/categories/${healthy.documentId}`, { name: 'Sain et sauf' }, { locale: 'fr' });
    expect(response.status).toBe(200);
    const [row] = await newsroom(app).articleRows(healthyArticle.documentId);
    expect(row.breadcrumbText).toBe('Cellule 44 > Blog > Sain et sauf > Toujours là');
  });

  it('filing an article in the damaged part is a 400 naming the category field, not a 500', async () => {
    const response = await send('post', '/api/articles', { title: 'Perdu', category: loopA.documentId }, { locale: 'fr' });
    expect(response.status).toBe(400);
    expect(response.body.error.details.errors[0].path).toEqual(['category']);
    expect(response.body.error.message).toMatch(/cycle/);
  });

  it('renaming a category inside the cycle is a 400 that says why, not a 500', async () => {
    const response = await send('put', `/api/categories/${loopA.documentId}`, { name: 'Boucle A2' }, { locale: 'fr' });
    expect(response.status).toBe(400);
    expect(response.body.error.message).toMatch(/cycle/);
  });

  it('moving a category of the cycle back to the root repairs the tree', async () => {
    const response = await send('put', `/api/categories/${loopA.documentId}`, { parent: null }, { locale: 'fr' });
    expect(response.status).toBe(200);
    const b = await newsroom(app).categoryRow(loopB.documentId);
    expect(b.path).toBe('/blog/boucle-a/boucle-b');
  });
});
