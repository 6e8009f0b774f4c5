export { boundTags, commentsTag, DEFAULT_TAG_BOUNDS, documentTag, listTag, REDIRECTS_TAG, SITE_TAG } from './cacheTags';
export type { TagBounds } from './cacheTags';
export { compareFeedPositions, decodeCursor, encodeCursor, FEED_START } from './feedCursor';
export type { FeedPosition } from './feedCursor';
