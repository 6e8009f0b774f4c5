/**
 * Number of levels in the subtree rooted at `categoryId`, the category itself
 * counting as one: a leaf has height 1.
 */
export function subtreeHeight(categoryId: string, childrenOf: ReadonlyMap<string, readonly string[]>): number {
  // Breadth-first with a visited set, so corrupted data with a cycle cannot loop forever.
  const visited = new Set([categoryId]);
  let level = [categoryId];
  let height = 0;
  while (level.length > 0) {
    height += 1;
    const next: string[] = [];
    for (const id of level) {
      for (const child of childrenOf.get(id) ?? []) {
        if (visited.has(child)) continue;
        visited.add(child);
        next.push(child);
      }
    }
    level = next;
  }
  return height;
}
