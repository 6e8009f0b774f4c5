import { toHttpUrl } from './toHttpUrl';
import type { Credit } from './types';

/** The first http(s) URL among the original credits, i.e. the republished article. */
export function findOriginalUrl(credits: readonly Credit[]): string | null {
  for (const credit of credits) {
    if (credit.role !== 'original') continue;
    const url = toHttpUrl(credit.url);
    if (url) return url;
  }
  return null;
}
