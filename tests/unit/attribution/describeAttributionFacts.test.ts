import { describeAttributionFacts, type Credit } from '../../../src/core/attribution';
import { buildNewsArticle } from '../../../src/core/structured-data';
import { ORIGINAL_URL, SEED_CREDITS } from './fixtures';

describe('describeAttributionFacts', () => {
  it('describes the seed article', () => {
    const facts = describeAttributionFacts(SEED_CREDITS, 'en');
    expect(facts).toEqual({
      originalUrl: ORIGINAL_URL,
      isTranslation: true,
      translator: { name: 'Avic', kind: 'person' },
      creditText: expect.stringContaining('; Translation: Avic – Réseau International'),
      photo: { caption: expect.stringContaining('Image tirée'), creditText: 'RT', creator: { name: 'RT', kind: 'organization', url: 'https://www.rt.com' } },
    });
    expect(facts.creditText).not.toContain('\n');
    expect(facts.creditText?.startsWith(`Source: ${ORIGINAL_URL}; Photo: `)).toBe(true);
  });

  it('takes the original source as organisation, language and licence', () => {
    const credits: Credit[] = [
      {
        role: 'original',
        url: ORIGINAL_URL,
        language: 'en',
        source: {
          name: 'RT',
          kind: 'outlet',
          website: 'https://www.rt.com',
          license: 'CC BY 4.0',
          licenseUrl: 'https://creativecommons.org/licenses/by/4.0/',
        },
      },
    ];
    expect(describeAttributionFacts(credits, 'en')).toMatchObject({
      originalLanguage: 'en',
      sourceOrganization: { name: 'RT', url: 'https://www.rt.com' },
      copyrightNotice: 'CC BY 4.0',
      license: 'https://creativecommons.org/licenses/by/4.0/',
      isTranslation: false,
    });
  });

  it('uses a licence URL given in the name field as the licence, not as a notice', () => {
    const credits: Credit[] = [{ role: 'original', source: { name: 'S', license: 'https://example.org/licence' } }];
    const facts = describeAttributionFacts(credits, 'en');
    expect(facts.license).toBe('https://example.org/licence');
    expect(facts).not.toHaveProperty('copyrightNotice');
  });

  it('falls back to the translating source, as a person when it is one', () => {
    const bySource: Credit[] = [{ role: 'translation', source: { name: 'Réseau International', website: 'https://reseauinternational.net' } }];
    expect(describeAttributionFacts(bySource, 'fr').translator).toEqual({
      name: 'Réseau International',
      kind: 'organization',
      url: 'https://reseauinternational.net',
    });
    const byPersonSource: Credit[] = [{ role: 'translation', source: { name: 'Jean Dupont', kind: 'person' } }];
    expect(describeAttributionFacts(byPersonSource, 'fr').translator).toEqual({ name: 'Jean Dupont', kind: 'person' });
  });

  it('does not call a person an organisation', () => {
    const credits: Credit[] = [{ role: 'original', source: { name: 'Jean Dupont', kind: 'person' } }];
    expect(describeAttributionFacts(credits, 'en')).not.toHaveProperty('sourceOrganization');
  });

  it('has nothing to say without credits', () => {
    expect(describeAttributionFacts([], 'fr')).toEqual({ isTranslation: false });
  });

  it('feeds buildNewsArticle', () => {
    const node = buildNewsArticle({ headline: 'H', inLanguage: 'fr', attribution: describeAttributionFacts(SEED_CREDITS, 'fr') });
    expect(node.isBasedOn).toBe(ORIGINAL_URL);
    expect(node.translator).toEqual({ '@type': 'Person', name: 'Avic' });
    expect(node.translationOfWork).toMatchObject({ url: ORIGINAL_URL });
  });
});

describe('describeAttributionFacts: authors and the photo', () => {
  it('takes the author credits’ persons as authors', () => {
    const credits: Credit[] = [
      { role: 'author', person: 'Jeanne Martin', url: 'https://example.org/jeanne' },
      { role: 'author', person: 'Paul Durand', source: { name: 'AFP', kind: 'agency' } },
    ];
    expect(describeAttributionFacts(credits, 'fr').authors).toEqual([
      { name: 'Jeanne Martin', kind: 'person', url: 'https://example.org/jeanne' },
      { name: 'Paul Durand', kind: 'person' },
    ]);
  });

  it('falls back to the author credit’s Source, then to the original’s Source', () => {
    expect(describeAttributionFacts([{ role: 'author', source: { name: 'AFP', kind: 'agency', website: 'https://www.afp.com' } }], 'fr').authors).toEqual([
      { name: 'AFP', kind: 'organization', url: 'https://www.afp.com' },
    ]);
    const republished: Credit[] = [{ role: 'original', url: ORIGINAL_URL, source: { name: 'RT', kind: 'outlet', website: 'https://www.rt.com' } }];
    expect(describeAttributionFacts(republished, 'fr').authors).toEqual([{ name: 'RT', kind: 'organization', url: 'https://www.rt.com' }]);
    expect(describeAttributionFacts(SEED_CREDITS, 'fr')).not.toHaveProperty('authors');
  });

  it('describes the photo credit and its Source’s licence for the image', () => {
    const credits: Credit[] = [
      {
        role: 'photo',
        caption: 'Délégation',
        source: {
          name: 'RT',
          kind: 'outlet',
          website: 'https://www.rt.com',
          license: 'All rights reserved',
          licenseUrl: 'https://www.rt.com/about-us/terms-of-use/',
          acquireLicensePage: 'https://www.rt.com/about-us/contact-info/',
        },
      },
    ];
    expect(describeAttributionFacts(credits, 'fr').photo).toEqual({
      caption: 'Délégation',
      creditText: 'RT',
      creator: { name: 'RT', kind: 'organization', url: 'https://www.rt.com' },
      copyrightNotice: 'All rights reserved',
      license: 'https://www.rt.com/about-us/terms-of-use/',
      acquireLicensePage: 'https://www.rt.com/about-us/contact-info/',
    });
    expect(describeAttributionFacts([{ role: 'photo', person: 'Jane Doe', source: { name: 'AFP', kind: 'agency' } }], 'en').photo).toEqual({
      creditText: 'Jane Doe – AFP',
      creator: { name: 'Jane Doe', kind: 'person' },
    });
  });
});
