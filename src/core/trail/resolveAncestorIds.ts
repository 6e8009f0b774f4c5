import { TrailError } from './TrailError';

/**
 * Walks up the parent map and returns ids root first, ending with `id`.
 * A parent id missing from the map is treated as a root: the map may be a
 * partial load, and a dangling reference is not a cycle.
 */
export function resolveAncestorIds(
  id: string,
  parentOf: ReadonlyMap<string, string | null>,
  maxDepth: number,
): string[] {
  const chain = [id];
  const seen = new Set(chain);
  let parent = parentOf.get(id) ?? null;
  while (parent !== null) {
    if (seen.has(parent)) {
      throw new TrailError('cycle', `Category "${id}" is part of a cycle in the category tree`);
    }
    chain.push(parent);
    seen.add(parent);
    // Checked inside the loop so a corrupted, very long chain is not walked to the end.
    if (chain.length > maxDepth) {
      throw new TrailError('too-deep', `Category tree is more than ${maxDepth} levels deep at "${id}"`);
    }
    parent = parentOf.get(parent) ?? null;
  }
  return chain.reverse();
}
