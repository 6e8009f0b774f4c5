import { buildNewsArticle, buildStructuredData } from '../../../src/core/structured-data';

const crumbs = [{ label: 'Cellule44', path: '/', url: 'https://example.org/' }];

describe('buildStructuredData', () => {
  it('puts the article before the breadcrumb list in one graph', () => {
    const article = buildNewsArticle({ headline: 'T', inLanguage: 'fr', attribution: { isTranslation: false } });
    const data = buildStructuredData({ article, breadcrumbs: crumbs });
    expect(data['@context']).toBe('https://schema.org');
    expect(data['@graph'].map((node) => (node as { '@type': string })['@type'])).toEqual(['NewsArticle', 'BreadcrumbList']);
  });

  it('holds only the breadcrumb list for a category page', () => {
    const data = buildStructuredData({ breadcrumbs: crumbs });
    expect(data['@graph']).toHaveLength(1);
    expect(data['@graph'][0]).toMatchObject({ '@type': 'BreadcrumbList' });
  });
});

describe('buildStructuredData without a base url', () => {
  it('leaves the BreadcrumbList out rather than give relative items', () => {
    const relative = [{ label: 'Cellule44', path: '/', url: '/' }];
    expect(buildStructuredData({ breadcrumbs: relative })['@graph']).toEqual([]);
  });
});
