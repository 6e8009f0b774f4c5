export function buildChildrenMap(parentOf: ReadonlyMap<string, string | null>): Map<string, string[]> {
  const childrenOf = new Map<string, string[]>();
  for (const [child, parent] of parentOf) {
    if (parent === null) continue;
    const siblings = childrenOf.get(parent);
    if (siblings) siblings.push(child);
    else childrenOf.set(parent, [child]);
  }
  return childrenOf;
}
