import { buildNewsArticle, type NewsArticleInput } from '../../../src/core/structured-data';

const translated: NewsArticleInput = {
  headline: 'Derrière les portes closes',
  url: 'https://example.org/blog/coree-du-nord/derriere-les-portes-closes',
  inLanguage: 'fr',
  datePublished: new Date('2017-09-30T08:00:00Z'),
  dateModified: '2017-09-30T09:00:00.000Z',
  description: 'Un haut diplomate nord-coréen arrive à Moscou.',
  attribution: {
    originalUrl: 'https://www.rt.com/news/405007-north-korea-russia-meeting/',
    isTranslation: true,
    originalLanguage: 'en',
    translator: { name: 'Avic', kind: 'person' },
    sourceOrganization: { name: 'RT', url: 'https://www.rt.com' },
    creditText: 'Source: https://www.rt.com/news/405007-north-korea-russia-meeting/',
    copyrightNotice: 'All rights reserved',
    license: 'https://creativecommons.org/licenses/by/4.0/',
  },
};

describe('buildNewsArticle', () => {
  it('describes a translated, republished article', () => {
    expect(buildNewsArticle(translated)).toEqual({
      '@type': 'NewsArticle',
      headline: 'Derrière les portes closes',
      url: 'https://example.org/blog/coree-du-nord/derriere-les-portes-closes',
      inLanguage: 'fr',
      datePublished: '2017-09-30T08:00:00.000Z',
      dateModified: '2017-09-30T09:00:00.000Z',
      description: 'Un haut diplomate nord-coréen arrive à Moscou.',
      isBasedOn: 'https://www.rt.com/news/405007-north-korea-russia-meeting/',
      translationOfWork: {
        '@type': 'CreativeWork',
        '@id': 'https://www.rt.com/news/405007-north-korea-russia-meeting/',
        url: 'https://www.rt.com/news/405007-north-korea-russia-meeting/',
        inLanguage: 'en',
      },
      translator: { '@type': 'Person', name: 'Avic' },
      sourceOrganization: { '@type': 'Organization', name: 'RT', url: 'https://www.rt.com' },
      creditText: 'Source: https://www.rt.com/news/405007-north-korea-russia-meeting/',
      copyrightNotice: 'All rights reserved',
      license: 'https://creativecommons.org/licenses/by/4.0/',
    });
  });

  it('claims no translation for a plain republication', () => {
    const node = buildNewsArticle({
      ...translated,
      attribution: { originalUrl: 'https://www.rt.com/x', isTranslation: false, originalLanguage: 'en' },
    });
    expect(node.isBasedOn).toBe('https://www.rt.com/x');
    expect(node).not.toHaveProperty('translationOfWork');
    expect(node).not.toHaveProperty('translator');
  });

  it('emits an Organization translator', () => {
    const node = buildNewsArticle({
      ...translated,
      attribution: { isTranslation: true, translator: { name: 'Réseau International', kind: 'organization', url: 'https://reseauinternational.net' } },
    });
    expect(node.translator).toEqual({ '@type': 'Organization', name: 'Réseau International', url: 'https://reseauinternational.net' });
  });

  it('wraps a licence given by name in a CreativeWork', () => {
    const node = buildNewsArticle({ ...translated, attribution: { isTranslation: false, license: 'CC BY 4.0' } });
    expect(node.license).toEqual({ '@type': 'CreativeWork', name: 'CC BY 4.0' });
  });

  it('leaves out every key without a value instead of emitting null or ""', () => {
    const node = buildNewsArticle({
      headline: 'Titre',
      url: null,
      inLanguage: 'fr',
      datePublished: null,
      dateModified: new Date('not a date'),
      description: '',
      attribution: { isTranslation: false, creditText: '', license: '' },
    });
    expect(node).toEqual({ '@type': 'NewsArticle', headline: 'Titre', inLanguage: 'fr' });
    expect(JSON.stringify(node)).not.toMatch(/null|""/);
  });
});
