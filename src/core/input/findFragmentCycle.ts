/** What findFragmentCycle needs of a parsed GraphQL document: its fragments and what each spreads. */
export interface FragmentGraph {
  /** Fragment name -> names of the fragments spread inside it (anywhere in its selections). */
  spreads: ReadonlyMap<string, readonly string[]>;
}

/**
 * A cycle of fragment spreads (`fragment A on Query { ...B } fragment B on Query { ...A }`), as
 * the fragment names round it, or null. The GraphQL spec forbids them (§5.5.2.2, "Fragment
 * spreads must not form cycles"), but a validation rule that expands fragments before that
 * check runs recurses forever on one. Depth-first with an explicit stack.
 */
export function findFragmentCycle(graph: FragmentGraph): string[] | null {
  const done = new Set<string>();
  for (const start of graph.spreads.keys()) {
    if (done.has(start)) continue;
    const onPath = new Map<string, number>();
    const path: string[] = [];
    const stack: Array<{ name: string; next: number }> = [{ name: start, next: 0 }];
    onPath.set(start, 0);
    path.push(start);
    while (stack.length > 0) {
      const frame = stack[stack.length - 1];
      const children = graph.spreads.get(frame.name) ?? [];
      if (frame.next >= children.length) {
        stack.pop();
        path.pop();
        onPath.delete(frame.name);
        done.add(frame.name);
        continue;
      }
      const child = children[frame.next++];
      if (onPath.has(child)) return [...path.slice(onPath.get(child)), child];
      if (done.has(child) || !graph.spreads.has(child)) continue;
      onPath.set(child, path.length);
      path.push(child);
      stack.push({ name: child, next: 0 });
    }
  }
  return null;
}
