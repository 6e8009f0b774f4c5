import { buildCrumb } from './buildCrumb';
import type { ResolvedTrailSettings } from './resolveTrailSettings';
import type { Crumb } from './types';

/** Home, then the blog index; only home when the blog is the site root, or home would appear twice. */
export function buildRootCrumbs(settings: ResolvedTrailSettings): Crumb[] {
  const home = buildCrumb(settings.siteName, '/', settings.baseUrl);
  return settings.blogPath === '' ? [home] : [home, buildCrumb(settings.blogLabel, settings.blogPath, settings.baseUrl)];
}
