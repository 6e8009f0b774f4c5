/**
 * Finds every cycle in a category tree's parent links, each reported once.
 *
 * `parentOf` maps a category id to its parent's id, or to null for a root. A parent id that is
 * not a key of the map counts as a root, as in resolveAncestorIds: a dangling reference is
 * not a cycle.
 *
 * Returns one array of ids per cycle, in parent order: each id's parent is the next one, and
 * the last one's parent is the first. A category that merely hangs below a cycle is not on
 * it and is not listed. Linear in the number of categories: each is walked once.
 */
export function findCycles(parentOf: ReadonlyMap<string, string | null>): string[][] {
  // The walk that first reached each id; a walk that meets its own mark has closed a cycle,
  // one that meets an earlier walk's mark has joined ground already explored.
  const walkOf = new Map<string, number>();
  const cycles: string[][] = [];
  let walk = 0;
  for (const start of parentOf.keys()) {
    if (walkOf.has(start)) continue;
    walk += 1;
    const chain: string[] = [];
    let id: string | null = start;
    while (id !== null && parentOf.has(id) && !walkOf.has(id)) {
      walkOf.set(id, walk);
      chain.push(id);
      id = parentOf.get(id) ?? null;
    }
    if (id !== null && walkOf.get(id) === walk) cycles.push(chain.slice(chain.indexOf(id)));
  }
  return cycles;
}
