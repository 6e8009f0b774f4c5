export { toSlug, SLUG_MAX_LENGTH } from './toSlug';
export { suffixSlug } from './suffixSlug';
export { cutSlug } from './cutSlug';
export type { SlugOptions } from './toSlug';
export { isValidSlug } from './isValidSlug';
