import { buildCrumb } from './buildCrumb';
import { buildRootCrumbs } from './buildRootCrumbs';
import { localePathPrefix } from './localePathPrefix';
import { resolveTrailSettings, type ResolvedTrailSettings } from './resolveTrailSettings';
import type { CategoryTrail, SiteTrailSettings, TrailSegment } from './types';

export function buildCategoryCrumbs(
  settings: ResolvedTrailSettings,
  ancestry: readonly TrailSegment[],
  locale?: string | null
): CategoryTrail {
  const prefix = localePathPrefix(settings, locale);
  const breadcrumbs = buildRootCrumbs(settings, prefix);
  let path = prefix + settings.blogPath;
  for (const segment of ancestry) {
    path = `${path}/${segment.slug}`;
    breadcrumbs.push(buildCrumb(segment.label, path, settings.baseUrl));
  }
  return { path: path || '/', breadcrumbs };
}

/** `ancestry` runs root first and ends with the category itself; `locale` decides the path's prefix (localePathPrefix). */
export function buildCategoryTrail(site: SiteTrailSettings, ancestry: readonly TrailSegment[], locale?: string | null): CategoryTrail {
  if (ancestry.length === 0) {
    throw new RangeError('A category trail needs at least the category itself');
  }
  return buildCategoryCrumbs(resolveTrailSettings(site), ancestry, locale);
}
