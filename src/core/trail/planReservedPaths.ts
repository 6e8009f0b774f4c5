import { findReservedPath } from './findReservedPath';
import { localePathPrefix } from './localePathPrefix';
import { resolveTrailSettings } from './resolveTrailSettings';
import type { SiteTrailSettings } from './types';

/** A path the Site keeps for itself in one locale's URL space: no article or category may live there. */
export interface ReservedPath {
  locale: string;
  path: string;
  /** What the path is, as a refusal names it: "the home page of locale en". */
  reason: string;
}

/**
 * Every path the Site reserves, per locale of `locales` (the site's locale codes): each
 * locale's home page ("/" or "/en") and blog index ("/blog", "/en/blog"; none when the blog
 * is the site root, where it is the home page), and, in the URL space of a locale whose paths
 * carry no prefix, every other locale's prefix ("/en"): a French page there would be read as
 * the English home, and everything below it as English pages. The list may name one
 * (locale, path) twice when settings make two of these coincide (a blog path of "/en" on a
 * French site with English pages); findReservedConflicts reports those.
 */
export function planReservedPaths(
  site: Pick<SiteTrailSettings, 'localePrefix' | 'defaultLocale' | 'blogPath' | 'name'>,
  locales: readonly string[]
): ReservedPath[] {
  const { blogPath } = resolveTrailSettings({ ...site, name: site.name ?? '' });
  const reserved: ReservedPath[] = [];
  for (const locale of locales) {
    const prefix = localePathPrefix(site, locale);
    reserved.push({ locale, path: prefix || '/', reason: `the home page of locale ${locale}` });
    if (blogPath) reserved.push({ locale, path: prefix + blogPath, reason: `the blog index of locale ${locale}` });
    if (prefix !== '') continue;
    for (const other of locales) {
      const otherPrefix = localePathPrefix(site, other);
      if (other !== locale && otherPrefix !== '') {
        reserved.push({ locale, path: otherPrefix, reason: `the URL space of locale ${other} (${otherPrefix}/…)` });
      }
    }
  }
  return reserved;
}

/**
 * The reserved paths that settings make collide, as readable sentences, first one first: two
 * reservations of one (locale, path) (a blog index on another locale's home), and a blog index
 * inside another locale's URL space (a blog path of "/en/blog" on a French site whose English
 * pages live under "/en"). Empty when the settings are sound.
 */
export function findReservedConflicts(
  site: Pick<SiteTrailSettings, 'localePrefix' | 'defaultLocale' | 'blogPath' | 'name'>,
  locales: readonly string[]
): string[] {
  const problems: string[] = [];
  const seen = new Map<string, ReservedPath>();
  for (const entry of planReservedPaths(site, locales)) {
    const key = `${entry.locale}\u0000${entry.path}`;
    const earlier = seen.get(key);
    if (earlier) problems.push(`${earlier.reason} and ${entry.reason} would both be ${entry.path}`);
    else seen.set(key, entry);
    if (entry.reason.startsWith('the blog index')) {
      const inside = findReservedPath(entry.path, site, entry.locale, locales);
      if (inside && !earlier) problems.push(`${entry.reason} would be ${entry.path}, inside ${inside}`);
    }
  }
  return problems;
}

/**
 * The slug a page at the root of `locale`'s blog (a category with no parent, an article with no
 * category) would need to live at `path`, or null when no such page can: `path` is not one
 * segment below the blog. Site edits use it to find the pages a new reservation would land on.
 */
export function rootSlugAt(
  site: Pick<SiteTrailSettings, 'localePrefix' | 'defaultLocale' | 'blogPath' | 'name'>,
  locale: string,
  path: string
): string | null {
  const base = localePathPrefix(site, locale) + resolveTrailSettings({ ...site, name: site.name ?? '' }).blogPath;
  if (!path.startsWith(`${base}/`)) return null;
  const rest = path.slice(base.length + 1);
  return rest !== '' && !rest.includes('/') ? rest : null;
}
