import fc from 'fast-check';
import { boundTags, DEFAULT_TAG_BOUNDS, documentTag, listTag } from '../../../src/core/delivery';

const TYPES = ['article', 'category', 'source'];
const coarser = (tag: string) => {
  const type = tag.slice(0, tag.indexOf(':'));
  return TYPES.includes(type) ? listTag(`api::${type}.${type}`) : null;
};
const joinedBytes = (tags: string[]) => Buffer.byteLength(tags.join(', '));

describe('boundTags', () => {
  it('keeps a short list as it is, without duplicates', () => {
    expect(boundTags(['site', 'article:a', 'site', 'category:b'], coarser)).toEqual(['site', 'article:a', 'category:b']);
  });

  it('never drops a tag: what does not fit is replaced by its coarser list tag, within the bounds', () => {
    const tag = fc.tuple(fc.constantFrom(...TYPES), fc.stringMatching(/^[a-z0-9]{24}$/)).map(([type, id]) => documentTag(type, id));
    fc.assert(
      fc.property(fc.array(tag, { maxLength: 400 }), fc.constantFrom(DEFAULT_TAG_BOUNDS, { maxTags: 5, maxBytes: 120 }), (tags, bounds) => {
        const bounded = boundTags(['site', ...tags], coarser, bounds);
        expect(bounded.length).toBeLessThanOrEqual(bounds.maxTags);
        expect(joinedBytes(bounded)).toBeLessThanOrEqual(bounds.maxBytes);
        for (const original of ['site', ...tags]) {
          expect(bounded.includes(original) || bounded.includes(coarser(original)!)).toBe(true);
        }
      })
    );
  });

  it('keeps the tags at the front (the answer’s own document) and coarsens from the back', () => {
    const many = Array.from({ length: 100 }, (_, index) => documentTag('category', `c${index}`));
    const bounded = boundTags([documentTag('article', 'mine'), ...many], coarser);
    expect(bounded[0]).toBe('article:mine');
    expect(bounded).toContain(listTag('api::category.category'));
    expect(bounded).toHaveLength(DEFAULT_TAG_BOUNDS.maxTags);
  });
});
