import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { Webhook } from 'standardwebhooks';
import { createFullAccessToken } from '../../helpers/agents';
import { databaseClient } from '../../helpers/database';
import { newsroom } from '../../helpers/fixtures';
import { startSecondInstance, type SecondInstance } from '../../helpers/instances';
import { bootStrapi, type TestApp } from '../../helpers/strapi';

const SECRET = `whsec_${Buffer.from('colophon-test-webhook-secret-32b').toString('base64')}`;
const onPostgres = databaseClient() === 'postgres' ? describe : describe.skip;

interface Delivery {
  headers: IncomingHttpHeaders;
  body: string;
  at: number;
  payload: { type: string; timestamp: string; data: { changes: Array<{ id: number; documents?: Array<{ documentId: string }>; tags: string[] }>; cursor: string } };
}

/** A frontend's webhook route: records every POST, and answers what the test tells it to. */
class Receiver {
  readonly deliveries: Delivery[] = [];
  answer: (delivery: Delivery) => { status: number; headers?: Record<string, string> } = () => ({ status: 200 });
  private server: Server | null = null;
  port = 0;

  async start(port = 0): Promise<string> {
    this.server = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk) => (body += chunk));
      request.on('end', () => {
        const delivery: Delivery = { headers: request.headers, body, at: Date.now(), payload: JSON.parse(body) };
        this.deliveries.push(delivery);
        const { status, headers } = this.answer(delivery);
        response.writeHead(status, headers).end();
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(port, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
    return `http://127.0.0.1:${this.port}/revalidate`;
  }
  async stop(): Promise<void> {
    await new Promise((resolve) => this.server?.close(resolve));
    this.server = null;
  }
  /** The documentIds delivered, in delivery order, once per delivery. */
  documentIds(): string[] {
    return this.deliveries.flatMap((delivery) => (delivery.payload.data.changes ?? []).flatMap((change) => (change.documents ?? []).map((document) => document.documentId)));
  }
  async waitFor(check: () => boolean, timeoutMs = 15000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!check()) {
      if (Date.now() > deadline) throw new Error(`timed out; ${this.deliveries.length} deliveries so far`);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }
}

const webhookEnv = (url: string, extra: Record<string, string> = {}) => ({
  CHANGES_WEBHOOK_URLS: url,
  CHANGES_WEBHOOK_SECRET: SECRET,
  CHANGES_WEBHOOK_POLL_MS: '50',
  CHANGES_WEBHOOK_TIMEOUT_MS: '2000',
  CHANGES_WEBHOOK_RETRY_SECONDS: '0.2',
  ...extra,
});
const publish = (app: TestApp, title: string) => newsroom(app).article(title, { published: true });
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('signed webhooks of the change log', () => {
  let app: TestApp;
  const receiver = new Receiver();

  beforeAll(async () => {
    app = await bootStrapi({ env: webhookEnv(await receiver.start()) });
    await newsroom(app).site();
  });
  afterAll(async () => {
    await app?.stop();
    await receiver.stop();
  });
  beforeEach(async () => {
    receiver.answer = () => ({ status: 200 });
    await receiver.waitFor(() => true);
    await pause(200);
    receiver.deliveries.length = 0;
  });

  it('POSTs each change signed as Standard Webhooks says; a tampered body does not verify', async () => {
    const article = await publish(app, 'Signé');
    await receiver.waitFor(() => receiver.documentIds().includes(article.documentId));
    const delivery = receiver.deliveries.find((candidate) => candidate.body.includes(article.documentId))!;
    expect(delivery.headers['content-type']).toBe('application/json');
    expect(delivery.headers['webhook-id']).toMatch(/^msg_[0-9a-f]{32}$/);
    const verified = new Webhook(SECRET).verify(delivery.body, delivery.headers as Record<string, string>) as Delivery['payload'];
    expect(verified.type).toBe('colophon.changes');
    expect(verified.data.changes[0].tags).toContain(`article:${article.documentId}`);
    expect(() => new Webhook(SECRET).verify(delivery.body.replace('colophon.changes', 'colophon.changez'), delivery.headers as Record<string, string>)).toThrow();
    expect(() => new Webhook(SECRET).verify(delivery.body.replace(article.documentId, 'x'.repeat(24)), delivery.headers as Record<string, string>)).toThrow();
  });

  it('retries a failing receiver with the same message id, in order, and delivers once more than it failed', async () => {
    let failures = 0;
    receiver.answer = (delivery) => (delivery.body.includes('/blog/obstine') && failures++ < 3 ? { status: 500 } : { status: 200 });
    const first = await publish(app, 'Obstiné');
    // The failing batch holds the first change alone.
    await receiver.waitFor(() => failures > 0);
    const second = await publish(app, 'Patient');
    await receiver.waitFor(() => receiver.documentIds().includes(second.documentId));
    await pause(500);
    const ids = receiver.documentIds();
    expect(ids.filter((id) => id === first.documentId)).toHaveLength(4);
    expect(ids.filter((id) => id === second.documentId)).toHaveLength(1);
    // Nothing after the failing change went out before it was acknowledged.
    expect(ids.indexOf(second.documentId)).toBeGreaterThan(ids.lastIndexOf(first.documentId));
    const attempts = receiver.deliveries.filter((delivery) => delivery.body.includes(first.documentId));
    expect(new Set(attempts.map((delivery) => delivery.headers['webhook-id'])).size).toBe(1);
  });

  it('waits as long as Retry-After asks', async () => {
    let refused = false;
    receiver.answer = () => (refused ? { status: 200 } : ((refused = true), { status: 429, headers: { 'Retry-After': '2' } }));
    const article = await publish(app, 'Pas si vite');
    await receiver.waitFor(() => receiver.documentIds().filter((id) => id === article.documentId).length === 2);
    const [refusal, retry] = receiver.deliveries.filter((delivery) => delivery.body.includes(article.documentId));
    expect(retry.at - refusal.at).toBeGreaterThanOrEqual(1900);
  });

  it('sends a burst of changes in a few batches, each body under 20 KB', async () => {
    receiver.answer = () => ({ status: 503 });
    await publish(app, 'Bouchon');
    await receiver.waitFor(() => receiver.deliveries.length > 0);
    const titles = Array.from({ length: 60 }, (_, index) => `Rafale ${index}`);
    const created: string[] = [];
    for (const title of titles) created.push((await publish(app, title)).documentId);
    const before = receiver.deliveries.length;
    receiver.answer = () => ({ status: 200 });
    await receiver.waitFor(() => created.every((id) => receiver.documentIds().includes(id)));
    const after = receiver.deliveries.slice(before);
    expect(after.length).toBeLessThanOrEqual(6);
    for (const delivery of after) expect(Buffer.byteLength(delivery.body)).toBeLessThan(20 * 1024);
    const order = receiver.documentIds().filter((id) => created.includes(id));
    expect(order).toEqual(created);
  });

  it('tells a receiver that was down longer than the log keeps changes to purge everything, then goes on', async () => {
    receiver.answer = () => ({ status: 503 });
    await publish(app, 'Perdu de vue');
    await receiver.waitFor(() => receiver.deliveries.length > 0);
    const knex = app.strapi.db.connection;
    await knex('colophon_changes').update({ created_at: new Date(Date.now() - 3 * 86_400_000) });
    const { pruneChanges } = require(path.join(app.strapi.dirs.dist.root, 'src/strapi/delivery/retention.js'));
    expect(await pruneChanges(app.strapi, 2)).toBeGreaterThan(0);
    const later = await publish(app, 'Après la purge');
    receiver.answer = () => ({ status: 200 });
    await receiver.waitFor(() => receiver.documentIds().includes(later.documentId));
    const lost = receiver.deliveries.find((delivery) => delivery.payload.type === 'colophon.changes.lost');
    expect(lost).toBeDefined();
    expect(() => new Webhook(SECRET).verify(lost!.body, lost!.headers as Record<string, string>)).not.toThrow();
    expect(receiver.deliveries.indexOf(lost!)).toBeLessThan(receiver.deliveries.findIndex((delivery) => delivery.body.includes(later.documentId)));
  });

  it('stops sending to a receiver that answers 410 Gone', async () => {
    receiver.answer = () => ({ status: 410 });
    await publish(app, 'Adieu');
    await receiver.waitFor(() => receiver.deliveries.length === 1);
    await publish(app, 'Plus personne');
    await pause(800);
    expect(receiver.deliveries).toHaveLength(1);
  });
});

describe('webhook delivery survives a crash', () => {
  it('delivers, after a restart, a change whose process was killed after its commit and before its delivery', async () => {
    const first = await bootStrapi();
    const token = await createFullAccessToken(first);
    await newsroom(first).site();
    const receiver = new Receiver();
    // A port nothing listens on yet: the receiver is down while the writer lives.
    const url = await receiver.start();
    const port = receiver.port;
    await receiver.stop();
    let writer: SecondInstance | undefined;
    let restarted: TestApp | undefined;
    try {
      writer = await startSecondInstance(first, 60000, webhookEnv(url, { CHANGES_WEBHOOK_RETRY_SECONDS: '0.5' }));
      const response = await fetch(`${writer.baseUrl}/api/articles?locale=fr&status=published`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ data: { title: 'Avant le crash' } }),
      });
      expect(response.status).toBe(201);
      const { documentId } = ((await response.json()) as any).data;
      await pause(300);
      await writer.kill();
      await first.stop({ keepDatabase: true });

      await receiver.start(port);
      restarted = await bootStrapi({ database: first.database, env: webhookEnv(url) });
      await receiver.waitFor(() => receiver.documentIds().includes(documentId), 20000);
      await pause(500);
      expect(receiver.documentIds().filter((id) => id === documentId)).toHaveLength(1);
    } finally {
      await writer?.kill();
      await restarted?.stop();
      await receiver.stop();
    }
  });
});

onPostgres('webhooks from two instances on one database', () => {
  it('delivers each change once per endpoint, not once per instance', async () => {
    const receiver = new Receiver();
    const url = await receiver.start();
    const app = await bootStrapi({ env: webhookEnv(url) });
    await new Promise<void>((resolve) => app.server.listen(0, '127.0.0.1', resolve));
    const token = await createFullAccessToken(app);
    await newsroom(app).site();
    const second = await startSecondInstance(app);
    try {
      const bases = [`http://127.0.0.1:${(app.server.address() as AddressInfo).port}`, second.baseUrl];
      const created = await Promise.all(
        Array.from({ length: 30 }, async (_, index) => {
          const response = await fetch(`${bases[index % 2]}/api/articles?locale=fr&status=published`, {
            method: 'POST',
            headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
            body: JSON.stringify({ data: { title: `Deux serveurs ${index}` } }),
          });
          expect(response.status).toBe(201);
          return ((await response.json()) as any).data.documentId as string;
        })
      );
      await receiver.waitFor(() => created.every((id) => receiver.documentIds().includes(id)), 20000);
      await pause(1000);
      const changeIds = receiver.deliveries.flatMap((delivery) => delivery.payload.data.changes.map((change) => change.id));
      expect(new Set(changeIds).size).toBe(changeIds.length);
      expect(receiver.documentIds().filter((id) => created.includes(id)).sort()).toEqual([...created].sort());
    } finally {
      await second.stop();
      await new Promise((resolve) => app.server.close(resolve));
      await app.stop();
      await receiver.stop();
    }
  });
});

describe('webhook settings', () => {
  it('refuses to start with endpoints and no secret, naming the setting', async () => {
    await expect(bootStrapi({ env: { CHANGES_WEBHOOK_URLS: 'http://127.0.0.1:9/x' } })).rejects.toThrow(/CHANGES_WEBHOOK_SECRET/);
    await expect(bootStrapi({ env: { CHANGES_WEBHOOK_URLS: 'http://127.0.0.1:9/x', CHANGES_WEBHOOK_SECRET: 'whsec_short' } })).rejects.toThrow(/CHANGES_WEBHOOK_SECRET/);
  });

  it('refuses an endpoint that is not an http URL, naming the setting', async () => {
    await expect(bootStrapi({ env: { CHANGES_WEBHOOK_URLS: 'ftp://example.org/x', CHANGES_WEBHOOK_SECRET: SECRET } })).rejects.toThrow(/CHANGES_WEBHOOK_URLS/);
  });
});

