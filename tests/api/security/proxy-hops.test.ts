import request from 'supertest';
import { newsroom } from '../../helpers/fixtures';
import type { TestApp } from '../../helpers/strapi';
import { aComment, bootCommentsApp, publishedArticle } from '../comments/support';

/**
 * Behind a proxy that appends the client's address to X-Forwarded-For, whatever the client
 * wrote there itself stays on the left. Only the entries the configured proxies added are
 * trusted, so rotating the left-hand entry does not rotate past the flood rule.
 */
describe('the client IP behind a proxy', () => {
  let app: TestApp;
  let article: { documentId: string };

  const post = (forwardedFor: string) =>
    request(app.server).post('/api/comments').set('X-Forwarded-For', forwardedFor).send({ data: aComment(article.documentId) });

  beforeAll(async () => {
    app = await bootCommentsApp();
    await newsroom(app).site();
    article = await publishedArticle(app, 'Proxy');
  });
  afterAll(async () => {
    await app?.stop();
  });

  it('is the entry the proxy appended, not one the client forged before it', async () => {
    expect((await post('203.0.113.1, 198.51.100.77')).status).toBe(201);
    // Same client behind the same proxy, a new forged entry: still flood-controlled.
    const second = await post('203.0.113.2, 198.51.100.77');
    expect(second.status).toBe(429);
    expect(Number(second.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('tells apart two real clients behind the proxy', async () => {
    expect((await post('203.0.113.9, 198.51.100.78')).status).toBe(201);
    expect((await post('203.0.113.9, 198.51.100.79')).status).toBe(201);
  });
});
