import fc from 'fast-check';
import { findCycles } from '../../../src/core/consistency';

const tree = (entries: Array<[string, string | null]>) => new Map(entries);

/** The nodes on a cycle, found the slow and obvious way: walk up from each node's parent and see whether we come back. */
function nodesOnCycles(parentOf: ReadonlyMap<string, string | null>): Set<string> {
  const onCycle = new Set<string>();
  for (const id of parentOf.keys()) {
    let current = parentOf.get(id) ?? null;
    for (let step = 0; step < parentOf.size && current !== null; step += 1) {
      if (current === id) {
        onCycle.add(id);
        break;
      }
      current = parentOf.get(current) ?? null;
    }
  }
  return onCycle;
}

describe('findCycles', () => {
  it('finds nothing in a healthy tree, nor in an empty one', () => {
    expect(findCycles(tree([]))).toEqual([]);
    expect(findCycles(tree([['1', null], ['2', '1'], ['3', '2'], ['4', '1']]))).toEqual([]);
  });

  it('reports a category that is its own parent', () => {
    expect(findCycles(tree([['1', null], ['2', '2']]))).toEqual([['2']]);
  });

  it('reports each cycle once, in parent order, without the branches hanging below it', () => {
    const cycles = findCycles(
      tree([
        ['1', '2'],
        ['2', '3'],
        ['3', '1'],
        ['4', '1'],
        ['5', '4'],
        ['6', null],
        ['7', '8'],
        ['8', '7'],
      ])
    );
    expect(cycles).toEqual([
      ['1', '2', '3'],
      ['7', '8'],
    ]);
  });

  it('treats a parent missing from the map as a root, not as a cycle', () => {
    expect(findCycles(tree([['1', '99'], ['2', '1']]))).toEqual([]);
  });

  it('on random forests with random extra parent links, reports exactly the nodes on cycles, each once, each cycle closed', () => {
    const forest = fc
      .integer({ min: 1, max: 40 })
      .chain((size) =>
        fc.record({
          // Node i's parent is an earlier node or none: a forest by construction.
          parents: fc.tuple(...Array.from({ length: size }, (_, i) => fc.option(fc.integer({ min: 0, max: Math.max(0, i - 1) }), { nil: null }))),
          // Extra links may point anywhere, the node itself or one of its descendants included;
          // some point at ids that are not in the map at all.
          rewired: fc.array(fc.tuple(fc.integer({ min: 0, max: size - 1 }), fc.integer({ min: 0, max: size + 2 })), { maxLength: 6 }),
        })
      );

    fc.assert(
      fc.property(forest, ({ parents, rewired }) => {
        const parentOf = new Map<string, string | null>(
          parents.map((parent, i) => [`c${i}`, parent === null || i === 0 ? null : `c${parent}`])
        );
        for (const [node, parent] of rewired) parentOf.set(`c${node}`, `c${parent}`);

        const cycles = findCycles(parentOf);
        const reported = cycles.flat();
        expect(new Set(reported).size).toBe(reported.length);
        expect(new Set(reported)).toEqual(nodesOnCycles(parentOf));
        for (const cycle of cycles) {
          cycle.forEach((id, i) => expect(parentOf.get(id)).toBe(cycle[(i + 1) % cycle.length]));
        }
      }),
      { numRuns: 500 }
    );
  });
});
