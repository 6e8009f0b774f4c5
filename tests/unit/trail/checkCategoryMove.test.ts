import { checkCategoryMove, TrailError } from '../../../src/core/trail';

// world > asia > korea > north-korea ; world > europe ; lone
const parentOf = new Map<string, string | null>([
  ['world', null],
  ['asia', 'world'],
  ['korea', 'asia'],
  ['north-korea', 'korea'],
  ['europe', 'world'],
  ['lone', null],
]);

function errorOf(run: () => void): TrailError | undefined {
  try {
    run();
  } catch (error) {
    if (error instanceof TrailError) return error;
    throw error;
  }
  return undefined;
}

describe('checkCategoryMove', () => {
  it('accepts a move that keeps the tree within the limit', () => {
    expect(() => checkCategoryMove('lone', 'europe', parentOf, 5)).not.toThrow();
    expect(() => checkCategoryMove('korea', null, parentOf, 5)).not.toThrow();
  });

  it('refuses to put a category under itself', () => {
    const error = errorOf(() => checkCategoryMove('asia', 'asia', parentOf, 5));
    expect(error?.code).toBe('cycle');
    expect(error?.message).toBe('A category cannot be moved under itself');
  });

  it('refuses to put a category under one of its descendants', () => {
    const error = errorOf(() => checkCategoryMove('asia', 'north-korea', parentOf, 10));
    expect(error?.code).toBe('cycle');
    expect(error?.message).toBe('A category cannot be moved under one of its own descendants');
  });

  it('counts the height of the moved subtree, not just the category', () => {
    // europe is at depth 2; asia's subtree is 3 levels high -> 5.
    expect(() => checkCategoryMove('asia', 'europe', parentOf, 5)).not.toThrow();
    const error = errorOf(() => checkCategoryMove('asia', 'europe', parentOf, 4));
    expect(error?.code).toBe('too-deep');
    expect(error?.message).toBe('Category tree would be 5 levels deep; the limit is 4');
  });

  it('checks a leaf moved under the deepest category', () => {
    const error = errorOf(() => checkCategoryMove('lone', 'north-korea', parentOf, 4));
    expect(error?.message).toBe('Category tree would be 5 levels deep; the limit is 4');
  });
});
