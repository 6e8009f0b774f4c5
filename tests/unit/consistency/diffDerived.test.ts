import { diffDerived } from '../../../src/core/consistency';

const crumbs = [
  { label: 'Cellule44', path: '/', url: 'https://example.org/' },
  { label: 'Blog', path: '/blog', url: 'https://example.org/blog' },
];

describe('diffDerived', () => {
  it('finds nothing when every expected field is stored as computed', () => {
    expect(diffDerived({ path: '/blog/a', breadcrumbs: crumbs, title: 'not derived' }, { path: '/blog/a', breadcrumbs: crumbs })).toEqual([]);
  });

  it('ignores key order, as PostgreSQL jsonb hands objects back in its own order', () => {
    const reordered = crumbs.map(({ url, path, label }) => ({ url, path, label }));
    expect(diffDerived({ breadcrumbs: reordered, seo: { robots: 'index', canonicalUrl: null } }, { breadcrumbs: crumbs, seo: { canonicalUrl: null, robots: 'index' } })).toEqual([]);
  });

  it('reads JSON that SQLite hands back as text', () => {
    expect(diffDerived({ breadcrumbs: JSON.stringify(crumbs) }, { breadcrumbs: crumbs })).toEqual([]);
    expect(diffDerived({ breadcrumbs: JSON.stringify(crumbs.slice(0, 1)) }, { breadcrumbs: crumbs })).toEqual(['breadcrumbs']);
  });

  it('reads a JSON string value stored as text', () => {
    expect(diffDerived({ note: '"hello"' }, { note: 'hello' })).toEqual([]);
  });

  it('names each field that differs, in the order expected lists them', () => {
    const stored = { path: '/blog/old', breadcrumbText: 'A > B', breadcrumbs: crumbs, seo: { robots: 'noindex' } };
    const expected = { breadcrumbs: crumbs, path: '/blog/new', seo: { robots: 'index' }, breadcrumbText: 'A > B' };
    expect(diffDerived(stored, expected)).toEqual(['path', 'seo']);
  });

  it('keeps array order significant: a trail in the wrong order is wrong', () => {
    expect(diffDerived({ breadcrumbs: [...crumbs].reverse() }, { breadcrumbs: crumbs })).toEqual(['breadcrumbs']);
  });

  it('counts a missing stored field as null, and keys holding undefined as absent', () => {
    expect(diffDerived({}, { attribution: null })).toEqual([]);
    expect(diffDerived({}, { path: '/blog/a' })).toEqual(['path']);
    expect(diffDerived({ seo: { robots: 'index' } }, { seo: { robots: 'index', canonicalUrl: undefined } })).toEqual([]);
  });

  it('does not take a near miss for a match', () => {
    expect(diffDerived({ path: '/blog/a ' }, { path: '/blog/a' })).toEqual(['path']);
    expect(diffDerived({ seo: { robots: 'index' } }, { seo: { robots: 'index', canonicalUrl: null } })).toEqual(['seo']);
    expect(diffDerived({ structuredData: '{"@graph":[]}' }, { structuredData: { '@graph': [{}] } })).toEqual(['structuredData']);
  });
});
