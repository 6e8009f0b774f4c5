export { isContentionError } from './isContentionError';
export { retryDelayMs } from './retryDelayMs';
export { isPoolTimeoutError } from './isPoolTimeoutError';
