export const CREDIT_ROLES = ['original', 'author', 'photo', 'translation', 'adaptation', 'via'] as const;

export type CreditRole = (typeof CREDIT_ROLES)[number];

export interface CreditSource {
  name: string;
  kind?: 'outlet' | 'agency' | 'person' | null;
  website?: string | null;
  license?: string | null;
  licenseUrl?: string | null;
  allowsRepublication?: boolean | null;
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

export type SeoPolicy = 'canonical' | 'noindex' | 'none';

export interface SeoDirectives {
  canonicalUrl: string | null;
  robots: string;
}
