import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import path from 'node:path';
import { asPublic, createFullAccessToken } from '../../helpers/agents';
import { databaseClient, PROJECT_ROOT } from '../../helpers/database';
import { newsroom } from '../../helpers/fixtures';
import { bootStrapi, type TestApp } from '../../helpers/strapi';

const ARTICLES = 2500;

/**
 * Files `count` published articles (a draft and a published row each) under `categoryId` by bulk
 * SQL, then derives them once: the document service would take minutes for this many.
 */
async function fileArticlesInBulk(app: TestApp, categoryId: number, count: number): Promise<void> {
  const { strapi } = app;
  const meta = strapi.db.metadata.get('api::article.article' as any) as any;
  const col = (attribute: string) => meta.attributes[attribute].columnName;
  const link = meta.attributes.category.joinTable;
  const knex = strapi.db.connection;
  const [{ max }] = await knex(meta.tableName).max({ max: 'id' });
  let id = Number(max ?? 0);
  const now = new Date();
  for (let start = 0; start < count; start += 200) {
    const rows = [];
    const links = [];
    for (let i = start; i < Math.min(count, start + 200); i += 1) {
      const documentId = crypto.randomBytes(12).toString('hex');
      for (const publishedAt of [null, now]) {
        id += 1;
        rows.push({
          id,
          [col('documentId')]: documentId,
          [col('title')]: `Archive ${i}`,
          [col('slug')]: `archive-${i}`,
          [col('locale')]: 'fr',
          [col('allowComments')]: true,
          [col('commentCount')]: 0,
          [col('createdAt')]: now,
          [col('updatedAt')]: now,
          [col('publishedAt')]: publishedAt,
        });
        links.push({ [link.joinColumn.name]: id, [link.inverseJoinColumn.name]: categoryId });
      }
    }
    await knex(meta.tableName).insert(rows);
    await knex(link.name).insert(links);
  }
  if (strapi.db.dialect.client === 'postgres') {
    await knex.raw(`SELECT setval(pg_get_serial_sequence(?, 'id'), ?)`, [meta.tableName, id]);
  }
  const { cascadeEverything } = require(path.join(strapi.dirs.dist.root, 'src/strapi/hook/cascade.js'));
  await strapi.db.transaction(({ trx }) => cascadeEverything(strapi, trx));
}

describe('the site stays up while a long cascade runs', () => {
  let app: TestApp;
  let token: string;
  let root: { documentId: string };

  beforeAll(async () => {
    // Small batches: many of them, so the cascade lasts long enough to read during it.
    app = await bootStrapi({ env: { CASCADE_BATCH_SIZE: '50' } });
    token = await createFullAccessToken(app);
    const make = newsroom(app);
    await make.site();
    root = await make.category('Archives', { slug: 'archives' });
    const leaf = await make.category('Années', { parent: root.documentId });
    await make.article('Lu pendant', { category: leaf.documentId, published: true });
    await fileArticlesInBulk(app, (await make.categoryRow(leaf.documentId)).id, ARTICLES);
  }, 120000);
  afterAll(async () => {
    await app?.stop();
  });

  it('answers reads of published articles during a rename of the whole archive', async () => {
    let renamedAt = 0;
    const renaming = asPublic(app)
      .put(`/api/categories/${root.documentId}`)
      .query({ locale: 'fr' })
      .set('Authorization', `Bearer ${token}`)
      .send({ data: { name: 'Archives renommées', slug: 'archives-renommees' } })
      .then((response) => {
        renamedAt = Date.now();
        return response;
      });

    const readsDuring: number[] = [];
    while (!renamedAt) {
      const response = await asPublic(app).get('/api/articles').query({ locale: 'fr', 'filters[slug][$eq]': 'lu-pendant' });
      expect(response.status).toBe(200);
      expect(response.body.data).toHaveLength(1);
      if (!renamedAt) readsDuring.push(Date.now());
    }
    expect((await renaming).status).toBe(200);
    // Several reads were answered before the rename's own answer came back.
    expect(readsDuring.length).toBeGreaterThanOrEqual(3);
    const archived = await app.strapi.db.query('api::article.article').findMany({ where: { slug: 'archive-7' } });
    expect(archived.map((row: any) => row.path)).toEqual(['/blog/archives-renommees/annees/archive-7', '/blog/archives-renommees/annees/archive-7']);
  });
});

const onSqlite = databaseClient() === 'sqlite' ? describe : describe.skip;

onSqlite('SQLite shared with another process', () => {
  let app: TestApp;
  let token: string;

  beforeAll(async () => {
    app = await bootStrapi();
    token = await createFullAccessToken(app);
    await newsroom(app).site();
  });
  afterAll(async () => {
    await app?.stop();
  });

  it('a save waits for another process holding the write lock, instead of failing', async () => {
    const category = await newsroom(app).category('Partagée');
    // A script in another process holds the write lock for 1.5 s.
    const holder = spawn(
      process.execPath,
      [
        '-e',
        `const db = new (require('better-sqlite3'))(process.argv[1]);
         db.exec('BEGIN IMMEDIATE'); process.stdout.write('LOCKED\\n');
         setTimeout(() => { db.exec('COMMIT'); db.close(); }, 1500);`,
        app.database.env.DATABASE_FILENAME,
      ],
      { cwd: PROJECT_ROOT, stdio: ['ignore', 'pipe', 'inherit'] }
    );
    // Listened for now: the save below may well outlast the holder.
    const exited = new Promise((resolve) => holder.on('exit', resolve));
    await new Promise<void>((resolve) => holder.stdout!.on('data', (chunk) => String(chunk).includes('LOCKED') && resolve()));

    const started = Date.now();
    const response = await asPublic(app)
      .post('/api/articles')
      .query({ locale: 'fr' })
      .set('Authorization', `Bearer ${token}`)
      .send({ data: { title: 'Patiente', category: category.documentId } });
    expect(response.status).toBe(201);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
    await exited;
  });
});

onSqlite('SQLite durability setting', () => {
  const synchronousOf = async (env: Record<string, string>) => {
    const app = await bootStrapi({ env });
    try {
      const [row] = await app.strapi.db.connection.raw('PRAGMA synchronous');
      return row.synchronous;
    } finally {
      await app.stop();
    }
  };

  it('commits without an fsync of the WAL on the main thread by default (NORMAL), and with one when asked (FULL)', async () => {
    // 1 is NORMAL, 2 is FULL (https://www.sqlite.org/pragma.html#pragma_synchronous).
    expect(await synchronousOf({})).toBe(1);
    expect(await synchronousOf({ DATABASE_SQLITE_SYNCHRONOUS: 'full' })).toBe(2);
  });

  it('refuses to boot with a value SQLite does not know, naming the variable', async () => {
    await expect(bootStrapi({ env: { DATABASE_SQLITE_SYNCHRONOUS: 'sometimes' } })).rejects.toThrow(/DATABASE_SQLITE_SYNCHRONOUS/);
  });
});

onSqlite('SQLite works beside the event loop', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await bootStrapi();
  });
  afterAll(async () => {
    await app?.stop();
  });

  /** The longest gap between ticks of a 10 ms timer while `work` runs, and how long it ran, in ms. */
  async function longestStallDuring(work: () => Promise<unknown>): Promise<{ stallMs: number; workMs: number }> {
    let last = performance.now();
    let longest = 0;
    const ticker = setInterval(() => {
      const now = performance.now();
      longest = Math.max(longest, now - last);
      last = now;
    }, 10);
    const started = performance.now();
    try {
      await work();
    } finally {
      clearInterval(ticker);
    }
    return { stallMs: Math.max(longest, performance.now() - last) - 10, workMs: performance.now() - started };
  }

  // A statement that keeps SQLite busy for a second or so, like a cascade's batch UPDATE or
  // the COMMIT of a transaction that wrote 200 000 rows.
  const SLOW_STATEMENT = 'WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n WHERE x < 3000000) SELECT count(*) AS c FROM n';

  it('keeps answering timers and requests while a long statement runs on the writer', async () => {
    const { strapi } = app;
    let answered = 0;
    const { stallMs, workMs } = await longestStallDuring(() =>
      strapi.db.connection.transaction(async (trx) => {
        const pending = trx.raw(SLOW_STATEMENT);
        // A public request served while the statement runs (it reads on the other connection).
        const reads = (async () => {
          for (let i = 0; i < 3; i += 1) {
            const response = await asPublic(app).get('/api/articles').query({ locale: 'fr' });
            if (response.status === 200) answered += 1;
          }
        })();
        const [rows] = await Promise.all([pending, reads]);
        expect(Number(rows[0].c)).toBe(3000000);
      })
    );
    expect(workMs).toBeGreaterThan(250);
    expect(stallMs).toBeLessThan(100);
    expect(answered).toBe(3);
  });

  it("keeps SQLite's error code on a failed statement, and rolls the transaction back", async () => {
    const { strapi } = app;
    const meta = strapi.db.metadata.get('api::source.source' as any) as any;
    const before = Number((await strapi.db.connection(meta.tableName).count({ c: '*' }))[0].c);
    const failing = strapi.db.connection.transaction(async (trx) => {
      await trx(meta.tableName).insert({ document_id: 'worker-test', name: 'Écrite puis annulée', created_at: new Date(), updated_at: new Date() });
      await trx.raw('INSERT INTO no_such_table (x) VALUES (1)');
    });
    await expect(failing).rejects.toMatchObject({ code: 'SQLITE_ERROR', message: expect.stringContaining('no such table') });
    expect(Number((await strapi.db.connection(meta.tableName).count({ c: '*' }))[0].c)).toBe(before);
  });

  it('replaces the connection when its worker thread dies, instead of failing every later query', async () => {
    const client = app.strapi.db.connection.client as any;
    const connection = await client.acquireConnection();
    await client.releaseConnection(connection);
    // What an out-of-memory abort or a crash in the driver would leave behind.
    await connection.worker.terminate();
    await expect(connection.run('SELECT 1')).rejects.toMatchObject({ code: 'SQLITE_MISUSE' });
    const response = await asPublic(app).get('/api/articles').query({ locale: 'fr' });
    expect(response.status).toBe(200);
    const [row] = await app.strapi.db.connection.raw('SELECT 41 + 1 AS answer');
    expect(row.answer).toBe(42);
  });
});
