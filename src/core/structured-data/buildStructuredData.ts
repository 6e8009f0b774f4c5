import type { Graph, NewsArticle, Thing } from 'schema-dts';
import type { Crumb } from '../trail';
import { buildBreadcrumbList } from './buildBreadcrumbList';

export interface StructuredDataInput {
  article?: NewsArticle | null;
  breadcrumbs: readonly Crumb[];
}

export function buildStructuredData(input: StructuredDataInput): Graph {
  const graph: Thing[] = [];
  if (input.article) graph.push(input.article);
  const breadcrumbList = buildBreadcrumbList(input.breadcrumbs);
  if (breadcrumbList) graph.push(breadcrumbList);
  return { '@context': 'https://schema.org', '@graph': graph };
}
