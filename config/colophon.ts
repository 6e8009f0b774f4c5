import type { Core } from '@strapi/strapi';
import { checkWebhookSecret, DEFAULT_PUBLIC_CACHE_CONTROL, DEFAULT_RETRY_SCHEDULE_SECONDS, parseWebhookEndpoints } from '../src/core/delivery';
import { checkFeedSize, DEFAULT_FEED_SIZE } from '../src/core/discovery';
import { checkReportsToHold, DEFAULT_MODERATION_RULES, DEFAULT_REPORTS_TO_HOLD, readCloseAfterDays } from '../src/core/moderation';
import { checkMailPollMs, checkNotifyAddresses, checkNotifyMinutes, DEFAULT_NOTIFY_MINUTES } from '../src/core/notifications';
import { checkPersonalDataDays, DEFAULT_PERSONAL_DATA_DAYS } from '../src/core/privacy';
import type { ColophonConfig } from '../src/strapi/colophon-config';

export default ({ env }: Core.Config.Shared.ConfigParams): ColophonConfig => {
  // Checked here, as the app loads its configuration: a setting that cannot sign stops it before anything starts.
  const webhookEndpoints = parseWebhookEndpoints(env('CHANGES_WEBHOOK_URLS', ''));
  const webhookSecret = env('CHANGES_WEBHOOK_SECRET', '');
  checkWebhookSecret(webhookEndpoints, webhookSecret);
  return {
    hook: {
      enabled: env.bool('COLOPHON_HOOK', true),
    },
    trails: {
      siteUid: 'api::site.site',
      categoryUid: 'api::category.category',
      redirectUid: 'api::redirect.redirect',
      targets: [{ uid: 'api::article.article', categoryField: 'category', titleField: 'title', slugField: 'slug' }],
      maxDepth: env.int('TRAIL_MAX_DEPTH', 10),
      // 200, not more: with batches of 500 a 100 000-article cascade on SQLite peaked at 600-700 MB
      // of RSS, against 345 MB with 200, at the same speed (most likely each batch's objects
      // outlived two young-generation collections and V8 promoted them to the old one).
      batchSize: env.int('CASCADE_BATCH_SIZE', 200),
    },
    attribution: {
      creditsField: 'credits',
      creditUid: 'editorial.credit',
      sourceUid: 'api::source.source',
      syndicationField: 'syndication',
      publishPolicy: env.bool('ATTRIBUTION_PUBLISH_POLICY', true),
      imageField: 'cover',
      imageCaptionField: 'coverCaption',
    },
    accounts: {
      registration: env.bool('USERS_REGISTRATION', false),
    },
    database: {
      // SQLite only. `normal` is SQLite's advice for WAL: a commit is atomic and never corrupts,
      // but the last ones before a power cut may be lost; `full` syncs every commit to disk.
      sqliteSynchronous: env('DATABASE_SQLITE_SYNCHRONOUS', 'normal'),
    },
    delivery: {
      changeLog: env.bool('CHANGE_LOG', true),
      changeRetentionDays: env.int('CHANGES_RETENTION_DAYS', 30),
      publicCacheControl: env('HTTP_CACHE_CONTROL', DEFAULT_PUBLIC_CACHE_CONTROL),
      webhooks: {
        endpoints: webhookEndpoints,
        secret: webhookSecret,
        timeoutMs: env.int('CHANGES_WEBHOOK_TIMEOUT_MS', 10_000),
        retrySeconds: env.array('CHANGES_WEBHOOK_RETRY_SECONDS', DEFAULT_RETRY_SCHEDULE_SECONDS.map(String)).map(Number),
        pollMs: env.int('CHANGES_WEBHOOK_POLL_MS', 250),
      },
      responseCache: {
        enabled: env('RESPONSE_CACHE', 'on') !== 'off',
        maxBytes: env.int('RESPONSE_CACHE_MAX_BYTES', 64 * 1024 * 1024),
        ttlSeconds: env.int('RESPONSE_CACHE_TTL_SECONDS', 300),
        redisUrl: env('REDIS_URL', ''),
      },
    },
    discovery: {
      sitemapPublicUrl: env('SITEMAP_PUBLIC_URL', ''),
      feedSize: checkFeedSize(env.int('FEED_SIZE', DEFAULT_FEED_SIZE)),
    },
    demo: {
      enabled: env.bool('SEED_DEMO', true),
    },
    comments: {
      // WordPress's defaults; each can be changed here or through the environment.
      rules: {
        ...DEFAULT_MODERATION_RULES,
        floodIntervalSeconds: env.int('COMMENT_FLOOD_SECONDS', DEFAULT_MODERATION_RULES.floodIntervalSeconds),
        // Case-insensitive substrings, matched in the name, the email and the body.
        disallowedWords: env.array('COMMENT_DISALLOWED_WORDS', []),
        moderationWords: env.array('COMMENT_MODERATION_WORDS', []),
        linksForModeration: env.int('COMMENT_LINKS_FOR_MODERATION', DEFAULT_MODERATION_RULES.linksForModeration),
        autoApproveKnownAuthors: env.bool('COMMENT_AUTO_APPROVE_KNOWN_AUTHORS', DEFAULT_MODERATION_RULES.autoApproveKnownAuthors),
        // Opt-in only: an email is typed, not proven (see the README's warning).
        autoApproveByEmail: env.bool('COMMENT_AUTO_APPROVE_BY_EMAIL', DEFAULT_MODERATION_RULES.autoApproveByEmail),
        maxThreadDepth: env.int('COMMENT_MAX_THREAD_DEPTH', DEFAULT_MODERATION_RULES.maxThreadDepth),
      },
      ipHashSecret: env('COMMENT_IP_SECRET', ''),
      pipeline: env.bool('COMMENT_PIPELINE', true),
      personalDataDays: checkPersonalDataDays(env.int('COMMENT_PERSONAL_DATA_DAYS', DEFAULT_PERSONAL_DATA_DAYS)),
      closeAfterDays: readCloseAfterDays(env('COMMENT_CLOSE_AFTER_DAYS', '')),
      // 0 never holds a comment back for reports.
      reportsToHold: checkReportsToHold(env.int('COMMENT_REPORTS_TO_HOLD', DEFAULT_REPORTS_TO_HOLD)),
      notifications: {
        // The mail itself goes through Strapi's email plugin (config/plugins.ts): no SMTP host, no mail.
        enabled: env('SMTP_HOST', '') !== '',
        digestMinutes: checkNotifyMinutes(env.int('COMMENT_NOTIFY_MINUTES', DEFAULT_NOTIFY_MINUTES)),
        digestTo: checkNotifyAddresses(env.array('COMMENT_NOTIFY_TO', [])),
        pollMs: checkMailPollMs(env.int('MAIL_POLL_MS', 1000)),
      },
    },
  };
};
