import { buildCrumb } from './buildCrumb';
import type { ResolvedTrailSettings } from './resolveTrailSettings';
import type { Crumb } from './types';

/**
 * Home, then the blog index, both under the locale's prefix ("/en", "/en/blog"); only home
 * when the blog is the site root, or home would appear twice.
 */
export function buildRootCrumbs(settings: ResolvedTrailSettings, prefix = ''): Crumb[] {
  const home = buildCrumb(settings.siteName, prefix || '/', settings.baseUrl);
  return settings.blogPath === '' ? [home] : [home, buildCrumb(settings.blogLabel, prefix + settings.blogPath, settings.baseUrl)];
}
