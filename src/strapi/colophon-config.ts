import type { Core } from '@strapi/strapi';
import type { ModerationRules } from '../core/moderation';
import type { ResponseCacheSettings } from './delivery/response-cache';
import type { WebhookSettings } from './delivery/webhooks';
import type { NotificationSettings } from './notifications/settings';

/**
 * A content type that carries a breadcrumb trail. Adding one entry here is all a developer
 * does for a new type to get breadcrumbs on every write and to follow every cascade.
 */
export interface TrailTarget {
  uid: string;
  /** Many-to-one relation to the category content type. */
  categoryField: string;
  /** The field that labels the last crumb. */
  titleField: string;
  /** The field holding the URL segment; generated from the title when left empty. */
  slugField: string;
}

/** Colophon's own options, read from config/colophon.ts. One typed object for the whole feature set. */
export interface ColophonConfig {
  hook: {
    /**
     * Derive on every write (COLOPHON_HOOK). Off only for bulk imports, followed by
     * `npm run rederive`, and for the benchmark's hook-off baseline.
     */
    enabled: boolean;
  };
  trails: {
    siteUid: string;
    categoryUid: string;
    redirectUid: string;
    targets: TrailTarget[];
    /** The deepest category chain accepted, counting the root as level 1. */
    maxDepth: number;
    /** Rows recomputed per query pair during a cascade. */
    batchSize: number;
  };
  attribution: {
    /** The repeatable credit component field on trail targets that carry attribution. */
    creditsField: string;
    creditUid: string;
    sourceUid: string;
    /** Enumeration canonical | noindex | none, read into `seo`. */
    syndicationField: string;
    /** Refuse to publish an article whose credits break the republication rules. */
    publishPolicy: boolean;
    /** The single media field holding a target's image (schema.org `image`), and its caption field. */
    imageField?: string;
    imageCaptionField?: string;
  };
  accounts: {
    /**
     * Whether readers may create their own account with POST /api/auth/local/register
     * (USERS_REGISTRATION, off by default). When on, every new account must confirm its email
     * address, and the auth answers never tell whether an address has an account.
     */
    registration: boolean;
  };
  database: {
    /**
     * SQLite's `PRAGMA synchronous` for the app's connection (DATABASE_SQLITE_SYNCHRONOUS):
     * `normal` (default), `full`, `extra` or `off`. See src/strapi/database/sqlite.ts.
     */
    sqliteSynchronous: string;
  };
  delivery: {
    /**
     * Write the change log (CHANGE_LOG, default true). false exists only so the benchmarks can
     * measure what the log costs: no feed, no webhooks, and no response cache without it.
     */
    changeLog: boolean;
    /**
     * Days a change stays in the change log (CHANGES_RETENTION_DAYS, default 30; 0 keeps every
     * change). A feed consumer whose cursor is older is answered 410 and starts over.
     */
    changeRetentionDays: number;
    /**
     * Cache-Control of public REST and GraphQL answers (HTTP_CACHE_CONTROL); answers with
     * credentials, drafts, mutations and errors are always `private, no-store`.
     */
    publicCacheControl: string;
    /** Signed webhooks of the change log (src/strapi/delivery/webhooks.ts); no endpoints, no webhooks. */
    webhooks: WebhookSettings;
    /** The response cache of public reads (src/strapi/delivery/response-cache.ts). */
    responseCache: ResponseCacheSettings;
  };
  discovery: {
    /**
     * Where a frontend serves the sitemaps (SITEMAP_PUBLIC_URL): the sitemap index names each
     * sitemap at this base + `/sitemap-<file>`. Empty: the Site's baseUrl.
     */
    sitemapPublicUrl: string;
    /**
     * How many articles each feed lists, the newest first (FEED_SIZE, default 20, 1 to 500):
     * one bounded query a feed (src/strapi/discovery/feeds.ts).
     */
    feedSize: number;
  };
  demo: {
    /** Seed the demo newsroom on the first boot of an empty database (SEED_DEMO). */
    enabled: boolean;
  };
  comments: {
    /** The moderation checks, WordPress-style; see src/core/moderation/moderateComment.ts for their order. */
    rules: ModerationRules;
    /** HMAC key for the IP hash kept for flood control (COMMENT_IP_SECRET); the IP itself is never stored. */
    ipHashSecret: string;
    /**
     * false stores reader comments exactly as sent, with no moderation at all. It exists only so
     * the benchmark can measure a plain create; production refuses to start with it.
     */
    pipeline: boolean;
    /**
     * Days a comment's IP hash and user agent are kept (COMMENT_PERSONAL_DATA_DAYS, default 90);
     * a daily job clears them past that (see ./comments/retention.ts).
     */
    personalDataDays: number;
    /** Days after its first publication an article stops taking comments (COMMENT_CLOSE_AFTER_DAYS); null, the default, never. */
    closeAfterDays: number | null;
    /** Open reader reports that send an approved comment back to pending (COMMENT_REPORTS_TO_HOLD, default 3); 0 never. */
    reportsToHold: number;
    /** Mail to moderators and commenters (src/strapi/notifications). */
    notifications: NotificationSettings;
  };
}

export function colophonConfig(strapi: Core.Strapi): ColophonConfig {
  return strapi.config.get('colophon') as ColophonConfig;
}
