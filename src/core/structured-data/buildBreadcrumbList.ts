import type { BreadcrumbList } from 'schema-dts';
import type { Crumb } from '../trail';
import { isAbsoluteUrl } from './isAbsoluteUrl';

/**
 * The schema.org BreadcrumbList of a trail, or null when it cannot be valid: Google's
 * structured-data guidelines require every `item` to be an absolute URL, so a site with no
 * base URL (relative crumbs) gets no list rather than one that search engines report as
 * invalid. Positions count from 1; a crumb that repeats the previous one's URL (the blog
 * index when the blog is the site root) is listed once.
 */
export function buildBreadcrumbList(crumbs: readonly Crumb[]): BreadcrumbList | null {
  if (crumbs.some((crumb) => !isAbsoluteUrl(crumb.url))) return null;
  const distinct = crumbs.filter((crumb, index) => index === 0 || crumb.url !== crumbs[index - 1].url);
  return {
    '@type': 'BreadcrumbList',
    itemListElement: distinct.map((crumb, index) => ({
      '@type': 'ListItem',
      position: index + 1,
      name: crumb.label,
      item: crumb.url,
    })),
  };
}
