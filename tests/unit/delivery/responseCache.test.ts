import fc from 'fast-check';
import { canReplay, isStillFresh, replayableHeaders, responseCacheKey, type ChangeKnowledge } from '../../../src/core/delivery';

const knowing = (knownSince: number, changes: Array<[position: number, tags: string[]]>): ChangeKnowledge => ({
  knownSince,
  latest: (tag) => {
    const positions = changes.filter(([, tags]) => tags.includes(tag)).map(([position]) => position);
    return positions.length > 0 ? Math.max(...positions) : undefined;
  },
});

describe('isStillFresh', () => {
  it('serves an answer no later change names', () => {
    expect(isStillFresh({ basis: 10, tags: ['article:a', 'site'] }, knowing(5, [[7, ['article:a']], [12, ['article:b']]]))).toBe(true);
  });

  it('refuses an answer a change at or after its basis names, even one numbered before it committed', () => {
    expect(isStillFresh({ basis: 10, tags: ['article:a', 'site'] }, knowing(5, [[10, ['site']]]))).toBe(false);
    expect(isStillFresh({ basis: 10, tags: ['article:a'] }, knowing(5, [[11, ['article:a']]]))).toBe(false);
  });

  it('refuses an answer older than what the instance knows', () => {
    expect(isStillFresh({ basis: 4, tags: ['article:a'] }, knowing(5, []))).toBe(false);
  });

  it('never serves an answer that a change committed after its basis made stale (property)', () => {
    // Changes at positions >= basis committed after the answer was read; the answer is stale iff one names its tags.
    const tag = fc.constantFrom('article:a', 'article:b', 'category:c', 'site', 'list:api::article.article');
    fc.assert(
      fc.property(fc.nat(100), fc.array(tag, { minLength: 1, maxLength: 3 }), fc.array(fc.tuple(fc.nat(200), fc.array(tag, { maxLength: 3 }))), (basis, tags, changes) => {
        const stale = changes.some(([position, named]) => position >= basis && named.some((name) => tags.includes(name)));
        if (stale) expect(isStillFresh({ basis, tags }, knowing(0, changes))).toBe(false);
      })
    );
  });
});

describe('responseCacheKey', () => {
  it('keys on the whole request, HEAD reading as GET', () => {
    expect(responseCacheKey({ method: 'HEAD', url: '/api/articles?locale=fr' })).toBe(responseCacheKey({ method: 'GET', url: '/api/articles?locale=fr' }));
    expect(responseCacheKey({ method: 'GET', url: '/api/articles?locale=fr' })).not.toBe(responseCacheKey({ method: 'GET', url: '/api/articles?locale=en' }));
    const query = '{ articles { title } }';
    expect(responseCacheKey({ method: 'POST', url: '/graphql', graphql: { query } })).not.toBe(
      responseCacheKey({ method: 'POST', url: '/graphql', graphql: { query, variables: { a: 1 } } })
    );
    expect(responseCacheKey({ method: 'POST', url: '/graphql', graphql: { query } })).not.toBe(responseCacheKey({ method: 'POST', url: '/graphql', graphql: { query, operationName: 'X' } }));
  });
});

describe('replayableHeaders', () => {
  it('keeps what the inner middlewares wrote and drops what each transfer or the caching layer writes', () => {
    const recorded = replayableHeaders({
      'Content-Security-Policy': "default-src 'self'",
      'Strict-Transport-Security': 'max-age=31536000; includeSubDomains',
      'access-control-allow-origin': 'https://front.example',
      vary: 'Origin',
      'x-powered-by': 'Strapi <strapi.io>',
      'content-type': 'application/json; charset=utf-8',
      'content-length': 120,
      date: 'Sat, 05 Dec 2026 10:00:00 GMT',
      etag: 'W/"abc"',
      'cache-control': 'public, s-maxage=60',
      'cache-tag': 'site',
      'surrogate-key': 'site',
      'x-cache': 'MISS',
      'x-missing': undefined,
    });
    expect(recorded).toEqual({
      'content-security-policy': "default-src 'self'",
      'strict-transport-security': 'max-age=31536000; includeSubDomains',
      'access-control-allow-origin': 'https://front.example',
      vary: 'Origin',
      'x-powered-by': 'Strapi <strapi.io>',
    });
  });

  it('refuses an answer that sets a cookie', () => {
    expect(replayableHeaders({ 'Set-Cookie': ['a=1'], vary: 'Origin' })).toBeNull();
  });
});

describe('canReplay', () => {
  const recorded = { headers: { vary: 'Origin' }, origin: 'https://front.example' };
  it('replays to a public GET or HEAD from the same Origin only', () => {
    expect(canReplay(recorded, { method: 'GET', origin: 'https://front.example', hasCredentials: false })).toBe(true);
    expect(canReplay(recorded, { method: 'HEAD', origin: 'https://front.example', hasCredentials: false })).toBe(true);
    expect(canReplay(recorded, { method: 'GET', origin: 'https://other.example', hasCredentials: false })).toBe(false);
    expect(canReplay(recorded, { method: 'GET', origin: null, hasCredentials: false })).toBe(false);
    expect(canReplay({ headers: {}, origin: null }, { method: 'GET', origin: null, hasCredentials: false })).toBe(true);
  });
  it('never replays with credentials, to a POST, or without a recording', () => {
    expect(canReplay(recorded, { method: 'GET', origin: 'https://front.example', hasCredentials: true })).toBe(false);
    expect(canReplay(recorded, { method: 'POST', origin: 'https://front.example', hasCredentials: false })).toBe(false);
    expect(canReplay({ origin: null }, { method: 'GET', origin: null, hasCredentials: false })).toBe(false);
    expect(canReplay({ headers: null, origin: null }, { method: 'GET', origin: null, hasCredentials: false })).toBe(false);
  });
});
