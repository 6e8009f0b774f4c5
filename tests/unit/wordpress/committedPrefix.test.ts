import fc from 'fast-check';
import { CommittedPrefix } from '../../../src/core/wordpress/committedPrefix';

describe('CommittedPrefix', () => {
  it('lets the cursor pass an item only once every item before it is over', () => {
    const items = new CommittedPrefix(0);
    expect(items.through(2)).toBe(0);
    items.settle(2);
    expect(items.prefix).toBe(0);
    expect(items.through(1)).toBe(2);
    items.settle(1);
    expect(items.prefix).toBe(2);
  });

  it('starts after what an earlier run committed (--resume)', () => {
    const items = new CommittedPrefix(40);
    expect(items.through(41)).toBe(41);
    items.settle(42);
    expect(items.through(41)).toBe(42);
  });

  it('never passes a failed item, whatever commits after it', () => {
    const items = new CommittedPrefix(0);
    items.settle(1);
    // item 2 failed: never settled
    for (const later of [3, 4, 5]) {
      expect(items.through(later)).toBe(1);
      items.settle(later);
    }
    expect(items.prefix).toBe(1);
  });

  it('in any order of commits, writes only cursors behind which every item is over, and ends at the last one (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 40 }).chain((n) =>
          fc.tuple(fc.constant(n), fc.shuffledSubarray(Array.from({ length: n }, (_, i) => i + 1), { minLength: n, maxLength: n }), fc.integer({ min: 0, max: n }))
        ),
        ([n, order, failed]) => {
          const items = new CommittedPrefix(0);
          const over = new Set<number>();
          let cursor = 0;
          for (const position of order) {
            if (position === failed) continue;
            const written = items.through(position);
            // The item's own transaction commits with what it wrote: it is over then, and the
            // cursor moves forward only (the database keeps the greatest).
            over.add(position);
            for (let i = 1; i <= written; i += 1) expect(over.has(i)).toBe(true);
            cursor = Math.max(cursor, written);
            items.settle(position);
          }
          const end = failed === 0 ? n : failed - 1;
          expect(items.prefix).toBe(end);
          expect(cursor).toBeLessThanOrEqual(end);
        }
      )
    );
  });
});
