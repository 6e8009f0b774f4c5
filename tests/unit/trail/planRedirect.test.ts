import { planRedirect } from '../../../src/core/trail';

const sortByFrom = <T extends { from: string }>(items: T[]) => [...items].sort((x, y) => x.from.localeCompare(y.from));

describe('planRedirect', () => {
  it('does nothing when the path did not change', () => {
    expect(planRedirect([{ from: '/a', to: '/b' }], { from: '/b', to: '/b' })).toEqual({ upserts: [], deletes: [] });
  });

  it('adds a redirect from the old path to the new one', () => {
    expect(planRedirect([], { from: '/blog/a', to: '/blog/b' })).toEqual({
      upserts: [{ from: '/blog/a', to: '/blog/b' }],
      deletes: [],
    });
  });

  it('collapses chains so no reader follows two hops', () => {
    const plan = planRedirect([{ from: '/a', to: '/b' }], { from: '/b', to: '/c' });
    expect(sortByFrom(plan.upserts)).toEqual([
      { from: '/a', to: '/c' },
      { from: '/b', to: '/c' },
    ]);
    expect(plan.deletes).toEqual([]);
  });

  it('deletes the redirect away from a path that is live again', () => {
    // a was renamed to b; now renamed back to a.
    const plan = planRedirect([{ from: '/a', to: '/b' }], { from: '/b', to: '/a' });
    expect(plan.upserts).toEqual([{ from: '/b', to: '/a' }]);
    expect(plan.deletes).toEqual(['/a']);
  });

  it('never plans a redirect to itself, even through a chain', () => {
    const existing = [
      { from: '/a', to: '/b' },
      { from: '/c', to: '/b' },
    ];
    const plan = planRedirect(existing, { from: '/b', to: '/c' });
    for (const upsert of plan.upserts) expect(upsert.from).not.toBe(upsert.to);
    expect(plan.deletes).toEqual(['/c']);
    expect(sortByFrom(plan.upserts)).toEqual([
      { from: '/a', to: '/c' },
      { from: '/b', to: '/c' },
    ]);
  });

  it('leaves unrelated redirects alone', () => {
    const plan = planRedirect([{ from: '/x', to: '/y' }], { from: '/a', to: '/b' });
    expect(plan).toEqual({ upserts: [{ from: '/a', to: '/b' }], deletes: [] });
  });

  it('replaces a stale redirect from the old path instead of deleting it', () => {
    const plan = planRedirect([{ from: '/a', to: '/old' }], { from: '/a', to: '/b' });
    expect(plan).toEqual({ upserts: [{ from: '/a', to: '/b' }], deletes: [] });
  });
});
