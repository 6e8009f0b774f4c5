import { Client } from 'pg';
import { asPublic, createFullAccessToken } from '../../helpers/agents';
import { databaseClient } from '../../helpers/database';
import { newsroom } from '../../helpers/fixtures';
import { bootStrapi, type TestApp } from '../../helpers/strapi';

// Real parallel transactions need a server that runs them in parallel: PostgreSQL. (On SQLite
// one connection runs one transaction at a time, and the store-level tests cover it.)
const onPostgres = databaseClient() === 'postgres' ? describe : describe.skip;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

onPostgres('concurrent editors on PostgreSQL: writes are ordered against the cascades they race', () => {
  let app: TestApp;
  let token: string;
  let outsider: Client;

  const api = () => asPublic(app);
  const put = (path: string, data: Record<string, unknown>, query: Record<string, string> = { locale: 'fr' }) =>
    api().put(path).query(query).set('Authorization', `Bearer ${token}`).send({ data });

  beforeAll(async () => {
    app = await bootStrapi();
    token = await createFullAccessToken(app);
    await newsroom(app).site();
    outsider = new Client({ connectionString: app.database.env.DATABASE_URL });
    await outsider.connect();
  });
  afterAll(async () => {
    await outsider?.end().catch(() => undefined);
    await app?.stop();
  });

  it('an article saved while its category is renamed ends with the new trail, whichever commits first', async () => {
    const category = await newsroom(app).category('Before Rename');
    const credits = app.strapi.db.metadata.get('editorial.credit' as any).tableName;

    // Hold the article's save after it has read the tree (it blocks inserting its credit)...
    await outsider.query('BEGIN');
    await outsider.query(`LOCK TABLE "${credits}" IN SHARE MODE`);
    const creating = api()
      .post('/api/articles')
      .query({ locale: 'fr', status: 'published' })
      .set('Authorization', `Bearer ${token}`)
      .send({ data: { title: 'Held Back', category: category.documentId, credits: [{ role: 'author', person: 'Jeanne' }] } })
      .then((response) => response);
    await sleep(400);
    // ...while an editor renames the category.
    const renaming = put(`/api/categories/${category.documentId}`, { name: 'After Rename', slug: 'after-rename' }).then((response) => response);
    await sleep(800);
    await outsider.query('COMMIT');

    const [created, renamed] = await Promise.all([creating, renaming]);
    expect(created.status).toBe(201);
    expect(renamed.status).toBe(200);
    const rows = await newsroom(app).articleRows(created.body.data.documentId);
    expect(rows).toHaveLength(2);
    for (const row of rows) {
      expect(row.path).toBe('/blog/after-rename/held-back');
      expect(row.breadcrumbText).toBe('Cellule44 > Blog > After Rename > Held Back');
    }
  });

  it('two opposite moves fired together: one is applied, the other refused, and the tree never holds a cycle', async () => {
    const x = await newsroom(app).category('Tree X');
    const y = await newsroom(app).category('Tree Y');
    const outcomes: string[] = [];
    for (let attempt = 0; attempt < 8; attempt += 1) {
      const [first, second] = await Promise.all([
        put(`/api/categories/${x.documentId}`, { parent: y.documentId }),
        put(`/api/categories/${y.documentId}`, { parent: x.documentId }),
      ]);
      outcomes.push([first.status, second.status].sort().join('+'));
      const parents = await app.strapi.db.query('api::category.category').findMany({
        where: { documentId: { $in: [x.documentId, y.documentId] }, locale: 'fr' },
        populate: { parent: { select: ['documentId'] } },
      });
      const parentOf = new Map(parents.map((row: any) => [row.documentId, row.parent?.documentId ?? null]));
      expect(parentOf.get(x.documentId) === y.documentId && parentOf.get(y.documentId) === x.documentId).toBe(false);
      // Both back to the root for the next round.
      expect((await put(`/api/categories/${x.documentId}`, { parent: null })).status).toBe(200);
      expect((await put(`/api/categories/${y.documentId}`, { parent: null })).status).toBe(200);
    }
    expect(outcomes).toEqual(Array(8).fill('200+400'));
  });

  it('a deadlock between a rename and another transaction is retried: the editor gets 200 (or 503), never 500', async () => {
    const section = await newsroom(app).category('Deadlocked');
    const article = await newsroom(app).article('Locked Row', { category: section.documentId, published: true });
    const articleTable = app.strapi.db.metadata.get('api::article.article' as any).tableName;
    const categoryTable = app.strapi.db.metadata.get('api::category.category' as any).tableName;
    const categoryRowId = (await newsroom(app).categoryRow(section.documentId)).id;

    // The outsider locks the article's rows first and the category row second; the rename
    // locks them in the opposite order. The outsider waits longer before checking for the
    // deadlock, so PostgreSQL picks the editor's transaction as the victim.
    await outsider.query('BEGIN');
    await outsider.query(`SET LOCAL deadlock_timeout = '10s'`);
    await outsider.query(`SELECT id FROM "${articleTable}" WHERE document_id = $1 FOR UPDATE`, [article.documentId]);
    const renaming = put(`/api/categories/${section.documentId}`, { name: 'Deadlocked Renamed' }).then((r) => r);
    await sleep(400);
    const outsiderUpdate = outsider.query(`UPDATE "${categoryTable}" SET description = 'touched' WHERE id = $1`, [categoryRowId]);
    await outsiderUpdate;
    await outsider.query('COMMIT');

    const renamed = await renaming;
    expect([200, 503]).toContain(renamed.status);
    if (renamed.status === 503) {
      expect(Number(renamed.headers['retry-after'])).toBeGreaterThan(0);
    } else {
      const rows = await newsroom(app).articleRows(article.documentId);
      for (const row of rows) expect(row.breadcrumbText).toBe('Cellule44 > Blog > Deadlocked Renamed > Locked Row');
    }
  });
});
