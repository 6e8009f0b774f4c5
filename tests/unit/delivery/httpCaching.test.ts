import { cachePolicy, entityTag, matchesIfNoneMatch, tagHeaders, type CacheableExchange } from '../../../src/core/delivery';

const read: CacheableExchange = { method: 'GET', path: '/api/articles', hasCredentials: false, asksForDrafts: false, status: 200, contentType: 'application/json; charset=utf-8' };

describe('cachePolicy', () => {
  it('lets shared caches keep public REST reads and GraphQL queries', () => {
    expect(cachePolicy(read)).toBe('public');
    expect(cachePolicy({ ...read, method: 'HEAD' })).toBe('public');
    expect(cachePolicy({ ...read, method: 'POST', path: '/graphql', graphqlQuery: true })).toBe('public');
    expect(cachePolicy({ ...read, path: '/graphql', graphqlQuery: true, contentType: 'application/graphql-response+json' })).toBe('public');
    for (const contentType of ['application/xml; charset=utf-8', 'application/rss+xml', 'application/atom+xml', 'application/feed+json']) {
      expect(cachePolicy({ ...read, path: '/api/sitemap/index.xml', contentType })).toBe('public');
    }
  });

  it('keeps every answer that depends on who asks, on drafts, or failed out of every cache', () => {
    expect(cachePolicy({ ...read, hasCredentials: true })).toBe('private');
    expect(cachePolicy({ ...read, asksForDrafts: true })).toBe('private');
    for (const status of [201, 204, 301, 304, 400, 401, 403, 404, 429, 500, 503]) expect(cachePolicy({ ...read, status })).toBe('private');
    expect(cachePolicy({ ...read, contentType: 'text/html' })).toBe('private');
    expect(cachePolicy({ ...read, method: 'POST', path: '/graphql', graphqlQuery: false })).toBe('private');
    expect(cachePolicy({ ...read, path: '/graphql' })).toBe('private');
    for (const path of ['/api/changes', '/api/changes/4/paths', '/api/users/me', '/api/auth/local', '/api/connect/github', '/api/comment-notifications/confirm']) expect(cachePolicy({ ...read, path })).toBe('private');
  });

  it('leaves writes and everything outside the content API alone', () => {
    for (const method of ['POST', 'PUT', 'DELETE', 'PATCH']) expect(cachePolicy({ ...read, method })).toBe('none');
    for (const path of ['/admin', '/uploads/a.jpg', '/preview/articles/x', '/apix']) expect(cachePolicy({ ...read, path })).toBe('none');
  });
});

describe('entity tags', () => {
  it('are weak, opaque and change with the body', () => {
    expect(entityTag('{"a":1}')).toMatch(/^W\/"[A-Za-z0-9_-]{27}"$/);
    expect(entityTag('{"a":1}')).toBe(entityTag(Buffer.from('{"a":1}')));
    expect(entityTag('{"a":1}')).not.toBe(entityTag('{"a":2}'));
  });

  it('match If-None-Match by weak comparison (RFC 9110 §13.1.2)', () => {
    const etag = entityTag('x');
    expect(matchesIfNoneMatch(etag, etag)).toBe(true);
    expect(matchesIfNoneMatch(etag.replace('W/', ''), etag)).toBe(true);
    expect(matchesIfNoneMatch(`"a", ${etag} , "b"`, etag)).toBe(true);
    expect(matchesIfNoneMatch('*', etag)).toBe(true);
    expect(matchesIfNoneMatch('"a"', etag)).toBe(false);
    expect(matchesIfNoneMatch(undefined, etag)).toBe(false);
  });
});

describe('tagHeaders', () => {
  it('joins tags with commas for Cache-Tag and spaces for Surrogate-Key', () => {
    expect(tagHeaders(['article:a', 'site'])).toEqual({ 'Cache-Tag': 'article:a,site', 'Surrogate-Key': 'article:a site' });
  });
});
