import { stripInvisible } from '../text/stripInvisible';
import { normalizeBlogPath } from './normalizeBlogPath';
import type { LocalePrefix, SiteTrailSettings } from './types';
import { DEFAULT_LOCALE_PREFIX } from './localePathPrefix';

export const DEFAULT_BLOG_LABEL = 'Blog';
export const DEFAULT_BREADCRUMB_SEPARATOR = ' > ';

export interface ResolvedTrailSettings {
  siteName: string;
  baseUrl: string;
  blogLabel: string;
  /** "" when the blog is the site root. */
  blogPath: string;
  separator: string;
  defaultLocale: string | null;
  localePrefix: LocalePrefix;
}

function hasText(value: string | null | undefined): value is string {
  return typeof value === 'string' && value.trim() !== '';
}

export function resolveTrailSettings(site: SiteTrailSettings): ResolvedTrailSettings {
  return {
    // Every crumb, breadcrumbText and JSON-LD repeat these: no bidi override may ride along.
    siteName: stripInvisible(site.name),
    // Every page's URL is built on it: a query or fragment stored before Site writes refused
    // them would end up in the middle of each ("https://example.org/#top/blog/…").
    baseUrl: hasText(site.baseUrl) ? site.baseUrl.trim().replace(/[?#].*$/, '').replace(/\/+$/, '') : '',
    blogLabel: hasText(site.blogLabel) ? stripInvisible(site.blogLabel) : DEFAULT_BLOG_LABEL,
    blogPath: normalizeBlogPath(site.blogPath),
    // An empty separator would glue the labels together into one unreadable word.
    separator: typeof site.breadcrumbSeparator === 'string' && site.breadcrumbSeparator !== ''
      ? site.breadcrumbSeparator
      : DEFAULT_BREADCRUMB_SEPARATOR,
    defaultLocale: hasText(site.defaultLocale) ? site.defaultLocale.trim() : null,
    localePrefix: site.localePrefix ?? DEFAULT_LOCALE_PREFIX,
  };
}
