export interface SiteTrailSettings {
  name: string;
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
