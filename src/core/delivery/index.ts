export { boundTags, commentsTag, DEFAULT_TAG_BOUNDS, documentTag, listTag, REDIRECTS_TAG, SITE_TAG } from './cacheTags';
export type { TagBounds } from './cacheTags';
export { compareFeedPositions, decodeCursor, encodeCursor, FEED_START } from './feedCursor';
export type { FeedPosition } from './feedCursor';
export { answerTags, collectAnswerDocuments, trailPrefixes } from './answerTags';
export type { AnswerDocument, AttributeShape, SchemaReader } from './answerTags';
export { readGraphqlRequest } from './graphqlReads';
export type { GraphqlRead } from './graphqlReads';
export {
  cachePolicy,
  DEFAULT_PUBLIC_CACHE_CONTROL,
  entityTag,
  matchesIfNoneMatch,
  PRIVATE_CACHE_CONTROL,
  tagHeaders,
} from './httpCaching';
export type { CacheableExchange, CachePolicy } from './httpCaching';
export {
  batchForDelivery,
  checkWebhookSecret,
  classifyDeliveryAnswer,
  DEFAULT_RETRY_SCHEDULE_SECONDS,
  MAX_WEBHOOK_BODY_BYTES,
  parseRetryAfter,
  parseWebhookEndpoints,
  retryDelay,
  webhookMessageId,
} from './webhooks';
export type { WebhookChange } from './webhooks';
export { canReplay, isStillFresh, replayableHeaders, responseCacheKey } from './responseCache';
export type { CachedAnswerBasis, ChangeKnowledge } from './responseCache';
