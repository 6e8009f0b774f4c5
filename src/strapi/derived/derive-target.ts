import type { Core } from '@strapi/strapi';
import { buildArticleTrail, type SiteTrailSettings } from '../../core/trail';
import { buildStructuredData } from '../../core/structured-data';
import type { TrailTarget } from '../colophon-config';
import type { CategoryTree } from './category-tree';

/** What a cascade needs of one row of a trail target. */
export interface TargetRow {
  id: number;
  documentId: string;
  locale: string | null;
  publishedAt: unknown;
  title: string;
  slug: string;
  path: string | null;
  categoryId: number | null;
}

export interface DerivationInputs {
  site: SiteTrailSettings;
  tree: CategoryTree;
}

/**
 * The derived values of one row, from its own data only: the draft and the published version
 * each get the trail of what they hold. Only attributes the target's schema declares are
 * written, so a developer's new type may carry breadcrumbs without structured data.
 */
export function deriveTargetValues(
  strapi: Core.Strapi,
  target: TrailTarget,
  row: TargetRow,
  inputs: DerivationInputs
): Record<string, unknown> {
  const trail = buildArticleTrail(inputs.site, inputs.tree.segments(row.categoryId), {
    title: row.title,
    slug: row.slug,
  });
  const attributes = strapi.contentType(target.uid as any).attributes as Record<string, unknown>;
  const values: Record<string, unknown> = { breadcrumbs: trail.breadcrumbs };
  if ('breadcrumbText' in attributes) values.breadcrumbText = trail.breadcrumbText;
  if ('path' in attributes) values.path = trail.path;
  if ('structuredData' in attributes) {
    values.structuredData = buildStructuredData({ breadcrumbs: trail.breadcrumbs });
  }
  return values;
}

