export type { AttributionFacts, DateInput, NewsArticleInput, OrganizationFact, TranslatorFact } from './types';
export { buildBreadcrumbList } from './buildBreadcrumbList';
export { buildNewsArticle } from './buildNewsArticle';
export { buildStructuredData } from './buildStructuredData';
export type { StructuredDataInput } from './buildStructuredData';
export { omitEmpty } from './omitEmpty';
