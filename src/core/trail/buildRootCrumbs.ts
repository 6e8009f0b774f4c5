import { buildCrumb } from './buildCrumb';
import type { ResolvedTrailSettings } from './resolveTrailSettings';
import type { Crumb } from './types';

export function buildRootCrumbs(settings: ResolvedTrailSettings): Crumb[] {
  return [
    buildCrumb(settings.siteName, '/', settings.baseUrl),
    buildCrumb(settings.blogLabel, settings.blogPath || '/', settings.baseUrl),
  ];
}
