import type { AddressInfo } from 'node:net';
import { createFullAccessToken } from '../../helpers/agents';
import { Client } from 'pg';
import { databaseClient, postgresAdminUrl } from '../../helpers/database';
import { newsroom } from '../../helpers/fixtures';
import { startSecondInstance, type SecondInstance } from '../../helpers/instances';
import { bootStrapi, type TestApp } from '../../helpers/strapi';

const onPostgres = databaseClient() === 'postgres' ? describe : describe.skip;
const ARTICLE = 'api::article.article';

/**
 * The feed never skips a committed change. On PostgreSQL the order in which rows are numbered
 * is not the order in which their transactions commit: a consumer that read "everything up to
 * row 12" while row 11's transaction was still open would never see row 11. These tests hold a
 * transaction open on purpose, and race writers on two app instances against a polling consumer.
 */
onPostgres('the change feed is gap-free on PostgreSQL', () => {
  let app: TestApp;
  let second: SecondInstance;
  let token: string;
  let bases: string[];

  const read = async (after: string | undefined, base = bases[0]) => {
    const url = new URL('/api/changes', base);
    if (after) url.searchParams.set('after', after);
    url.searchParams.set('limit', '1000');
    const response = await fetch(url, { headers: { Authorization: `Bearer ${token}` } });
    expect(response.status).toBe(200);
    return (await response.json()) as { data: Array<{ id: number; documents: Array<{ documentId: string }> }>; meta: { next: string } };
  };
  const end = async () => {
    let cursor: string | undefined;
    for (;;) {
      const page = await read(cursor);
      if (page.data.length === 0) return page.meta.next;
      cursor = page.meta.next;
    }
  };

  beforeAll(async () => {
    app = await bootStrapi();
    await new Promise<void>((resolve) => app.server.listen(0, '127.0.0.1', resolve));
    bases = [`http://127.0.0.1:${(app.server.address() as AddressInfo).port}`];
    token = await createFullAccessToken(app);
    await newsroom(app).site();
    second = await startSecondInstance(app);
    bases.push(second.baseUrl);
  });
  afterAll(async () => {
    await second?.stop();
    await new Promise((resolve) => app?.server.close(resolve));
    await app?.stop();
  });

  it('holds back a change committed while an older transaction is still open, then gives both in order', async () => {
    const cursor = await end();
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let written!: () => void;
    const wrote = new Promise<void>((resolve) => (written = resolve));
    const slow = app.strapi.db.transaction(async () => {
      const article = await (app.strapi.documents(ARTICLE as any) as any).create({ locale: 'fr', status: 'published', data: { title: 'Lente' } });
      written();
      await gate;
      return article;
    });
    await wrote;
    const fast = await fetch(`${bases[1]}/api/articles?locale=fr&status=published`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ data: { title: 'Rapide' } }),
    });
    expect(fast.status).toBe(201);
    const fastId = ((await fast.json()) as any).data.documentId;

    // The faster write has committed, but an older transaction could still add a change before it.
    const during = await read(cursor).finally(release);
    expect(during.data).toEqual([]);
    expect(during.meta.next).toBe(cursor);

    const slowId = (await slow).documentId;
    const after = await read(cursor);
    expect(after.data.map((change) => change.documents[0].documentId)).toEqual([slowId, fastId]);
  });

  it('is not held back by an open transaction of another database on the same server', async () => {
    // Transaction ids are shared by the whole PostgreSQL cluster: only this database's count.
    const other = new Client({ connectionString: postgresAdminUrl() });
    await other.connect();
    try {
      await other.query('begin');
      await other.query('select pg_current_xact_id()');
      const cursor = await end();
      const article = await newsroom(app).article('Pas retenue', { published: true });
      const page = await read(cursor);
      expect(page.data.map((change) => change.documents[0].documentId)).toEqual([article.documentId]);
    } finally {
      await other.query('rollback').catch(() => undefined);
      await other.end();
    }
  });

  it('misses nothing while writers on two instances commit out of order', async () => {
    const start = await end();
    const seen: string[] = [];
    const created: string[] = [];
    let cursor = start;
    let writing = true;
    let writtenAt = 0;
    const consumer = (async () => {
      // Polls, alternately on each instance, until every write is seen. An empty page does not
      // mean the feed is drained: a read that began before the last write committed, or one held
      // back by another open transaction, answers nothing yet. A change the cursor skipped never
      // comes, which the deadline turns into a failure naming it.
      for (let round = 0; ; round += 1) {
        const page = await read(cursor, bases[round % 2]);
        for (const change of page.data) seen.push(...change.documents.map((document) => document.documentId));
        cursor = page.meta.next;
        if (!writing && created.every((documentId) => seen.includes(documentId))) return;
        if (!writing && Date.now() - writtenAt > 15_000) return;
      }
    })();
    try {
      await Promise.all(
        Array.from({ length: 40 }, async (_, index) => {
          const response = await fetch(`${bases[index % 2]}/api/articles?locale=fr&status=published`, {
            method: 'POST',
            headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
            body: JSON.stringify({ data: { title: `Course ${index}` } }),
          });
          expect(response.status).toBe(201);
          created.push(((await response.json()) as any).data.documentId);
        })
      );
    } finally {
      // Also when a write failed: the consumer must end, or it would poll past the app's stop.
      writtenAt = Date.now();
      writing = false;
      await consumer.catch(() => undefined);
    }
    await consumer;
    expect(seen.filter((documentId) => created.includes(documentId)).sort()).toEqual([...created].sort());
    expect(new Set(seen).size).toBe(seen.length);
  });
});
