/** Where a locale appears in public paths; see localePathPrefix. */
export type LocalePrefix = 'prefix-except-default' | 'prefix-always' | 'none';

export interface SiteTrailSettings {
  name: string;
  /** The locale whose paths carry no prefix under `prefix-except-default`. */
  defaultLocale?: string | null;
  localePrefix?: LocalePrefix | null;
  baseUrl?: string | null;
  blogLabel?: string | null;
  blogPath?: string | null;
  breadcrumbSeparator?: string | null;
}

export interface TrailSegment {
  label: string;
  slug: string;
}

export interface Crumb {
  label: string;
  path: string;
  url: string;
}

export interface CategoryTrail {
  path: string;
  breadcrumbs: Crumb[];
}

export interface ArticleTrail {
  path: string;
  breadcrumbs: Crumb[];
  breadcrumbText: string;
}

export interface TrailArticle {
  title: string;
  slug: string;
}
