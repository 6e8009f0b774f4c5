import fc from 'fast-check';
import { buildThreads, type ThreadComment } from '../../../src/core/moderation';

const at = (minute: number) => new Date(Date.UTC(2026, 11, 6, 0, minute)).toISOString();
const comment = (documentId: string, parentDocumentId: string | null, minute: number): ThreadComment => ({ documentId, parentDocumentId, createdAt: at(minute) });

/** Every node of a forest, depth first. */
function flatten(nodes: any[]): any[] {
  return nodes.flatMap((node) => [node, ...flatten(node.replies)]);
}

describe('buildThreads', () => {
  it('nests replies under their parents, oldest first, with reply counts', () => {
    const [thread] = buildThreads(
      [comment('a', null, 0)],
      [comment('c', 'a', 5), comment('b', 'a', 2), comment('d', 'b', 3), comment('e', 'd', 4)]
    );
    expect(thread.replies.map((r) => r.documentId)).toEqual(['b', 'c']);
    expect(thread).toMatchObject({ replyCount: 2, descendantCount: 4 });
    expect(thread.replies[0].replies[0]).toMatchObject({ documentId: 'd', replyCount: 1, descendantCount: 1 });
  });

  it('leaves out a reply whose parent is not shown', () => {
    const threads = buildThreads([comment('a', null, 0)], [comment('x', 'hidden', 1), comment('y', 'x', 2)]);
    expect(flatten(threads).map((node) => node.documentId)).toEqual(['a']);
  });

  it('never splits a reply from its parent, and shows every reachable reply once (property)', () => {
    // Random forests: each comment's parent is an earlier comment or none.
    const forest = fc.array(fc.tuple(fc.nat(), fc.boolean(), fc.nat(1000)), { minLength: 1, maxLength: 80 }).map((draws) =>
      draws.map(([pick, topLevel, minute], index) =>
        comment(`c${index}`, index === 0 || topLevel ? null : `c${pick % index}`, minute)
      )
    );
    fc.assert(
      fc.property(forest, fc.nat(), (comments, cut) => {
        const roots = comments.filter((c) => c.parentDocumentId === null);
        const page = roots.slice(0, 1 + (cut % roots.length));
        const threads = buildThreads(page, comments.filter((c) => c.parentDocumentId !== null));
        const shown = flatten(threads);
        // Once each.
        expect(new Set(shown.map((node) => node.documentId)).size).toBe(shown.length);
        // Each shown reply sits right under its parent.
        const check = (node: any) => node.replies.forEach((reply: any) => (expect(reply.parentDocumentId).toBe(node.documentId), check(reply)));
        threads.forEach(check);
        // Every comment descending from a page root is shown.
        const rootOf = (c: ThreadComment): string => (c.parentDocumentId ? rootOf(comments[Number(c.parentDocumentId.slice(1))]) : c.documentId);
        const pageRoots = new Set(page.map((c) => c.documentId));
        expect(shown.length).toBe(comments.filter((c) => pageRoots.has(rootOf(c))).length);
      }),
      { numRuns: 300 }
    );
  });
});
