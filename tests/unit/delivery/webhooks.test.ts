import {
  batchForDelivery,
  checkWebhookSecret,
  classifyDeliveryAnswer,
  parseRetryAfter,
  parseWebhookEndpoints,
  retryDelay,
  webhookMessageId,
  type WebhookChange,
} from '../../../src/core/delivery';

const change = (id: number, paths = 1): WebhookChange => ({
  id,
  cursor: `c${id}`,
  action: 'update',
  documents: [{ uid: 'api::article.article', documentId: `d${id}`, locale: 'fr' }],
  documentCount: 1,
  tags: [`article:d${id}`],
  paths: Array.from({ length: paths }, (_, index) => ({ locale: 'fr', path: `/blog/${id}/${'x'.repeat(40)}-${index}`, change: 'updated' })),
  pathsTruncated: false,
  committedAt: '2026-12-05T00:00:00.000Z',
});
const wrap = (batch: WebhookChange[]) => JSON.stringify({ type: 'colophon.changes', data: { changes: batch } });

describe('batchForDelivery', () => {
  it('sends as many changes as fit, in order, whole', () => {
    const changes = Array.from({ length: 300 }, (_, index) => change(index + 1));
    const { batch, body } = batchForDelivery(changes, wrap, { maxBytes: 20 * 1024 });
    expect(Buffer.byteLength(body)).toBeLessThanOrEqual(20 * 1024);
    expect(batch.map((entry) => entry.id)).toEqual(changes.slice(0, batch.length).map((entry) => entry.id));
    expect(batch.every((entry) => entry.paths?.length === 1)).toBe(true);
    expect(batch.length).toBeGreaterThan(10);
    expect(batchForDelivery(changes, wrap).batch.length).toBeLessThanOrEqual(100);
  });

  it('sends a change too large alone as its tags and counts', () => {
    const { batch, body } = batchForDelivery([change(1, 1000), change(2)], wrap);
    expect(batch).toHaveLength(1);
    expect(batch[0]).toMatchObject({ id: 1, tags: ['article:d1'], pathsTruncated: true, documentCount: 1 });
    expect(batch[0].paths).toBeUndefined();
    expect(Buffer.byteLength(body)).toBeLessThan(20 * 1024);
  });

  it('never puts a large change behind others: it waits for the next delivery', () => {
    expect(batchForDelivery([change(1), change(2, 1000)], wrap).batch.map((entry) => entry.id)).toEqual([1]);
  });
});

describe('retries', () => {
  it('follow the schedule, its last entry repeating, unless Retry-After asks for longer', () => {
    expect([1, 2, 3, 9].map((failures) => retryDelay(failures, [5, 300, 1800], null))).toEqual([5000, 300000, 1800000, 1800000]);
    expect(retryDelay(1, [5], 60000)).toBe(60000);
    expect(retryDelay(2, [5, 300], 1000)).toBe(300000);
  });

  it('read Retry-After as seconds or as an HTTP date (RFC 9110 §10.2.3)', () => {
    const now = new Date('2026-12-05T10:00:00Z');
    expect(parseRetryAfter('120', now)).toBe(120000);
    expect(parseRetryAfter('Sat, 05 Dec 2026 10:01:00 GMT', now)).toBe(60000);
    expect(parseRetryAfter('Sat, 05 Dec 2026 09:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('soon', now)).toBeNull();
    expect(parseRetryAfter(null, now)).toBeNull();
  });

  it('stop for 410 only, and count every other failure', () => {
    expect([200, 204, 299].map(classifyDeliveryAnswer)).toEqual(['delivered', 'delivered', 'delivered']);
    expect(classifyDeliveryAnswer(410)).toBe('gone');
    expect([null, 301, 400, 404, 429, 500, 503].map(classifyDeliveryAnswer)).toEqual(Array(7).fill('retry'));
  });
});

describe('endpoints and message ids', () => {
  it('reads CHANGES_WEBHOOK_URLS, and names the first entry that is not an http URL', () => {
    expect(parseWebhookEndpoints(' https://front.example/api/revalidate , http://10.0.0.2:3000/hook,https://front.example/api/revalidate')).toEqual([
      'https://front.example/api/revalidate',
      'http://10.0.0.2:3000/hook',
    ]);
    expect(parseWebhookEndpoints('')).toEqual([]);
    expect(() => parseWebhookEndpoints('https://ok.example, /relative')).toThrow(/CHANGES_WEBHOOK_URLS: "\/relative"/);
    expect(() => parseWebhookEndpoints('ftp://files.example')).toThrow(/CHANGES_WEBHOOK_URLS/);
  });

  it('gives every retry of one batch to one endpoint the same id, and other batches or endpoints another', () => {
    const id = webhookMessageId('https://a.example/', 3, 9);
    expect(id).toMatch(/^msg_[0-9a-f]{32}$/);
    expect(webhookMessageId('https://a.example/', 3, 9)).toBe(id);
    expect(webhookMessageId('https://b.example/', 3, 9)).not.toBe(id);
    expect(webhookMessageId('https://a.example/', 3, 10)).not.toBe(id);
  });
});

describe('checkWebhookSecret', () => {
  const endpoints = ['https://front.example/hook'];
  it('accepts a Standard Webhooks secret, with or without its prefix, and anything without endpoints', () => {
    const secret = Buffer.alloc(32, 7).toString('base64');
    expect(() => checkWebhookSecret(endpoints, `whsec_${secret}`)).not.toThrow();
    expect(() => checkWebhookSecret(endpoints, secret)).not.toThrow();
    expect(() => checkWebhookSecret([], '')).not.toThrow();
  });

  it('refuses endpoints without a secret, and a secret too short, too long or not base64, naming the setting', () => {
    for (const secret of ['', 'whsec_short', `whsec_${Buffer.alloc(16).toString('base64')}`, `whsec_${Buffer.alloc(65).toString('base64')}`, 'whsec_not base64!']) {
      expect(() => checkWebhookSecret(endpoints, secret)).toThrow(/CHANGES_WEBHOOK_SECRET/);
    }
  });
});
