/** What an editor reads of an article's JSON-LD at a glance, one plain string per fact. */
export interface StructuredDataSummary {
  /** The schema.org types in the graph, in order, e.g. ['NewsArticle', 'BreadcrumbList']. */
  types: string[];
  headline: string | null;
  inLanguage: string | null;
  datePublished: string | null;
  dateModified: string | null;
  /** Names of the authors (Person or Organization). */
  authors: string[];
  publisher: string | null;
  /** The image's URL; null when the article has no absolute cover URL. */
  image: string | null;
  /** The original work's URL (isBasedOn), for a translation or republication. */
  isBasedOn: string | null;
  translator: string | null;
  sourceOrganization: string | null;
  /** How many items the BreadcrumbList holds (0 when it was left out). */
  breadcrumbItems: number;
}

type Node = Record<string, unknown>;

const text = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null);
const nameOf = (value: unknown): string | null => (value && typeof value === 'object' ? text((value as Node).name) : null);
const typeOf = (node: Node): string => (Array.isArray(node['@type']) ? node['@type'].join('/') : String(node['@type'] ?? '?'));

/**
 * Summarises a `{ '@context', '@graph' }` document as buildStructuredData makes it: the facts
 * Google's Article rich result reads (headline, dates, author, publisher, image) and where the
 * work comes from. Anything missing or of another shape reads as null, an empty list or 0: the
 * summary describes, it never throws.
 */
export function summarizeStructuredData(document: unknown): StructuredDataSummary {
  const graph = document && typeof document === 'object' && Array.isArray((document as Node)['@graph']) ? ((document as Node)['@graph'] as unknown[]) : [];
  const nodes = graph.filter((node): node is Node => Boolean(node) && typeof node === 'object');
  const article = nodes.find((node) => typeOf(node) === 'NewsArticle') ?? {};
  const list = nodes.find((node) => typeOf(node) === 'BreadcrumbList');
  const author = article.author;
  const image = article.image;
  return {
    types: nodes.map(typeOf),
    headline: text(article.headline),
    inLanguage: text(article.inLanguage),
    datePublished: text(article.datePublished),
    dateModified: text(article.dateModified),
    authors: (Array.isArray(author) ? author : author ? [author] : []).map(nameOf).filter((name): name is string => name !== null),
    publisher: nameOf(article.publisher),
    image: typeof image === 'string' ? image : image && typeof image === 'object' ? text((image as Node).url) : null,
    isBasedOn: typeof article.isBasedOn === 'string' ? article.isBasedOn : nameOf(article.isBasedOn),
    translator: nameOf(article.translator),
    sourceOrganization: nameOf(article.sourceOrganization),
    breadcrumbItems: list && Array.isArray(list.itemListElement) ? list.itemListElement.length : 0,
  };
}
