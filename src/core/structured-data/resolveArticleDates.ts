import type { DateInput } from './types';

export interface ArticleDateFacts {
  /** When the document was first published in this locale; kept through every republish. */
  firstPublishedAt?: DateInput | unknown;
  /** When this version was published: Strapi resets it on every publish. Null on a draft. */
  publishedAt?: DateInput | unknown;
  updatedAt?: DateInput | unknown;
}

export interface ArticleDates {
  datePublished: string | null;
  dateModified: string | null;
}

function toIso(value: unknown): string | null {
  if (value === null || value === undefined || value === '') return null;
  const date = value instanceof Date ? value : new Date(value as string | number);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

/**
 * schema.org's datePublished and dateModified for one stored version (ISO 8601 strings, or
 * null when unknown).
 *
 * datePublished is the first publication, so a corrected and republished article keeps its
 * date (Google reads it as the article's date in results); `publishedAt` stands in only for
 * rows stored before firstPublishedAt was recorded. dateModified is the last published change,
 * i.e. the publish that produced this version (a draft's last edit for a draft), and is never
 * earlier than datePublished: Google's Article guidance asks that the two be consistent
 * (developers.google.com/search/docs/appearance/structured-data/article).
 */
export function resolveArticleDates(facts: ArticleDateFacts): ArticleDates {
  const published = toIso(facts.publishedAt);
  const datePublished = toIso(facts.firstPublishedAt) ?? published;
  const changed = published ?? toIso(facts.updatedAt);
  const dateModified = changed && datePublished && changed < datePublished ? datePublished : (changed ?? datePublished);
  return { datePublished, dateModified };
}
