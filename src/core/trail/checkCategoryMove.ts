import { buildChildrenMap } from './buildChildrenMap';
import { resolveAncestorIds } from './resolveAncestorIds';
import { subtreeHeight } from './subtreeHeight';
import { TrailError } from './TrailError';

/**
 * Throws a TrailError when giving `categoryId` the parent `newParentId` would
 * create a cycle or push any of its descendants past `maxDepth` levels.
 * The messages are shown to editors as they are.
 */
export function checkCategoryMove(
  categoryId: string,
  newParentId: string | null,
  parentOf: ReadonlyMap<string, string | null>,
  maxDepth: number,
): void {
  if (newParentId === categoryId) {
    throw new TrailError('cycle', 'A category cannot be moved under itself');
  }
  let parentDepth = 0;
  if (newParentId !== null) {
    // Unbounded here: the real depth is needed for the message, and the walk
    // still stops on cycles.
    const parentChain = resolveAncestorIds(newParentId, parentOf, Number.POSITIVE_INFINITY);
    if (parentChain.includes(categoryId)) {
      throw new TrailError('cycle', 'A category cannot be moved under one of its own descendants');
    }
    parentDepth = parentChain.length;
  }
  // The moved category drags its whole subtree along, so its deepest
  // descendant is what must fit under the limit.
  const depth = parentDepth + subtreeHeight(categoryId, buildChildrenMap(parentOf));
  if (depth > maxDepth) {
    throw new TrailError('too-deep', `Category tree would be ${depth} levels deep; the limit is ${maxDepth}`);
  }
}
