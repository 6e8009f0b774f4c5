import type { Core } from '@strapi/strapi';
import { buildSeo, describeAttributionFacts, renderAttribution, type Credit, type SeoPolicy } from '../../core/attribution';
import { buildNewsArticle, buildStructuredData } from '../../core/structured-data';
import { buildArticleTrail, type SiteTrailSettings } from '../../core/trail';
import { colophonConfig, type TrailTarget } from '../colophon-config';
import type { CategoryTree } from '../trails/category-tree';

/** What derivation needs of one row of a trail target. */
export interface TargetRow {
  id: number;
  documentId: string;
  locale: string | null;
  publishedAt: unknown;
  updatedAt: unknown;
  title: string;
  slug: string;
  path: string | null;
  categoryId: number | null;
  excerpt: string | null;
  syndication: string | null;
}

export interface DerivationInputs {
  site: SiteTrailSettings;
  tree: CategoryTree;
}

/** Which derived attributes a target's schema declares: a developer's type may carry trails only. */
export function derivedAttributesOf(strapi: Core.Strapi, uid: string) {
  const attributes = strapi.contentType(uid as any).attributes as Record<string, unknown>;
  const { creditsField } = colophonConfig(strapi).attribution;
  return {
    breadcrumbText: 'breadcrumbText' in attributes,
    path: 'path' in attributes,
    structuredData: 'structuredData' in attributes,
    attribution: 'attribution' in attributes && creditsField in attributes,
    seo: 'seo' in attributes,
    excerpt: 'excerpt' in attributes,
    syndication: colophonConfig(strapi).attribution.syndicationField in attributes,
  };
}

/**
 * The derived values of one row, from its own data only: the draft and the published version
 * each get the trail and footer of what they hold.
 */
export function deriveTargetValues(
  strapi: Core.Strapi,
  target: TrailTarget,
  row: TargetRow,
  inputs: DerivationInputs,
  credits: Credit[] | null
): Record<string, unknown> {
  const has = derivedAttributesOf(strapi, target.uid);
  const locale = row.locale ?? 'en';
  const trail = buildArticleTrail(
    inputs.site,
    inputs.tree.segments(row.categoryId),
    { title: row.title, slug: row.slug },
    row.locale
  );
  const ownUrl = trail.breadcrumbs[trail.breadcrumbs.length - 1]?.url ?? null;

  const values: Record<string, unknown> = { breadcrumbs: trail.breadcrumbs };
  if (has.breadcrumbText) values.breadcrumbText = trail.breadcrumbText;
  if (has.path) values.path = trail.path;
  if (has.attribution && credits) values.attribution = renderAttribution(credits, locale);
  if (has.seo) values.seo = buildSeo((row.syndication as SeoPolicy | null) ?? 'canonical', credits ?? [], ownUrl);
  if (has.structuredData) {
    const article = credits
      ? buildNewsArticle({
          headline: row.title,
          url: ownUrl,
          inLanguage: locale,
          datePublished: row.publishedAt as string | null,
          dateModified: row.updatedAt as string | null,
          description: row.excerpt,
          attribution: describeAttributionFacts(credits, locale),
        })
      : undefined;
    values.structuredData = buildStructuredData({ article, breadcrumbs: trail.breadcrumbs });
  }
  return values;
}
