export const CREDIT_ROLES = ['original', 'author', 'photo', 'translation', 'adaptation', 'via'] as const;

export type CreditRole = (typeof CREDIT_ROLES)[number];

export interface CreditSource {
  name: string;
  kind?: 'outlet' | 'agency' | 'person' | null;
  website?: string | null;
  license?: string | null;
  licenseUrl?: string | null;
  allowsRepublication?: boolean | null;
  /** The language the source publishes in (BCP 47), when the credit does not say. */
  language?: string | null;
  /** What the source's agreement asks of a republication of its pages; null means noindex. */
  syndication?: SourceAgreement | null;
  /** Where a licence to reuse the source's work can be obtained (schema.org acquireLicensePage). */
  acquireLicensePage?: string | null;
}

export interface Credit {
  role: CreditRole;
  source?: CreditSource | null;
  person?: string | null;
  url?: string | null;
  title?: string | null;
  language?: string | null;
  caption?: string | null;
  note?: string | null;
}

export interface CreditLine {
  role: CreditRole;
  label: string;
  /** The value shown after the label, already cleaned but not escaped. */
  text: string;
  /** Only ever an absolute http(s) URL. */
  url: string | null;
}

export interface Attribution {
  text: string;
  html: string;
  markdown: string;
  lines: CreditLine[];
}

/**
 * What a syndication agreement asks of a partner who republishes a page, after Google's
 * guidance on syndicated content: keep the copy out of search (`noindex`), out of Google News
 * only (`googlebot-news-noindex`), or point a rel=canonical at the page republished
 * (`canonical`, only ever within one language).
 */
export const SOURCE_AGREEMENTS = ['noindex', 'googlebot-news-noindex', 'canonical'] as const;
export type SourceAgreement = (typeof SOURCE_AGREEMENTS)[number];

/**
 * An article's own choice: `default` follows the relationship (and, for a republication, the
 * source's agreement); `index` treats it as our own work; the others as for an agreement.
 */
export const SEO_OVERRIDES = ['default', 'index', ...SOURCE_AGREEMENTS] as const;
export type SeoOverride = (typeof SEO_OVERRIDES)[number];

/** Who did the work an article publishes; see classifyRelationship. */
export type Relationship = 'own' | 'translation' | 'adaptation' | 'republication';

/** Ready for `<link rel="canonical">`, `<meta name="robots">` and `<meta name="googlebot-news">`. */
export interface SeoDirectives {
  /** Absolute URL for rel=canonical, or null for no link. */
  canonicalUrl: string | null;
  /** Content of `<meta name="robots">`. */
  robots: 'index, follow' | 'noindex, follow';
  /** Content of `<meta name="googlebot-news">`, or null for no tag. */
  googlebotNews: 'noindex' | null;
}
