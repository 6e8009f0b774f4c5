import { buildSeo, type Credit } from '../../../src/core/attribution';
import { ORIGINAL_URL, SEED_CREDITS } from './fixtures';

const OWN = 'https://example.org/blog/a';

describe('buildSeo', () => {
  it('points the canonical url at the original of a republished article', () => {
    expect(buildSeo('canonical', SEED_CREDITS, OWN)).toEqual({ canonicalUrl: ORIGINAL_URL, robots: 'index, follow' });
  });

  it('uses our own url when nothing is republished', () => {
    const credits: Credit[] = [{ role: 'author', person: 'A' }];
    expect(buildSeo('canonical', credits, OWN)).toEqual({ canonicalUrl: OWN, robots: 'index, follow' });
  });

  it('ignores an original credit whose url is not http(s)', () => {
    const credits: Credit[] = [{ role: 'original', url: 'javascript:alert(1)' }];
    expect(buildSeo('canonical', credits, OWN).canonicalUrl).toBe(OWN);
  });

  it('treats a missing policy as canonical', () => {
    expect(buildSeo(undefined, SEED_CREDITS, OWN).canonicalUrl).toBe(ORIGINAL_URL);
  });

  it('keeps noindex copies out of search engines but under our own url', () => {
    expect(buildSeo('noindex', SEED_CREDITS, OWN)).toEqual({ canonicalUrl: OWN, robots: 'noindex, follow' });
  });

  it('treats the article as our own with "none"', () => {
    expect(buildSeo('none', SEED_CREDITS, null)).toEqual({ canonicalUrl: null, robots: 'index, follow' });
  });
});
