import { buildNewsArticle, buildStructuredData, summarizeStructuredData } from '../../../src/core/structured-data';

const crumbs = [
  { label: 'Cellule44', path: '/', url: 'https://example.org/' },
  { label: 'Un titre', path: '/un-titre', url: 'https://example.org/un-titre' },
];

describe('summarizeStructuredData', () => {
  it('reads what an editor checks of a translated article: headline, dates, people, origin, crumbs', () => {
    const article = buildNewsArticle({
      headline: 'Un titre',
      url: 'https://example.org/un-titre',
      inLanguage: 'fr',
      datePublished: '2026-01-02T03:04:05.000Z',
      dateModified: '2026-01-03T03:04:05.000Z',
      attribution: {
        isTranslation: true,
        originalUrl: 'https://origin.example/story',
        translator: { name: 'Avic', kind: 'person' },
        sourceOrganization: { name: 'The Origin' },
        authors: [{ name: 'Jane Doe', kind: 'person' }],
      },
      publisher: { name: 'Cellule44', url: 'https://example.org/' },
      image: { url: 'https://example.org/uploads/cover.jpg', caption: null },
    });
    expect(summarizeStructuredData(buildStructuredData({ article, breadcrumbs: crumbs }))).toEqual({
      types: ['NewsArticle', 'BreadcrumbList'],
      headline: 'Un titre',
      inLanguage: 'fr',
      datePublished: '2026-01-02T03:04:05.000Z',
      dateModified: '2026-01-03T03:04:05.000Z',
      authors: ['Jane Doe'],
      publisher: 'Cellule44',
      image: 'https://example.org/uploads/cover.jpg',
      isBasedOn: 'https://origin.example/story',
      translator: 'Avic',
      sourceOrganization: 'The Origin',
      breadcrumbItems: 2,
    });
  });

  it('says "nothing" rather than throwing for a category graph, an empty graph or junk', () => {
    expect(summarizeStructuredData(buildStructuredData({ breadcrumbs: crumbs }))).toMatchObject({ types: ['BreadcrumbList'], headline: null, authors: [], breadcrumbItems: 2 });
    for (const junk of [null, undefined, 'x', 42, {}, { '@graph': 'no' }, { '@graph': [null, 1, 'x'] }]) {
      expect(summarizeStructuredData(junk)).toMatchObject({ types: [], headline: null, authors: [], image: null, breadcrumbItems: 0 });
    }
  });
});
