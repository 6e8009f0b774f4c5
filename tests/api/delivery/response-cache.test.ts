import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { createFullAccessToken } from '../../helpers/agents';
import { databaseClient } from '../../helpers/database';
import { newsroom } from '../../helpers/fixtures';
import { startSecondInstance, type SecondInstance } from '../../helpers/instances';
import { bootStrapi, type TestApp } from '../../helpers/strapi';

/**
 * The response cache's contract: public reads are answered from it, and no read ever gets an
 * answer from before a write whose response was sent, on this instance or another, even when
 * the read began before the commit and stored its answer after.
 */
const onPostgres = databaseClient() === 'postgres' ? it : it.skip;

describe('the response cache', () => {
  let app: TestApp;
  let token: string;
  let section: any;
  let gate: Promise<void> | null = null;
  let reached: (() => void) | null = null;

  const get = (url: string) => request(app.server).get(url);
  const sectionName = (response: request.Response) => response.body.data[0]?.category?.name;

  beforeAll(async () => {
    app = await bootStrapi({
      env: { RESPONSE_CACHE: 'on' },
      // A read that has read the database and waits before it answers: the race of a response
      // cache that stores a body after the write that made it stale has committed.
      beforeRegister: (strapi) => {
        strapi.documents.use(async (context, next) => {
          const result = await next();
          if (context.action === 'findMany' && gate && JSON.stringify(context.params).includes('ralenti')) {
            reached?.();
            await gate;
          }
          return result;
        });
      },
    });
    token = await createFullAccessToken(app);
    await newsroom(app).site();
    section = await newsroom(app).category('Économie');
    await newsroom(app).article('Ralenti', { category: section.documentId, published: true });
  });
  afterAll(async () => {
    await app?.stop();
  });

  it('answers a repeated public read from the cache, identical, and says so', async () => {
    const url = '/api/articles?locale=fr&populate=category&filters[slug][$eq]=ralenti&repeat=1';
    const first = await get(url).expect(200);
    expect(first.headers['x-cache']).toBe('MISS');
    const second = await get(url).expect(200);
    expect(second.headers['x-cache']).toBe('HIT');
    expect(second.text).toBe(first.text);
    expect(second.headers.etag).toBe(first.headers.etag);
    expect(second.headers['cache-tag']).toBe(first.headers['cache-tag']);
    await get(url).set('If-None-Match', first.headers.etag).expect(304);
    const head = await request(app.server).head(url).expect(200);
    expect(head.headers['x-cache']).toBe('HIT');
  });

  it('sends on a hit the headers the full answer had: security, CORS for its Origin, powered-by', async () => {
    const comparable = (response: request.Response) => {
      const { date, 'x-cache': _cache, connection, 'keep-alive': _keepAlive, ...rest } = response.headers;
      return rest;
    };
    for (const origin of [null, 'https://front.example', 'https://autre.example']) {
      const url = `/api/resolve?path=/blog/economie/ralenti&origin=${encodeURIComponent(String(origin))}`;
      const send = () => (origin ? get(url).set('Origin', origin) : get(url));
      const first = await send().expect(200);
      expect(first.headers['x-cache']).toBe('MISS');
      for (let i = 0; i < 2; i += 1) {
        const again = await send().expect(200);
        expect(again.headers['x-cache']).toBe('HIT');
        expect(comparable(again)).toEqual(comparable(first));
        expect(again.text).toBe(first.text);
      }
      expect(first.headers['content-security-policy']).toBeTruthy();
      if (origin) expect(first.headers['access-control-allow-origin']).toBe(origin);
    }
    // An answer recorded for one Origin, asked for from another: the other's CORS headers.
    const shared = '/api/resolve?path=/blog/economie/ralenti&shared=1';
    await get(shared).set('Origin', 'https://front.example').expect(200);
    const other = await get(shared).set('Origin', 'https://autre.example').expect(200);
    expect(other.headers['x-cache']).toBe('HIT');
    expect(other.headers['access-control-allow-origin']).toBe('https://autre.example');
    const none = await get(shared).expect(200);
    expect(none.headers['x-cache']).toBe('HIT');
    expect(none.headers['access-control-allow-origin']).not.toBe('https://front.example');
  });

  it('lets every read that depends on who asks, or on drafts, pass by', async () => {
    const url = '/api/articles?locale=fr';
    await get(url).expect(200);
    expect((await get(url).set('Authorization', `Bearer ${token}`).expect(200)).headers['x-cache']).toBe('BYPASS');
    expect((await get(`${url}&status=draft`).expect(200)).headers['x-cache']).toBe('BYPASS');
    const mutation = await request(app.server).post('/graphql').send({ query: 'mutation { createComment(data: { body: "x" }) { documentId } }' });
    expect(mutation.headers['x-cache']).toBe('BYPASS');
    const query = { query: '{ articles(locale: "fr") { title } }' };
    expect((await request(app.server).post('/graphql').send(query).expect(200)).headers['x-cache']).toBe('MISS');
    expect((await request(app.server).post('/graphql').send(query).expect(200)).headers['x-cache']).toBe('HIT');
    expect((await request(app.server).post('/graphql').send({ ...query, variables: { unused: 1 } }).expect(200)).headers['x-cache']).toBe('MISS');
  });

  it('never answers from before a write that was answered', async () => {
    const url = '/api/articles?locale=fr&populate=category&filters[slug][$eq]=ralenti&never=stale';
    expect(sectionName(await get(url).expect(200))).toBe(section.name);
    expect((await get(url).expect(200)).headers['x-cache']).toBe('HIT');
    await request(app.server).put(`/api/categories/${section.documentId}?locale=fr`).set('Authorization', `Bearer ${token}`).send({ data: { name: 'Économie réelle' } }).expect(200);
    const after = await get(url).expect(200);
    expect(after.headers['x-cache']).toBe('MISS');
    expect(sectionName(after)).toBe('Économie réelle');
  });

  onPostgres('keeps answering, and never from before a write, when PostgreSQL ends the connection its check runs on', async () => {
    const url = '/api/articles?locale=fr&populate=category&filters[slug][$eq]=ralenti&dropped=1';
    await get(url).expect(200);
    expect((await get(url).expect(200)).headers['x-cache']).toBe('HIT');
    // What a restart or a failover does to an idle connection.
    const ended = await app.strapi.db.connection.raw(
      `select pg_terminate_backend(pid) as ended from pg_stat_activity where application_name = 'colophon-change-watcher' and datname = current_database()`
    );
    expect(ended.rows.length).toBeGreaterThan(0);
    await request(app.server).put(`/api/categories/${section.documentId}?locale=fr`).set('Authorization', `Bearer ${token}`).send({ data: { name: 'Économie mondiale' } }).expect(200);
    const during = await get(url).expect(200);
    expect(sectionName(during)).toBe('Économie mondiale');
    expect(during.headers['x-cache']).not.toBe('HIT');
    // A new connection for the next check: hits again, and still never stale.
    const settled = await get(url).expect(200);
    expect(sectionName(settled)).toBe('Économie mondiale');
    expect((await get(url).expect(200)).headers['x-cache']).toBe('HIT');
    await request(app.server).put(`/api/categories/${section.documentId}?locale=fr`).set('Authorization', `Bearer ${token}`).send({ data: { name: 'Économie' } }).expect(200);
    expect(sectionName(await get(url).expect(200))).toBe('Économie');
  });

  it('never keeps the answer of a read that began before a commit and ended after it', async () => {
    const url = '/api/articles?locale=fr&populate=category&filters[slug][$eq]=ralenti&slow=1';
    let release!: () => void;
    gate = new Promise<void>((resolve) => (release = resolve));
    const readHalfway = new Promise<void>((resolve) => (reached = resolve));
    const slow = get(url).then((response) => response);
    await readHalfway;
    try {
      await request(app.server).put(`/api/categories/${section.documentId}?locale=fr`).set('Authorization', `Bearer ${token}`).send({ data: { name: 'Conjoncture' } }).expect(200);
    } finally {
      release();
      gate = null;
    }
    const stale = await slow;
    expect(sectionName(stale)).not.toBe('Conjoncture');
    const next = await get(url).expect(200);
    expect(sectionName(next)).toBe('Conjoncture');
    expect(next.headers['x-cache']).toBe('MISS');
  });
});

describe('the response cache switched off', () => {
  it('answers every read from the database', async () => {
    const app = await bootStrapi({ env: { RESPONSE_CACHE: 'off' } });
    try {
      await get(app, '/api/articles?locale=fr');
      expect((await get(app, '/api/articles?locale=fr')).headers['x-cache']).toBe('BYPASS');
    } finally {
      await app.stop();
    }
  });
  const get = (app: TestApp, url: string) => request(app.server).get(url).expect(200);
});

describe('the response cache on two instances sharing one database (on SQLite, the other is a second process on the same file)', () => {
  for (const shared of [false, true]) {
    it(`never answers on one instance from before a write answered by the other (${shared ? 'Redis' : 'in memory'})`, async () => {
      const env: Record<string, string> = { RESPONSE_CACHE: 'on', ...(shared ? { REDIS_URL: 'redis://127.0.0.1:6379' } : {}) };
      const app = await bootStrapi({ env });
      await new Promise<void>((resolve) => app.server.listen(0, '127.0.0.1', resolve));
      let second: SecondInstance | undefined;
      try {
        const token = await createFullAccessToken(app);
        await newsroom(app).site();
        const section = await newsroom(app).category('Tech');
        await newsroom(app).article('Puces', { category: section.documentId, published: true });
        second = await startSecondInstance(app, 60000, env);
        const bases = [`http://127.0.0.1:${(app.server.address() as AddressInfo).port}`, second.baseUrl];
        const url = '/api/articles?locale=fr&populate=category';
        const read = async (index: number) => {
          const response = await fetch(bases[index] + url);
          return { cache: response.headers.get('x-cache'), name: ((await response.json()) as any).data[0].category.name as string };
        };
        await read(1);
        expect((await read(1)).cache).toBe('HIT');
        if (shared) expect((await read(0)).cache).toBe('HIT');
        for (const name of ['Technologie', 'Numérique', 'Tech & science']) {
          const write = await fetch(`${bases[0]}/api/categories/${section.documentId}?locale=fr`, {
            method: 'PUT',
            headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
            body: JSON.stringify({ data: { name } }),
          });
          expect(write.status).toBe(200);
          expect((await read(1)).name).toBe(name);
          expect((await read(1)).cache).toBe('HIT');
        }
      } finally {
        await second?.stop();
        await new Promise((resolve) => app.server.close(resolve));
        await app.stop();
      }
    });
  }
});

