import { resolveAncestorIds, TrailError } from '../../../src/core/trail';

const parentOf = new Map<string, string | null>([
  ['world', null],
  ['asia', 'world'],
  ['korea', 'asia'],
  ['north-korea', 'korea'],
]);

function codeOf(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    return error instanceof TrailError ? error.code : 'not a TrailError';
  }
  return undefined;
}

describe('resolveAncestorIds', () => {
  it('returns ids root first, ending with the category', () => {
    expect(resolveAncestorIds('north-korea', parentOf, 10)).toEqual(['world', 'asia', 'korea', 'north-korea']);
    expect(resolveAncestorIds('world', parentOf, 1)).toEqual(['world']);
  });

  it('treats a parent missing from the map as a root', () => {
    expect(resolveAncestorIds('orphan', new Map([['orphan', 'gone']]), 5)).toEqual(['gone', 'orphan']);
  });

  it('allows a chain exactly maxDepth long and refuses a longer one', () => {
    expect(resolveAncestorIds('north-korea', parentOf, 4)).toHaveLength(4);
    expect(codeOf(() => resolveAncestorIds('north-korea', parentOf, 3))).toBe('too-deep');
  });

  it('detects a cycle instead of looping', () => {
    const cyclic = new Map<string, string | null>([
      ['a', 'b'],
      ['b', 'c'],
      ['c', 'a'],
    ]);
    expect(codeOf(() => resolveAncestorIds('a', cyclic, 100))).toBe('cycle');
    expect(codeOf(() => resolveAncestorIds('a', new Map([['a', 'a']]), 100))).toBe('cycle');
  });

  it('throws an Error subclass carrying its code', () => {
    const error = new TrailError('cycle', 'x');
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('TrailError');
  });
});
