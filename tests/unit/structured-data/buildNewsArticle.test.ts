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

describe('buildNewsArticle: author, publisher and image', () => {
  const publisher = { name: 'Cellule44', url: 'https://example.org', logo: 'https://example.org/logo.png' };

  it('names the authors as Persons, with their profile URL', () => {
    const node = buildNewsArticle({
      ...translated,
      publisher,
      attribution: { isTranslation: false, authors: [{ name: 'Jeanne Martin', kind: 'person', url: 'https://example.org/jeanne' }, { name: 'Paul Durand', kind: 'person' }] },
    });
    expect(node.author).toEqual([
      { '@type': 'Person', name: 'Jeanne Martin', url: 'https://example.org/jeanne' },
      { '@type': 'Person', name: 'Paul Durand' },
    ]);
  });

  it('names an Organization author when no person is credited', () => {
    const node = buildNewsArticle({ ...translated, attribution: { isTranslation: false, authors: [{ name: 'RT', kind: 'organization', url: 'https://www.rt.com' }] } });
    expect(node.author).toEqual([{ '@type': 'Organization', name: 'RT', url: 'https://www.rt.com' }]);
  });

  it('credits the publisher as author of an own article without author credits', () => {
    const node = buildNewsArticle({ ...translated, publisher, attribution: { isTranslation: false } });
    expect(node.author).toEqual([{ '@type': 'Organization', name: 'Cellule44', url: 'https://example.org' }]);
  });

  it('does not make the publisher the author of somebody else’s work', () => {
    const node = buildNewsArticle({ ...translated, publisher, attribution: { isTranslation: false, originalUrl: 'https://www.rt.com/x' } });
    expect(node).not.toHaveProperty('author');
  });

  it('describes the publisher as an Organization with its logo', () => {
    const node = buildNewsArticle({ ...translated, publisher });
    expect(node.publisher).toEqual({
      '@type': 'Organization',
      name: 'Cellule44',
      url: 'https://example.org',
      logo: { '@type': 'ImageObject', url: 'https://example.org/logo.png' },
    });
  });

  it('describes the cover as an ImageObject with the photo credit’s licence details', () => {
    const node = buildNewsArticle({
      ...translated,
      image: { url: 'https://cdn.example.org/cover.jpg', caption: 'Délégation à Moscou' },
      attribution: {
        isTranslation: false,
        photo: {
          creditText: 'RT',
          creator: { name: 'RT', kind: 'organization', url: 'https://www.rt.com' },
          copyrightNotice: 'All rights reserved',
          license: 'https://www.rt.com/about-us/terms-of-use/',
          acquireLicensePage: 'https://www.rt.com/about-us/contact-info/',
        },
      },
    });
    expect(node.image).toEqual({
      '@type': 'ImageObject',
      contentUrl: 'https://cdn.example.org/cover.jpg',
      url: 'https://cdn.example.org/cover.jpg',
      caption: 'Délégation à Moscou',
      creditText: 'RT',
      creator: { '@type': 'Organization', name: 'RT', url: 'https://www.rt.com' },
      copyrightNotice: 'All rights reserved',
      license: 'https://www.rt.com/about-us/terms-of-use/',
      acquireLicensePage: 'https://www.rt.com/about-us/contact-info/',
    });
  });

  it('emits no image without an absolute image URL', () => {
    const node = buildNewsArticle({ ...translated, image: { url: '/uploads/cover.jpg' }, attribution: { isTranslation: false, photo: { creditText: 'RT' } } });
    expect(node).not.toHaveProperty('image');
  });
});
