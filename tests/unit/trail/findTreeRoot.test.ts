import fc from 'fast-check';
import { findTreeRoot, resolveAncestorIds } from '../../../src/core/trail';

const tree = (pairs: Array<[string, string | null]>) => new Map(pairs);

describe('findTreeRoot: the name of the tree a category is in, for locking', () => {
  it('is the root of a sound chain, and the category itself when it is a root', () => {
    const parentOf = tree([['1', null], ['2', '1'], ['3', '2'], ['9', null]]);
    expect(findTreeRoot('3', parentOf)).toBe('1');
    expect(findTreeRoot('1', parentOf)).toBe('1');
    expect(findTreeRoot('9', parentOf)).toBe('9');
  });

  it('treats a parent missing from the map as the root, as resolveAncestorIds does', () => {
    expect(findTreeRoot('5', tree([['5', '4'], ['6', '5']]))).toBe('4');
  });

  it('gives every category in or below a cycle the smallest id of the cycle', () => {
    // 10 -> 12 -> 11 -> 10 is a cycle; 20 hangs below it.
    const parentOf = tree([['10', '12'], ['12', '11'], ['11', '10'], ['20', '11']]);
    for (const id of ['10', '11', '12', '20']) expect(findTreeRoot(id, parentOf)).toBe('10');
  });

  it('compares ids as numbers, not text', () => {
    expect(findTreeRoot('9', tree([['9', '10'], ['10', '9']]))).toBe('9');
  });

  it('property: on any forest it is the first id resolveAncestorIds returns', () => {
    // Each node's parent has a smaller index: a forest, never a cycle.
    const forest = fc.array(fc.nat(), { minLength: 1, maxLength: 40 }).map((picks) =>
      tree(picks.map((pick, index) => [String(index), index === 0 || pick % 3 === 0 ? null : String(pick % index)]))
    );
    fc.assert(
      fc.property(forest, (parentOf) => {
        for (const id of parentOf.keys()) expect(findTreeRoot(id, parentOf)).toBe(resolveAncestorIds(id, parentOf, 1000)[0]);
      })
    );
  });

  it('property: on any parent map, two categories where one is the parent of the other share a root', () => {
    const anyMap = fc
      .array(fc.option(fc.nat({ max: 29 }), { nil: null }), { minLength: 1, maxLength: 30 })
      .map((parents) => tree(parents.map((parent, index) => [String(index), parent === null ? null : String(parent % parents.length)])));
    fc.assert(
      fc.property(anyMap, (parentOf) => {
        for (const [id, parent] of parentOf) {
          if (parent !== null) expect(findTreeRoot(id, parentOf)).toBe(findTreeRoot(parent, parentOf));
        }
      })
    );
  });
});
