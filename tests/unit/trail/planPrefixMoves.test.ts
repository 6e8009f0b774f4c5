import { isCoveredByPrefix, planPrefixMoves, toPrefixRule } from '../../../src/core/trail';

describe('planPrefixMoves: one rule for a moved subtree', () => {
  it('keeps only the root of a renamed subtree', () => {
    const moves = [
      { from: '/blog/monde/asie', to: '/blog/international/asie' },
      { from: '/blog/monde', to: '/blog/international' },
      { from: '/blog/monde/asie/coree', to: '/blog/international/asie/coree' },
    ];
    expect(planPrefixMoves(moves)).toEqual([{ from: '/blog/monde', to: '/blog/international' }]);
  });

  it('keeps a descendant whose own slug changed too, since the parent rule does not say where it went', () => {
    const moves = [
      { from: '/blog/monde', to: '/blog/international' },
      { from: '/blog/monde/asie', to: '/blog/international/asie-pacifique' },
    ];
    expect(planPrefixMoves(moves)).toEqual(moves);
  });

  it('keeps unrelated moves side by side and drops the ones that did not move', () => {
    const moves = [
      { from: '/blog/b', to: '/news/b' },
      { from: '/blog/a', to: '/news/a' },
      { from: '/blog/c', to: '/blog/c' },
    ];
    expect(planPrefixMoves(moves)).toEqual([
      { from: '/blog/a', to: '/news/a' },
      { from: '/blog/b', to: '/news/b' },
    ]);
  });

  it('does not mistake a sibling that shares the first letters for a descendant', () => {
    const moves = [
      { from: '/blog/europe', to: '/blog/ue' },
      { from: '/blog/europe-est', to: '/blog/ue-est' },
    ];
    expect(planPrefixMoves(moves)).toHaveLength(2);
  });
});

describe('isCoveredByPrefix', () => {
  const rule = toPrefixRule({ from: '/blog/monde', to: '/blog/international' });

  it('gives rules that end with a slash', () => {
    expect(rule).toEqual({ from: '/blog/monde/', to: '/blog/international/' });
  });

  it('covers a page below that moved along', () => {
    expect(isCoveredByPrefix({ from: '/blog/monde/asie/x', to: '/blog/international/asie/x' }, rule)).toBe(true);
  });

  it('does not cover a page below that went somewhere else', () => {
    expect(isCoveredByPrefix({ from: '/blog/monde/asie/x', to: '/blog/international/asie/y' }, rule)).toBe(false);
  });

  it('does not cover the moved page itself, which needs its own exact redirect', () => {
    expect(isCoveredByPrefix({ from: '/blog/monde', to: '/blog/international' }, rule)).toBe(false);
  });
});
