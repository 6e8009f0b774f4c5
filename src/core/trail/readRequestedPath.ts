/** The longest path a document can store (the `path` attributes' maxLength). */
export const MAX_PATH_LENGTH = 1500;

/**
 * The public path a frontend asks about, as Colophon stores paths: starting with "/", no
 * trailing slash (except the root), no query or fragment, no empty segment. Returns null when
 * `raw` cannot be such a path (not a string, relative, too long, a "." or ".." segment, a
 * control character), for the caller to answer 400 rather than look it up.
 */
export function readRequestedPath(raw: unknown): string | null {
  if (typeof raw !== 'string' || raw === '' || raw.length > MAX_PATH_LENGTH) return null;
  const withoutQuery = raw.replace(/[?#].*$/s, '');
  if (!withoutQuery.startsWith('/') || /[\u0000-\u001f\u007f\\]/.test(withoutQuery)) return null;
  const segments = withoutQuery.split('/').filter((segment) => segment !== '');
  if (segments.some((segment) => segment === '.' || segment === '..')) return null;
  return `/${segments.join('/')}`;
}
