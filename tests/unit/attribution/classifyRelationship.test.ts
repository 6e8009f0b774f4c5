import { classifyRelationship, findRepublishedPage, type Credit } from '../../../src/core/attribution';
import { ORIGINAL_URL, SEED_CREDITS } from './fixtures';

const RT = { name: 'RT', language: 'en' };
const RI = { name: 'Réseau International', language: 'fr', syndication: 'canonical' as const };

describe('classifyRelationship', () => {
  it.each<[string, Credit[], ReturnType<typeof classifyRelationship>]>([
    ['no credits', [], 'own'],
    ['authors and a photo only', [{ role: 'author', person: 'A' }, { role: 'photo', source: RT }], 'own'],
    ['a via credit alone', [{ role: 'via', person: 'Jean', url: 'https://example.net/post' }], 'own'],
    ['an original credit', [{ role: 'original', url: ORIGINAL_URL }], 'republication'],
    ['someone else’s translation (the seed page)', SEED_CREDITS, 'republication'],
    ['someone else’s adaptation', [{ role: 'original', url: ORIGINAL_URL }, { role: 'adaptation', source: RI }], 'republication'],
    ['our own translation', [{ role: 'original', url: ORIGINAL_URL, source: RT }, { role: 'translation', person: 'Jeanne Martin' }], 'translation'],
    ['our own adaptation', [{ role: 'original', url: ORIGINAL_URL }, { role: 'adaptation', person: 'Jeanne Martin' }], 'adaptation'],
    ['our own translation of an adaptation', [{ role: 'adaptation', person: 'A' }, { role: 'translation', person: 'T' }], 'translation'],
  ])('%s', (_name, credits, expected) => {
    expect(classifyRelationship(credits)).toBe(expected);
  });
});

describe('findRepublishedPage', () => {
  it('is the translation we republish, not the original it translates', () => {
    const credits: Credit[] = [
      { role: 'original', url: ORIGINAL_URL, language: 'en', source: RT },
      { role: 'translation', person: 'Avic', source: RI, url: 'https://reseauinternational.net/x/' },
    ];
    expect(findRepublishedPage(credits)).toEqual({ url: 'https://reseauinternational.net/x/', language: 'fr', source: RI });
  });

  it('is the first original otherwise, its language taken from the Source when the credit has none', () => {
    expect(findRepublishedPage([{ role: 'original', url: ORIGINAL_URL, source: RT }])).toEqual({ url: ORIGINAL_URL, language: 'en', source: RT });
  });

  it('has no URL for a non-http address, and nothing when nothing is republished', () => {
    expect(findRepublishedPage([{ role: 'original', url: 'javascript:alert(1)' }])).toEqual({ url: null, language: null, source: null });
    expect(findRepublishedPage([{ role: 'author', person: 'A' }])).toBeNull();
  });
});
