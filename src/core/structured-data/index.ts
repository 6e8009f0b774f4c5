export type { AgentFact, AttributionFacts, DateInput, NewsArticleInput, OrganizationFact, PhotoFact, PublisherFact, TranslatorFact } from './types';
export { buildBreadcrumbList } from './buildBreadcrumbList';
export { buildNewsArticle } from './buildNewsArticle';
export { buildStructuredData } from './buildStructuredData';
export { resolveArticleDates } from './resolveArticleDates';
export { renderJsonLdScript } from './renderJsonLdScript';
export type { ArticleDateFacts, ArticleDates } from './resolveArticleDates';
export type { StructuredDataInput } from './buildStructuredData';
export { omitEmpty } from './omitEmpty';
