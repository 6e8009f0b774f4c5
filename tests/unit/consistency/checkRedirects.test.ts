import { checkRedirects } from '../../../src/core/consistency';
import type { RedirectRule } from '../../../src/core/trail';

const live = (...paths: string[]) => new Set(paths);
/** kind, from, and the repair, which is what callers act on. */
const summary = (redirects: RedirectRule[], paths: Set<string>) =>
  checkRedirects(redirects, paths).map((finding) => [finding.kind, finding.redirect.from, finding.repair]);

describe('checkRedirects', () => {
  it('finds nothing when every redirect leads in one hop to a live page', () => {
    expect(summary([{ from: '/blog/a', to: '/blog/b' }, { from: '/blog/c', to: '/blog/b', match: null }], live('/blog/b'))).toEqual([]);
  });

  it('reports a redirect to a path that is not live, to be deleted', () => {
    const findings = checkRedirects([{ from: '/blog/a', to: '/blog/gone' }], live('/blog/b'));
    expect(findings).toEqual([
      {
        kind: 'dead-redirect',
        redirect: { from: '/blog/a', to: '/blog/gone' },
        repair: { action: 'delete' },
        message: expect.stringContaining('/blog/a -> /blog/gone'),
      },
    ]);
  });

  it('reports a redirect leaving from a live page, to be deleted', () => {
    expect(summary([{ from: '/blog/a', to: '/blog/b' }], live('/blog/a', '/blog/b'))).toEqual([
      ['shadowing-redirect', '/blog/a', { action: 'delete' }],
    ]);
  });

  it('reports a chain, to be pointed straight at where it ends', () => {
    const redirects = [
      { from: '/a', to: '/b' },
      { from: '/b', to: '/c' },
    ];
    expect(summary(redirects, live('/c'))).toEqual([['redirect-chain', '/a', { action: 'repoint', to: '/c' }]]);
  });

  it('follows a long chain to its end', () => {
    const redirects = Array.from({ length: 50 }, (_, i) => ({ from: `/p${i}`, to: `/p${i + 1}` }));
    const findings = summary(redirects, live('/p50'));
    expect(findings).toHaveLength(49);
    for (const [kind, , repair] of findings) {
      expect(kind).toBe('redirect-chain');
      expect(repair).toEqual({ action: 'repoint', to: '/p50' });
    }
  });

  it('deletes a chain that ends at a dead path, and reports the last hop as dead', () => {
    const redirects = [
      { from: '/a', to: '/b' },
      { from: '/b', to: '/c' },
    ];
    expect(summary(redirects, live())).toEqual([
      ['redirect-chain', '/a', { action: 'delete' }],
      ['dead-redirect', '/b', { action: 'delete' }],
    ]);
  });

  it('reports every redirect of a loop, and those leading into it', () => {
    const redirects = [
      { from: '/a', to: '/b' },
      { from: '/b', to: '/a' },
      { from: '/x', to: '/a' },
      { from: '/self', to: '/self' },
    ];
    expect(summary(redirects, live('/elsewhere'))).toEqual([
      ['redirect-loop', '/a', { action: 'delete' }],
      ['redirect-loop', '/b', { action: 'delete' }],
      ['redirect-loop', '/x', { action: 'delete' }],
      ['redirect-loop', '/self', { action: 'delete' }],
    ]);
  });

  it('lets a live page win over a redirect leaving from it, so a loop through it is no loop', () => {
    const redirects = [
      { from: '/a', to: '/b' },
      { from: '/b', to: '/a' },
    ];
    expect(summary(redirects, live('/b'))).toEqual([['shadowing-redirect', '/b', { action: 'delete' }]]);
  });

  describe('prefix rules', () => {
    it('counts a prefix target live when a live path sits at it or under it', () => {
      const rule = { from: '/blog/old/', to: '/blog/new/', match: 'prefix' as const };
      expect(summary([rule], live('/blog/new'))).toEqual([]);
      expect(summary([rule], live('/blog/new/story'))).toEqual([]);
      expect(summary([rule], live('/blog/newer/story', '/blog'))).toEqual([['dead-redirect', '/blog/old/', { action: 'delete' }]]);
    });

    it('does not report a prefix rule with a live page under it: the page is served, the rule sends on the rest', () => {
      const rule = { from: '/blog/old/', to: '/blog/new/', match: 'prefix' as const };
      expect(summary([rule], live('/blog/new/a', '/blog/old/still-here'))).toEqual([]);
      // The category page itself does not start with the prefix: the rule does not answer it.
      expect(summary([rule], live('/blog/new/a', '/blog/old'))).toEqual([]);
    });

    it('stops at a live page even when it lies under a prefix rule', () => {
      const redirects = [
        { from: '/story', to: '/blog/old/reborn' },
        { from: '/blog/old/', to: '/blog/new/', match: 'prefix' as const },
      ];
      expect(summary(redirects, live('/blog/old/reborn', '/blog/new/x'))).toEqual([]);
    });

    it('resolves an exact redirect whose target lies under a prefix rule', () => {
      const redirects = [
        { from: '/story', to: '/blog/old/story' },
        { from: '/blog/old/', to: '/blog/new/', match: 'prefix' as const },
      ];
      expect(summary(redirects, live('/blog/new/story'))).toEqual([['redirect-chain', '/story', { action: 'repoint', to: '/blog/new/story' }]]);
      expect(summary(redirects, live('/blog/new/other'))).toEqual([['redirect-chain', '/story', { action: 'delete' }]]);
    });

    it('chains prefix rules into a prefix target', () => {
      const redirects = [
        { from: '/blog/a/', to: '/blog/b/', match: 'prefix' as const },
        { from: '/blog/b/', to: '/blog/c/', match: 'prefix' as const },
      ];
      expect(summary(redirects, live('/blog/c/x'))).toEqual([['redirect-chain', '/blog/a/', { action: 'repoint', to: '/blog/c/' }]]);
    });

    it('looks up an exact rule before any prefix rule, and the longest prefix among prefix rules', () => {
      const redirects = [
        { from: '/start', to: '/blog/x/y/story' },
        { from: '/blog/x/y/story', to: '/exact' },
        { from: '/blog/x/', to: '/short/', match: 'prefix' as const },
        { from: '/blog/x/y/', to: '/long/', match: 'prefix' as const },
        { from: '/other', to: '/blog/x/y/z' },
      ];
      const findings = summary(redirects, live('/exact', '/short/y/z', '/long/z', '/short/q', '/long/q'));
      expect(findings).toEqual([
        ['redirect-chain', '/start', { action: 'repoint', to: '/exact' }],
        ['redirect-chain', '/other', { action: 'repoint', to: '/long/z' }],
      ]);
    });

    it('does not apply an exact rule to a prefix target', () => {
      const redirects = [
        { from: '/blog/a/', to: '/blog/b/', match: 'prefix' as const },
        { from: '/blog/b/', to: '/nowhere' },
      ];
      expect(summary(redirects, live('/blog/b/x', '/nowhere'))).toEqual([]);
    });

    it('takes a prefix rule that feeds itself a longer path for ever for a loop', () => {
      const redirects = [{ from: '/a/', to: '/a/b/', match: 'prefix' as const }];
      expect(summary(redirects, live('/z'))).toEqual([['redirect-loop', '/a/', { action: 'delete' }]]);
    });
  });

  it('checks a hundred thousand redirects against a hundred thousand live paths', () => {
    const paths = Array.from({ length: 100_000 }, (_, i) => `/blog/section-${i % 100}/story-${i}`);
    const redirects = paths.map((path, i) => ({ from: `/old${path}`, to: i % 1000 === 0 ? `/gone/${i}` : path }));
    redirects.push({ from: '/blog/section-1/', to: '/blog/section-2/', match: 'prefix' } as any);
    const findings = checkRedirects(redirects, new Set(paths));
    expect(findings.filter((f) => f.kind === 'dead-redirect')).toHaveLength(100);
    expect(findings.filter((f) => f.kind === 'shadowing-redirect')).toHaveLength(0);
  });
});
