import { prefixCandidates, resolveRedirect, type RedirectRule } from '../../../src/core/trail';

describe('prefixCandidates', () => {
  it('lists each ancestor of a path with a trailing slash, longest first', () => {
    expect(prefixCandidates('/blog/monde/asie/x')).toEqual(['/blog/monde/asie/', '/blog/monde/', '/blog/', '/']);
  });

  it('handles a path that itself ends with a slash, and the root', () => {
    expect(prefixCandidates('/blog/monde/')).toEqual(['/blog/', '/']);
    expect(prefixCandidates('/')).toEqual([]);
  });
});

describe('resolveRedirect: exact rules first, then the longest prefix, never a live path', () => {
  const rules: RedirectRule[] = [
    { from: '/blog/monde/', to: '/blog/international/', match: 'prefix' },
    { from: '/blog/monde/asie/', to: '/blog/asie/', match: 'prefix' },
    { from: '/blog/monde/asie/vieux', to: '/blog/asie/neuf' },
  ];

  it('carries the rest of the path over under the longest matching prefix', () => {
    expect(resolveRedirect('/blog/monde/asie/coree/x', rules, false)).toMatchObject({
      to: '/blog/asie/coree/x',
      match: 'prefix',
      statusCode: 301,
    });
    expect(resolveRedirect('/blog/monde/europe/y', rules, false)?.to).toBe('/blog/international/europe/y');
  });

  it('prefers an exact rule to any prefix', () => {
    expect(resolveRedirect('/blog/monde/asie/vieux', rules, false)).toMatchObject({ to: '/blog/asie/neuf', match: 'exact' });
  });

  it('never redirects a path where a page lives now', () => {
    expect(resolveRedirect('/blog/monde/asie/vieux', rules, true)).toBeNull();
    expect(resolveRedirect('/blog/monde/europe/y', rules, true)).toBeNull();
  });

  it('answers null where no rule applies, and does not treat a prefix rule as an exact one', () => {
    expect(resolveRedirect('/blog/autre', rules, false)).toBeNull();
    expect(resolveRedirect('/blog/monde', rules, false)).toBeNull();
  });

  it('keeps a stored status code', () => {
    expect(resolveRedirect('/x', [{ from: '/x', to: '/y', statusCode: 308 }], false)?.statusCode).toBe(308);
  });
});
