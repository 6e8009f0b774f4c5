export interface TranslatorFact {
  name: string;
  kind: 'person' | 'organization';
  url?: string;
}

/** A Person or an Organization credited for a work. */
export type AgentFact = TranslatorFact;

/** What the photo credit and its Source say about the article's image. */
export interface PhotoFact {
  caption?: string;
  /** The credit line for the image, e.g. "Jane Doe – AFP". */
  creditText?: string;
  creator?: AgentFact;
  copyrightNotice?: string;
  /** A URL, or the licence's name when it has none. */
  license?: string;
  acquireLicensePage?: string;
}

/** The Site, as schema.org's publisher. */
export interface PublisherFact {
  name: string;
  url?: string;
  /** Absolute URL of the logo image. */
  logo?: string;
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
  /** From the author credits: persons, else the Source that wrote it. */
  authors?: AgentFact[];
  photo?: PhotoFact;
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
  publisher?: PublisherFact | null;
  /** The article's image (its cover); only an absolute http(s) URL is used. */
  image?: { url: string; caption?: string | null } | null;
}
