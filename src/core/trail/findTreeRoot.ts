/**
 * The id that names the tree a category belongs to, for locking: the root reached by walking
 * up `parentOf` (a parent missing from the map counts as a root, as in resolveAncestorIds). A
 * damaged chain still gets one stable name, so that every writer touching it agrees on it:
 * for a category in a cycle or below one, the smallest id in that cycle.
 *
 * Shapes: ids are strings as in CategoryTree.parentOf; returns one of them. Never throws,
 * and walks at most `parentOf.size + 1` steps.
 */
export function findTreeRoot(id: string, parentOf: ReadonlyMap<string, string | null>): string {
  const order = new Map<string, number>();
  let current = id;
  for (;;) {
    order.set(current, order.size);
    const parent = parentOf.get(current) ?? null;
    if (parent === null) return current;
    if (!parentOf.has(parent)) return parent;
    const seenAt = order.get(parent);
    if (seenAt !== undefined) {
      // The cycle is the part of the walk from the parent's first visit on.
      const cycle = [...order].filter(([, at]) => at >= seenAt).map(([member]) => member);
      return cycle.reduce((least, member) => (compareIds(member, least) < 0 ? member : least));
    }
    current = parent;
  }
}

/** Numeric ids compare as numbers ("9" before "10"); anything else as text. */
function compareIds(a: string, b: string): number {
  const [x, y] = [Number(a), Number(b)];
  return Number.isFinite(x) && Number.isFinite(y) ? x - y : a < b ? -1 : a > b ? 1 : 0;
}
