export { isContentionError } from './isContentionError';
export { retryDelayMs } from './retryDelayMs';
