import fc from 'fast-check';
import { findFragmentCycle } from '../../../src/core/input';

const graph = (entries: Record<string, string[]>) => ({ spreads: new Map(Object.entries(entries)) });

describe('findFragmentCycle', () => {
  it('finds a two-fragment cycle and a self-spread', () => {
    expect(findFragmentCycle(graph({ A: ['B'], B: ['A'] }))).toEqual(['A', 'B', 'A']);
    expect(findFragmentCycle(graph({ A: ['A'] }))).toEqual(['A', 'A']);
  });

  it('finds a cycle reached through other fragments', () => {
    expect(findFragmentCycle(graph({ Root: ['X'], X: ['Y', 'Z'], Y: [], Z: ['X'] }))).toEqual(['X', 'Z', 'X']);
  });

  it('accepts fragments that share others without a cycle, and unknown spreads', () => {
    expect(findFragmentCycle(graph({ A: ['B', 'C'], B: ['D'], C: ['D'], D: ['Missing'] }))).toBeNull();
  });

  it('reports a cycle exactly when the spread graph has one (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(7), fc.nat(7)), { maxLength: 20 }), (edges) => {
        const spreads = new Map<string, string[]>();
        for (let n = 0; n < 8; n += 1) spreads.set(`F${n}`, []);
        for (const [from, to] of edges) spreads.get(`F${from}`)!.push(`F${to}`);
        // Reference: a graph is acyclic iff repeatedly removing nodes with no outgoing edges empties it.
        const remaining = new Map([...spreads].map(([name, targets]) => [name, new Set(targets)]));
        for (let changed = true; changed; ) {
          changed = false;
          for (const [name, targets] of remaining) {
            if ([...targets].every((target) => !remaining.has(target))) {
              remaining.delete(name);
              changed = true;
            }
          }
        }
        const cycle = findFragmentCycle({ spreads });
        expect(cycle !== null).toBe(remaining.size > 0);
        if (cycle) {
          expect(cycle[0]).toBe(cycle[cycle.length - 1]);
          for (let i = 0; i + 1 < cycle.length; i += 1) expect(spreads.get(cycle[i])).toContain(cycle[i + 1]);
        }
      }),
      { seed: 20261130, numRuns: 300 }
    );
  });
});
