import type { Core } from '@strapi/strapi';
import { buildSeo, describeAttributionFacts, renderAttribution, type Credit, type SeoOverride } from '../../core/attribution';
import { buildNewsArticle, buildStructuredData, renderJsonLdScript, resolveArticleDates, type PublisherFact } from '../../core/structured-data';
import type { CoverImage } from '../attribution/load-covers';
import { buildArticleTrail, resolveTrailSettings, type SiteTrailSettings } from '../../core/trail';
import { feedLinks } from '../../core/discovery';
import { colophonConfig, type TrailTarget } from '../colophon-config';
import type { CategoryTree } from '../trails/category-tree';

/** What derivation needs of one row of a trail target. */
export interface TargetRow {
  id: number;
  documentId: string;
  locale: string | null;
  publishedAt: unknown;
  /** Strapi's own record of the first publication (the experimental_firstPublishedAt future flag). */
  firstPublishedAt?: unknown;
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
  /** The Site as schema.org publisher (name, url, logo). */
  publisher?: PublisherFact | null;
}

/** Which derived attributes a target's schema declares: a developer's type may carry trails only. */
export function derivedAttributesOf(strapi: Core.Strapi, uid: string) {
  const attributes = strapi.contentType(uid as any).attributes as Record<string, unknown>;
  const { creditsField } = colophonConfig(strapi).attribution;
  return {
    breadcrumbText: 'breadcrumbText' in attributes,
    path: 'path' in attributes,
    structuredData: 'structuredData' in attributes,
    structuredDataHtml: 'structuredData' in attributes && 'structuredDataHtml' in attributes,
    attribution: 'attribution' in attributes && creditsField in attributes,
    seo: 'seo' in attributes,
    excerpt: 'excerpt' in attributes,
    syndication: colophonConfig(strapi).attribution.syndicationField in attributes,
    firstPublishedAt: 'firstPublishedAt' in attributes,
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
  credits: Credit[] | null,
  cover: CoverImage | null = null
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
  if (has.seo) {
    const category = row.categoryId === null ? undefined : inputs.tree.nodes.get(row.categoryId);
    const { baseUrl, siteName } = resolveTrailSettings(inputs.site);
    values.seo = {
      ...buildSeo({ credits: credits ?? [], override: row.syndication as SeoOverride | null, locale, ownUrl }),
      // The site's feeds and its category's, for <link rel="alternate"> autodiscovery.
      feeds: feedLinks({ baseUrl, siteName, locale, category: category ? { documentId: category.documentId, name: category.name } : null }),
    };
  }
  if (has.structuredData) {
    const article = credits
      ? buildNewsArticle({
          headline: row.title,
          url: ownUrl,
          inLanguage: locale,
          ...resolveArticleDates(row),
          description: row.excerpt,
          attribution: describeAttributionFacts(credits, locale),
          publisher: inputs.publisher,
          image: cover,
        })
      : undefined;
    values.structuredData = buildStructuredData({ article, breadcrumbs: trail.breadcrumbs });
    if (has.structuredDataHtml) values.structuredDataHtml = renderJsonLdScript(values.structuredData);
  }
  return values;
}
