import { normalizeBlogPath } from '../../../src/core/trail';

describe('normalizeBlogPath', () => {
  it.each([
    ['/blog', '/blog'],
    ['blog', '/blog'],
    ['/blog/', '/blog'],
    ['//news//blog//', '/news/blog'],
    [' /blog ', '/blog'],
    ['', ''],
    ['/', ''],
  ])('%j -> %j', (input, expected) => {
    expect(normalizeBlogPath(input)).toBe(expected);
  });

  it('uses /blog when the setting was never filled in', () => {
    expect(normalizeBlogPath(null)).toBe('/blog');
    expect(normalizeBlogPath(undefined)).toBe('/blog');
  });
});
