import { checkPublishPolicy, type Credit } from '../../../src/core/attribution';
import { SEED_CREDITS } from './fixtures';

const MISSING_ORIGINAL = "A translation credit needs an original credit with the original article's URL";

describe('checkPublishPolicy', () => {
  it('accepts the seed article', () => {
    expect(checkPublishPolicy(SEED_CREDITS)).toEqual([]);
  });

  it('accepts an article with no credits', () => {
    expect(checkPublishPolicy([])).toEqual([]);
  });

  it('requires the original url for a translation', () => {
    expect(checkPublishPolicy([{ role: 'translation', person: 'Avic' }])).toEqual([MISSING_ORIGINAL]);
    const badUrl: Credit[] = [
      { role: 'translation', person: 'Avic' },
      { role: 'original', url: 'javascript:void(0)', source: { name: 'RT' } },
    ];
    expect(checkPublishPolicy(badUrl)).toEqual([MISSING_ORIGINAL]);
  });

  it('refuses sources that do not allow republication', () => {
    const credits: Credit[] = [
      { role: 'original', url: 'https://a.example/1', source: { name: 'Closed Times', allowsRepublication: false } },
      { role: 'original', url: 'https://b.example/1', source: { name: 'Open Post', allowsRepublication: true } },
      { role: 'original', url: 'https://c.example/1', source: { name: 'Unknown', allowsRepublication: null } },
    ];
    expect(checkPublishPolicy(credits)).toEqual(['Source "Closed Times" does not allow republication']);
  });

  it('reports every problem at once', () => {
    const credits: Credit[] = [
      { role: 'translation', person: 'T' },
      { role: 'original', source: { name: 'Closed Times', allowsRepublication: false } },
    ];
    expect(checkPublishPolicy(credits)).toEqual([MISSING_ORIGINAL, 'Source "Closed Times" does not allow republication']);
  });
});
