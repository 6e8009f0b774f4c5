import { findPathCollisions, ownerKey, type PathHolder } from '../../../src/core/consistency';

const holder = (uid: string, documentId: string, path: string, firstRowId: number, locale = 'fr'): PathHolder => ({
  uid,
  documentId,
  locale,
  path,
  label: documentId,
  firstRowId,
});
const ARTICLE = 'api::article.article';
const CATEGORY = 'api::category.category';
const nothingInside = () => null;

describe('findPathCollisions', () => {
  it('counts a document once however many of its rows hold the path', () => {
    const result = findPathCollisions([holder(ARTICLE, 'a', '/blog/x', 1), holder(ARTICLE, 'a', '/blog/x', 2)], [], nothingInside);
    expect(result).toEqual({ duplicates: [], reserved: [] });
  });

  it('keeps the first one there and names every other, across types, one locale at a time', () => {
    const result = findPathCollisions(
      [holder(ARTICLE, 'late', '/blog/x', 9), holder(CATEGORY, 'early', '/blog/x', 3), holder(ARTICLE, 'late2', '/blog/x', 12), holder(ARTICLE, 'en', '/blog/x', 1, 'en')],
      [],
      nothingInside
    );
    expect(result.duplicates).toHaveLength(1);
    expect(result.duplicates[0].keeper.documentId).toBe('early');
    expect(result.duplicates[0].others.map((other) => other.documentId)).toEqual(['late', 'late2']);
  });

  it('lets the one the claims table names keep the path, whoever came first', () => {
    const claimed = holder(ARTICLE, 'claimed', '/blog/x', 50);
    const result = findPathCollisions([holder(ARTICLE, 'first', '/blog/x', 1), claimed], [], nothingInside, (locale, path) =>
      locale === 'fr' && path === '/blog/x' ? ownerKey(claimed) : undefined
    );
    expect(result.duplicates[0].keeper.documentId).toBe('claimed');
    expect(result.duplicates[0].others.map((other) => other.documentId)).toEqual(['first']);
  });

  it('reports a page on a reserved path, or inside another locale’s URL space, rather than as a duplicate', () => {
    const result = findPathCollisions(
      [holder(CATEGORY, 'home', '/en', 1), holder(ARTICLE, 'under', '/en/x', 2), holder(ARTICLE, 'fine', '/blog/y', 3)],
      [{ locale: 'fr', path: '/en', reason: 'the URL space of locale en (/en/…)' }],
      (path) => (path.startsWith('/en/') ? 'inside en' : null)
    );
    expect(result.duplicates).toEqual([]);
    expect(result.reserved.map((hit) => [hit.holder.documentId, hit.reason])).toEqual([
      ['home', 'the URL space of locale en (/en/…)'],
      ['under', 'inside en'],
    ]);
  });
});
