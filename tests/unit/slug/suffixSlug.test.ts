import { suffixSlug, toSlug } from '../../../src/core/slug';

describe('suffixSlug', () => {
  it('cuts the base at a word, never leaving a hyphen before the suffix', () => {
    const base = toSlug(`${'a'.repeat(114)} bb cc`);
    expect(base).toBe(`${'a'.repeat(114)}-bb-cc`);
    expect(suffixSlug(base, 2)).toBe(`${'a'.repeat(114)}-bb-2`);
    expect(suffixSlug('alpha', 2)).toBe('alpha-2');
  });

  it('hard-cuts a single long word to make room', () => {
    expect(suffixSlug('a'.repeat(120), 12)).toBe(`${'a'.repeat(117)}-12`);
  });
});
