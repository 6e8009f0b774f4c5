export type {
  ArticleTrail,
  CategoryTrail,
  Crumb,
  LocalePrefix,
  SiteTrailSettings,
  TrailArticle,
  TrailSegment,
} from './types';
export { TrailError } from './TrailError';
export type { TrailErrorCode } from './TrailError';
export { DEFAULT_BLOG_PATH, normalizeBlogPath } from './normalizeBlogPath';
export { DEFAULT_BLOG_LABEL, DEFAULT_BREADCRUMB_SEPARATOR, resolveTrailSettings } from './resolveTrailSettings';
export type { ResolvedTrailSettings } from './resolveTrailSettings';
export { buildCategoryTrail } from './buildCategoryTrail';
export { buildArticleTrail } from './buildArticleTrail';
export { renderBreadcrumbText } from './renderBreadcrumbText';
export { resolveAncestorIds } from './resolveAncestorIds';
export { buildChildrenMap } from './buildChildrenMap';
export { subtreeHeight } from './subtreeHeight';
export { checkCategoryMove } from './checkCategoryMove';
export { planRedirect } from './planRedirect';
export type { Redirect, RedirectPlan } from './planRedirect';
export { isCoveredByPrefix, planPrefixMoves, toPrefixRule } from './planPrefixMoves';
export type { PathMove, PrefixRule } from './planPrefixMoves';
export { prefixCandidates, resolveRedirect } from './resolveRedirect';
export type { RedirectMatch, RedirectRule, ResolvedRedirect } from './resolveRedirect';
export { DEFAULT_LOCALE_PREFIX, localePathPrefix } from './localePathPrefix';
export { MAX_PATH_LENGTH, readRequestedPath } from './readRequestedPath';
export { readPathLocale } from './readPathLocale';
export { findReservedPath } from './findReservedPath';
export { findTreeRoot } from './findTreeRoot';
export { findReservedConflicts, planReservedPaths, rootSlugAt } from './planReservedPaths';
export type { ReservedPath } from './planReservedPaths';
