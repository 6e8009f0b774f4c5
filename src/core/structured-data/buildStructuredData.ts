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
  graph.push(buildBreadcrumbList(input.breadcrumbs));
  return { '@context': 'https://schema.org', '@graph': graph };
}
