/**
 * What Google's rich results ask of JSON-LD, as explicit checks. Returns the problems found,
 * empty when the node passes.
 *
 * Article (NewsArticle): no required property; recommended author (name, url), dateModified,
 * datePublished, headline, image
 * (developers.google.com/search/docs/appearance/structured-data/article).
 * BreadcrumbList: itemListElement of ListItems with position, name and item, item optional on
 * the last one (developers.google.com/search/docs/appearance/structured-data/breadcrumb).
 * Every URL must be absolute.
 */
const ISO_8601 = /^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d+)?)?(Z|[+-]\d\d:\d\d)$/;
const URL_KEYS = new Set(['url', 'item', '@id', 'contentUrl', 'license', 'isBasedOn', 'acquireLicensePage', 'logo']);

export function isAbsoluteHttpUrl(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  try {
    const url = new URL(value);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.hostname !== '' && value === value.trim();
  } catch {
    return false;
  }
}

/** Every value under a URL-valued key, anywhere in the tree, that is not an absolute http(s) URL. */
export function findRelativeUrls(node: unknown, path = '$'): string[] {
  if (Array.isArray(node)) return node.flatMap((item, index) => findRelativeUrls(item, `${path}[${index}]`));
  if (!node || typeof node !== 'object') return [];
  return Object.entries(node as Record<string, unknown>).flatMap(([key, value]) => {
    if (URL_KEYS.has(key) && typeof value === 'string' && !isAbsoluteHttpUrl(value)) return [`${path}.${key} = ${value}`];
    return findRelativeUrls(value, `${path}.${key}`);
  });
}

export interface ArticleExpectations {
  /** Recommended but only given when the article has an image. */
  image?: boolean;
}

export function checkNewsArticle(node: any, expectations: ArticleExpectations = {}): string[] {
  const problems: string[] = [];
  if (node?.['@type'] !== 'NewsArticle') return [`@type is ${node?.['@type']}`];
  if (typeof node.headline !== 'string' || node.headline.trim() === '') problems.push('headline missing');
  for (const key of ['datePublished', 'dateModified']) {
    if (!ISO_8601.test(node[key] ?? '')) problems.push(`${key} is not ISO 8601 with a time zone: ${node[key]}`);
  }
  if (Date.parse(node.dateModified) < Date.parse(node.datePublished)) problems.push('dateModified is earlier than datePublished');
  const authors = Array.isArray(node.author) ? node.author : node.author ? [node.author] : [];
  if (authors.length === 0) problems.push('author missing');
  for (const author of authors) {
    if (author['@type'] !== 'Person' && author['@type'] !== 'Organization') problems.push(`author @type ${author['@type']}`);
    if (typeof author.name !== 'string' || author.name.trim() === '') problems.push('author without a name');
  }
  if (!isAbsoluteHttpUrl(node.url)) problems.push('url missing');
  if (node.publisher) {
    if (node.publisher['@type'] !== 'Organization' || !node.publisher.name) problems.push('publisher is not a named Organization');
  } else problems.push('publisher missing');
  if (expectations.image) {
    const image = node.image;
    if (image?.['@type'] !== 'ImageObject' || !isAbsoluteHttpUrl(image.contentUrl)) problems.push('image missing');
  }
  problems.push(...findRelativeUrls(node).map((where) => `relative URL at ${where}`));
  return problems;
}

export function checkBreadcrumbList(node: any): string[] {
  const problems: string[] = [];
  if (node?.['@type'] !== 'BreadcrumbList') return [`@type is ${node?.['@type']}`];
  const items = node.itemListElement;
  if (!Array.isArray(items) || items.length === 0) return ['itemListElement empty'];
  items.forEach((item: any, index: number) => {
    if (item['@type'] !== 'ListItem') problems.push(`item ${index} is not a ListItem`);
    if (item.position !== index + 1) problems.push(`item ${index} has position ${item.position}`);
    if (typeof item.name !== 'string' || item.name === '') problems.push(`item ${index} has no name`);
    if (index < items.length - 1 && !isAbsoluteHttpUrl(item.item)) problems.push(`item ${index} has no absolute item URL`);
  });
  problems.push(...findRelativeUrls(node).map((where) => `relative URL at ${where}`));
  return problems;
}
