import fc from 'fast-check';
import { planCommentThreads } from '../../../src/core/wordpress/planCommentThreads';
import type { WxrComment } from '../../../src/core/wordpress/types';

let nextMinute = 0;
function comment(commentId: number, parent = 0, overrides: Partial<WxrComment> = {}): WxrComment {
  nextMinute += 1;
  const minute = String(nextMinute % 60).padStart(2, '0');
  const hour = String(10 + Math.floor(nextMinute / 60)).padStart(2, '0');
  return {
    commentId,
    author: 'Lectrice',
    authorEmail: 'lectrice@example.org',
    authorUrl: '',
    authorIp: '192.0.2.10',
    dateGmt: `2017-09-30 ${hour}:${minute}:00`,
    date: `2017-09-30 ${hour}:${minute}:00`,
    content: `Commentaire ${commentId}`,
    approved: '1',
    type: '',
    parent,
    userId: 0,
    ...overrides,
  };
}

const shape = (plan: ReturnType<typeof planCommentThreads>) => plan.comments.map((c) => [c.commentId, c.parentId, c.depth]);

describe('planCommentThreads', () => {
  beforeEach(() => {
    nextMinute = 0;
  });

  it('plans a thread with WordPress’s statuses, authors, dates and plain-text bodies', () => {
    const plan = planCommentThreads(
      [
        comment(10, 0, { content: '<p>Très juste&nbsp;!</p><p>Merci &amp; bravo.<br />Suite</p>', author: '  Jeanne  ', dateGmt: '2017-09-30 10:00:00' }),
        comment(11, 10, { approved: '0', author: '', authorEmail: '', authorIp: '' }),
        comment(12, 0, { approved: 'spam' }),
        comment(13, 0, { approved: 'trash' }),
        comment(14, 0, { approved: 'post-trashed' }),
        comment(15, 0, { approved: 'something-else' }),
      ],
      { maxDepth: 5 },
    );
    expect(plan.skipped).toEqual([]);
    expect(plan.comments[0]).toEqual({
      commentId: 10,
      parentId: null,
      depth: 1,
      commentStatus: 'approved',
      authorName: 'Jeanne',
      authorEmail: 'lectrice@example.org',
      authorIp: '192.0.2.10',
      body: 'Très juste\u00a0!\n\nMerci & bravo.\nSuite',
      createdAt: '2017-09-30T10:00:00.000Z',
    });
    expect(plan.comments[1]).toMatchObject({ commentId: 11, parentId: 10, depth: 2, commentStatus: 'pending', authorName: 'Anonymous', authorEmail: '', authorIp: '' });
    expect(plan.comments.slice(2).map((c) => c.commentStatus)).toEqual(['spam', 'trash', 'trash', 'pending']);
  });

  it('keeps the line breaks a reader typed and strips tags and scripts', () => {
    const plan = planCommentThreads([comment(1, 0, { content: 'Ligne un\nLigne deux\n\n\n\nFin <a href="https://spam.example">ici</a><script>alert(1)</script>' })], { maxDepth: 5 });
    expect(plan.comments[0].body).toBe('Ligne un\nLigne deux\n\nFin ici');
  });

  it('skips pingbacks, trackbacks and other comment types, with a reason', () => {
    const plan = planCommentThreads([comment(1), comment(2, 0, { type: 'pingback' }), comment(3, 0, { type: 'trackback' }), comment(4, 0, { type: 'review' }), comment(5, 0, { type: 'comment' })], {
      maxDepth: 5,
    });
    expect(plan.comments.map((c) => c.commentId)).toEqual([1, 5]);
    expect(plan.skipped).toEqual([
      { commentId: 2, reason: expect.stringContaining('pingback') },
      { commentId: 3, reason: expect.stringContaining('trackback') },
      { commentId: 4, reason: expect.stringContaining('review') },
    ]);
  });

  it('skips comments with no text, no date or a repeated id', () => {
    const plan = planCommentThreads(
      [comment(1, 0, { content: '<img src="x.gif">' }), comment(2, 0, { dateGmt: '0000-00-00 00:00:00', date: '' }), comment(3), comment(3), comment(0)],
      { maxDepth: 5 },
    );
    expect(plan.comments.map((c) => c.commentId)).toEqual([3]);
    expect(plan.skipped.map((s) => s.commentId)).toEqual([1, 2, 3, 0]);
  });

  it('reads the site-time date as UTC when the GMT one is missing', () => {
    const plan = planCommentThreads([comment(1, 0, { dateGmt: '0000-00-00 00:00:00', date: '2017-09-30 16:30:00' })], { maxDepth: 5 });
    expect(plan.comments[0].createdAt).toBe('2017-09-30T16:30:00.000Z');
  });

  it('puts every parent before its replies even when the file lists a reply first', () => {
    const plan = planCommentThreads(
      [comment(30, 20, { dateGmt: '2017-09-30 09:00:00' }), comment(20, 10), comment(10, 0), comment(40, 0, { dateGmt: '2017-09-30 08:00:00' })],
      { maxDepth: 5 },
    );
    expect(shape(plan)).toEqual([
      [40, null, 1],
      [10, null, 1],
      [20, 10, 2],
      [30, 20, 3],
    ]);
  });

  it('makes a reply whose parent is missing or skipped a top-level comment', () => {
    const plan = planCommentThreads([comment(1, 0, { type: 'pingback' }), comment(2, 1), comment(3, 99), comment(4, 3)], { maxDepth: 5 });
    expect(shape(plan)).toEqual([
      [2, null, 1],
      [3, null, 1],
      [4, 3, 2],
    ]);
  });

  it('places replies deeper than maxDepth at maxDepth, beside their ancestor there', () => {
    const chain = [comment(1), comment(2, 1), comment(3, 2), comment(4, 3), comment(5, 4)];
    expect(shape(planCommentThreads(chain, { maxDepth: 3 }))).toEqual([
      [1, null, 1],
      [2, 1, 2],
      [3, 2, 3],
      [4, 2, 3],
      [5, 2, 3],
    ]);
    expect(shape(planCommentThreads(chain, { maxDepth: 1 })).map(([, parent, depth]) => [parent, depth])).toEqual(Array(5).fill([null, 1]));
  });

  it('cuts a loop of parents at the comment written first instead of looping', () => {
    const plan = planCommentThreads([comment(1, 3), comment(2, 1), comment(3, 2), comment(4, 4)], { maxDepth: 5 });
    expect(shape(plan)).toEqual([
      [1, null, 1],
      [2, 1, 2],
      [3, 2, 3],
      [4, null, 1],
    ]);
  });

  it('refuses a maxDepth that is not a positive integer', () => {
    expect(() => planCommentThreads([], { maxDepth: 0 })).toThrow(RangeError);
    expect(() => planCommentThreads([], { maxDepth: 2.5 })).toThrow(RangeError);
  });

  it('orders parents first, keeps depth within maxDepth and one below the parent’s, for any parents (property)', () => {
    const forest = fc.integer({ min: 1, max: 40 }).chain((n) =>
      fc.tuple(
        fc.array(fc.integer({ min: 0, max: n + 3 }), { minLength: n, maxLength: n }),
        fc.array(fc.integer({ min: 0, max: 5000 }), { minLength: n, maxLength: n }),
        fc.shuffledSubarray([...Array(n).keys()], { minLength: n, maxLength: n }),
        fc.integer({ min: 1, max: 6 }),
      ),
    );
    fc.assert(
      fc.property(forest, ([parents, minutes, order, maxDepth]) => {
        const comments = order.map((i) =>
          comment(i + 1, parents[i], { dateGmt: new Date(Date.UTC(2017, 8, 30, 0, minutes[i])).toISOString().slice(0, 19).replace('T', ' ') }),
        );
        const plan = planCommentThreads(comments, { maxDepth });
        expect(plan.comments).toHaveLength(comments.length);
        const seen = new Map<number, number>();
        for (const c of plan.comments) {
          expect(c.depth).toBeGreaterThanOrEqual(1);
          expect(c.depth).toBeLessThanOrEqual(maxDepth);
          if (c.parentId === null) expect(c.depth).toBe(1);
          else expect(seen.get(c.parentId)).toBe(c.depth - 1);
          seen.set(c.commentId, c.depth);
        }
      }),
    );
  });

  it('keeps every reply under the ancestor it was written under (property)', () => {
    const tree = fc.integer({ min: 1, max: 30 }).chain((n) => fc.tuple(fc.array(fc.nat(), { minLength: n, maxLength: n }), fc.integer({ min: 1, max: 6 })));
    fc.assert(
      fc.property(tree, ([picks, maxDepth]) => {
        // Comment i+1 replies to an earlier comment (or none): a tree as WordPress writes it.
        const parents = picks.map((pick, i) => pick % (i + 1));
        const comments = parents.map((parent, i) => comment(i + 1, parent));
        const planned = new Map(planCommentThreads(comments, { maxDepth }).comments.map((c) => [c.commentId, c]));
        const ancestors = (id: number): number[] => (parents[id - 1] === 0 ? [] : [parents[id - 1], ...ancestors(parents[id - 1])]);
        for (const c of planned.values()) {
          const line = ancestors(c.commentId);
          expect(c.depth).toBe(Math.min(line.length + 1, maxDepth));
          if (c.parentId !== null) expect(line).toContain(c.parentId);
        }
      }),
    );
  });
});
