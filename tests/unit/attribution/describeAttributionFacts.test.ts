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
