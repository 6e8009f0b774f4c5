import { findOriginalUrl } from './findOriginalUrl';
import type { Credit, SeoDirectives, SeoPolicy } from './types';

/**
 * "canonical" credits the original publisher with the search ranking when we
 * republish; "noindex" keeps the copy out of search engines instead; "none"
 * treats the article as our own.
 */
export function buildSeo(policy: SeoPolicy | null | undefined, credits: readonly Credit[], ownUrl: string | null): SeoDirectives {
  const own = ownUrl && ownUrl.trim() !== '' ? ownUrl : null;
  switch (policy) {
    case 'noindex':
      return { canonicalUrl: own, robots: 'noindex, follow' };
    case 'none':
      return { canonicalUrl: own, robots: 'index, follow' };
    default:
      return { canonicalUrl: findOriginalUrl(credits) ?? own, robots: 'index, follow' };
  }
}
