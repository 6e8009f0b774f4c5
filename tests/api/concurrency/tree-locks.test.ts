import { Client } from 'pg';
import { asPublic, createFullAccessToken } from '../../helpers/agents';
import { databaseClient } from '../../helpers/database';
import { newsroom } from '../../helpers/fixtures';
import { bootStrapi, type TestApp } from '../../helpers/strapi';
import { CATEGORY_TREE_LOCK_CLASS, ROOT_LEVEL_LOCK_KEY } from '../../../src/strapi/database/locks';

// Locks that let unrelated saves run in parallel only mean something where saves do run in
// parallel: PostgreSQL. (SQLite has one writer; MySQL keeps the single lock.)
const onPostgres = databaseClient() === 'postgres' ? describe : describe.skip;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Resolves to 'pending' if `promise` has not settled within `ms`. */
const settledWithin = <T>(promise: Promise<T>, ms: number): Promise<T | 'pending'> =>
  Promise.race([promise, sleep(ms).then(() => 'pending' as const)]);

/**
 * A rename of one section of the category forest is a cascade over every article below it.
 * Saves of articles in that section must wait for it (or they would derive from the old
 * names); saves anywhere else must not, or a newsroom's every editor waits for one section's
 * rename (20-28 s at 100 000 articles). An outside connection holds the lock of one tree, as
 * a long cascade there would, and the test watches who waits.
 */
onPostgres('category trees are locked one by one on PostgreSQL: a cascade holds up its own tree only', () => {
  let app: TestApp;
  let token: string;
  let outsider: Client;
  let world: any;
  let sport: any;
  let worldRow: number;

  const save = (documentId: string, data: Record<string, unknown>) =>
    asPublic(app)
      .put(`/api/articles/${documentId}`)
      .query({ locale: 'fr', status: 'draft' })
      .set('Authorization', `Bearer ${token}`)
      .send({ data })
      .then((response) => response);

  /** Holds the advisory lock of one tree (or of the root level) until release() is called. */
  const holdTree = async (key: number) => {
    await outsider.query('SELECT pg_advisory_lock($1, $2)', [CATEGORY_TREE_LOCK_CLASS, key]);
    return { release: () => outsider.query('SELECT pg_advisory_unlock($1, $2)', [CATEGORY_TREE_LOCK_CLASS, key]) };
  };

  beforeAll(async () => {
    app = await bootStrapi();
    token = await createFullAccessToken(app);
    await newsroom(app).site();
    world = await newsroom(app).category('Monde');
    sport = await newsroom(app).category('Sport');
    worldRow = (await newsroom(app).categoryRow(world.documentId)).id;
    outsider = new Client({ connectionString: app.database.env.DATABASE_URL });
    await outsider.connect();
  });
  afterAll(async () => {
    await outsider?.end().catch(() => undefined);
    await app?.stop();
  });

  it('a save in another tree goes on while one tree is locked; a save in the locked tree waits for it', async () => {
    const europe = await newsroom(app).category('Europe', { parent: world.documentId });
    const inWorld = await newsroom(app).article('Dans le monde', { category: europe.documentId });
    const inSport = await newsroom(app).article('Dans le sport', { category: sport.documentId });

    const held = await holdTree(worldRow);
    const outside = await settledWithin(save(inSport.documentId, { title: 'Sport, saved during' }), 10_000);
    const inside = save(inWorld.documentId, { title: 'Monde, saved during' });
    const insideEarly = await settledWithin(inside, 1_000);
    await held.release();

    expect(outside).not.toBe('pending');
    expect((outside as any).status).toBe(200);
    expect(insideEarly).toBe('pending');
    expect((await inside).status).toBe(200);
  });

  it('moving an article into a locked tree waits for that tree too', async () => {
    const inSport = await newsroom(app).article('Transfert', { category: sport.documentId });
    const held = await holdTree(worldRow);
    const moving = save(inSport.documentId, { category: world.documentId });
    const early = await settledWithin(moving, 1_000);
    await held.release();
    expect(early).toBe('pending');
    const moved = await moving;
    expect(moved.status).toBe(200);
    const rows = await newsroom(app).articleRows(inSport.documentId);
    expect(rows.map((row: any) => row.path)).toEqual(['/blog/monde/transfert']);
  });

  it('the root level is a tree of its own: an article without a category waits for it, one in a section does not', async () => {
    const loose = await newsroom(app).article('Sans rubrique');
    const filed = await newsroom(app).article('Avec rubrique', { category: sport.documentId });
    const held = await holdTree(ROOT_LEVEL_LOCK_KEY);
    const filedSave = await settledWithin(save(filed.documentId, { title: 'Avec rubrique, pendant' }), 10_000);
    const looseSave = save(loose.documentId, { title: 'Sans rubrique, pendant' });
    const looseEarly = await settledWithin(looseSave, 1_000);
    await held.release();
    expect(filedSave).not.toBe('pending');
    expect((filedSave as any).status).toBe(200);
    expect(looseEarly).toBe('pending');
    expect((await looseSave).status).toBe(200);
  });

  it('a rename of a category waits for the saves of its tree that hold it, and never for another tree', async () => {
    const europe = await newsroom(app).category('Europe 2', { parent: world.documentId });
    const held = await holdTree(worldRow);
    const sportRename = await settledWithin(
      asPublic(app).put(`/api/categories/${sport.documentId}`).query({ locale: 'fr' }).set('Authorization', `Bearer ${token}`).send({ data: { name: 'Sports' } }).then((r) => r),
      10_000
    );
    const europeRename = asPublic(app)
      .put(`/api/categories/${europe.documentId}`)
      .query({ locale: 'fr' })
      .set('Authorization', `Bearer ${token}`)
      .send({ data: { name: 'Europe renommée' } })
      .then((r) => r);
    const europeEarly = await settledWithin(europeRename, 1_000);
    await held.release();
    expect((sportRename as any).status).toBe(200);
    expect(europeEarly).toBe('pending');
    expect((await europeRename).status).toBe(200);
  });

  it('opposite moves of two categories in different trees, fired together: one applied, one refused, no cycle', async () => {
    const treeA = await newsroom(app).category('Arbre A');
    const treeB = await newsroom(app).category('Arbre B');
    const x = await newsroom(app).category('X sous A', { parent: treeA.documentId });
    const y = await newsroom(app).category('Y sous B', { parent: treeB.documentId });
    const move = (documentId: string, parent: string) =>
      asPublic(app).put(`/api/categories/${documentId}`).query({ locale: 'fr' }).set('Authorization', `Bearer ${token}`).send({ data: { parent } });
    const outcomes: string[] = [];
    for (let attempt = 0; attempt < 6; attempt += 1) {
      const [first, second] = await Promise.all([move(x.documentId, y.documentId), move(y.documentId, x.documentId)]);
      outcomes.push([first.status, second.status].sort().join('+'));
      const rows = await app.strapi.db.query('api::category.category').findMany({
        where: { documentId: { $in: [x.documentId, y.documentId] }, locale: 'fr' },
        populate: { parent: { select: ['documentId'] } },
      });
      const parentOf = new Map(rows.map((row: any) => [row.documentId, row.parent?.documentId ?? null]));
      expect(parentOf.get(x.documentId) === y.documentId && parentOf.get(y.documentId) === x.documentId).toBe(false);
      expect((await move(x.documentId, treeA.documentId)).status).toBe(200);
      expect((await move(y.documentId, treeB.documentId)).status).toBe(200);
    }
    expect(outcomes).toEqual(Array(6).fill('200+400'));
  });
});
