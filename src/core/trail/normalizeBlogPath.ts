export const DEFAULT_BLOG_PATH = '/blog';

/**
 * Returns "" when categories hang directly off the site root, so callers can
 * always write `blogPath + "/" + slug` without producing "//".
 */
export function normalizeBlogPath(blogPath: string | null | undefined): string {
  // null means "never configured", whereas "" is an explicit choice of the root.
  if (blogPath === null || blogPath === undefined) return DEFAULT_BLOG_PATH;
  const segments = blogPath.trim().split('/').filter((segment) => segment !== '');
  return segments.length === 0 ? '' : `/${segments.join('/')}`;
}
