import { buildBreadcrumbList } from '../../../src/core/structured-data';

describe('buildBreadcrumbList', () => {
  it('numbers items from 1 and links each to its absolute url', () => {
    const list = buildBreadcrumbList([
      { label: 'Cellule44', path: '/', url: 'https://example.org/' },
      { label: 'Blog', path: '/blog', url: 'https://example.org/blog' },
    ]);
    expect(list).toEqual({
      '@type': 'BreadcrumbList',
      itemListElement: [
        { '@type': 'ListItem', position: 1, name: 'Cellule44', item: 'https://example.org/' },
        { '@type': 'ListItem', position: 2, name: 'Blog', item: 'https://example.org/blog' },
      ],
    });
  });

  it('is left out (null) when an item would be a relative url, which search engines refuse', () => {
    expect(
      buildBreadcrumbList([
        { label: 'Cellule44', path: '/', url: '/' },
        { label: 'Blog', path: '/blog', url: '/blog' },
      ])
    ).toBeNull();
  });

  it('lists one crumb once even when two crumbs share a url', () => {
    const list = buildBreadcrumbList([
      { label: 'Cellule44', path: '/', url: 'https://example.org/' },
      { label: 'Blog', path: '/', url: 'https://example.org/' },
      { label: 'A', path: '/a', url: 'https://example.org/a' },
    ]);
    expect(list?.itemListElement).toEqual([
      { '@type': 'ListItem', position: 1, name: 'Cellule44', item: 'https://example.org/' },
      { '@type': 'ListItem', position: 2, name: 'A', item: 'https://example.org/a' },
    ]);
  });
});
