import fc from 'fast-check';
import { isStillFresh, responseCacheKey, type ChangeKnowledge } from '../../../src/core/delivery';

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
