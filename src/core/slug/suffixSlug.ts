import { cutSlug } from './cutSlug';
import { SLUG_MAX_LENGTH } from './toSlug';

/**
 * `slug` with the suffix "-n" (n ≥ 2) that tells it from a taken one, within `maxLength`: the
 * base is cut at a word to make room, so the result never has "--" or ends a word on a hyphen
 * ("a…a-bb-cc" + 2 gives "a…a-bb-2", not "a…a-b-2" or "a…a--2").
 */
export function suffixSlug(slug: string, n: number, maxLength = SLUG_MAX_LENGTH): string {
  const suffix = `-${n}`;
  return `${cutSlug(slug, maxLength - suffix.length)}${suffix}`;
}
