export interface TranslatorFact {
  name: string;
  kind: 'person' | 'organization';
  url?: string;
}

export interface OrganizationFact {
  name: string;
  url?: string;
}

/** What the credits say about where an article comes from, ready for schema.org. */
export interface AttributionFacts {
  originalUrl?: string;
  isTranslation: boolean;
  originalLanguage?: string;
  translator?: TranslatorFact;
  sourceOrganization?: OrganizationFact;
  creditText?: string;
  copyrightNotice?: string;
  /** A URL, or the licence's name when it has none. */
  license?: string;
}

export type DateInput = string | Date | null | undefined;

export interface NewsArticleInput {
  headline: string;
  url?: string | null;
  inLanguage: string;
  datePublished?: DateInput;
  dateModified?: DateInput;
  description?: string | null;
  attribution: AttributionFacts;
}
