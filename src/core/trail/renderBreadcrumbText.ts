import { DEFAULT_BREADCRUMB_SEPARATOR } from './resolveTrailSettings';
import type { Crumb } from './types';

export function renderBreadcrumbText(crumbs: readonly Crumb[], separator: string = DEFAULT_BREADCRUMB_SEPARATOR): string {
  return crumbs.map((crumb) => crumb.label).join(separator);
}
