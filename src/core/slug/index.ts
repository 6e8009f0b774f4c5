export { toSlug, SLUG_MAX_LENGTH } from './toSlug';
export type { SlugOptions } from './toSlug';
export { isValidSlug } from './isValidSlug';
