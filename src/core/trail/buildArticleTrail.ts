import { buildCategoryCrumbs } from './buildCategoryTrail';
import { buildCrumb } from './buildCrumb';
import { renderBreadcrumbText } from './renderBreadcrumbText';
import { resolveTrailSettings } from './resolveTrailSettings';
import type { ArticleTrail, SiteTrailSettings, TrailArticle, TrailSegment } from './types';

/**
 * `ancestry` lists the article's categories root first; empty files it under the blog.
 * `locale` decides the path's prefix (localePathPrefix).
 */
export function buildArticleTrail(
  site: SiteTrailSettings,
  ancestry: readonly TrailSegment[],
  article: TrailArticle,
  locale?: string | null,
): ArticleTrail {
  const settings = resolveTrailSettings(site);
  const category = buildCategoryCrumbs(settings, ancestry, locale);
  // category.path is "/" for a root blog; the article must not start with "//".
  const parentPath = category.path === '/' ? '' : category.path;
  const path = `${parentPath}/${article.slug}`;
  const breadcrumbs = [...category.breadcrumbs, buildCrumb(article.title, path, settings.baseUrl)];
  return { path, breadcrumbs, breadcrumbText: renderBreadcrumbText(breadcrumbs, settings.separator) };
}
