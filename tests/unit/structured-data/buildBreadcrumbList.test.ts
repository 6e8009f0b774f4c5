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
});
