import type { Core } from '@strapi/strapi';
import type { ColophonConfig } from '../src/strapi/colophon-config';

export default ({ env }: Core.Config.Shared.ConfigParams): ColophonConfig => ({
  hook: {
    enabled: env.bool('COLOPHON_HOOK', true),
  },
  trails: {
    siteUid: 'api::site.site',
    categoryUid: 'api::category.category',
    redirectUid: 'api::redirect.redirect',
    targets: [{ uid: 'api::article.article', categoryField: 'category', titleField: 'title', slugField: 'slug' }],
    maxDepth: env.int('TRAIL_MAX_DEPTH', 10),
    batchSize: env.int('CASCADE_BATCH_SIZE', 500),
  },
  attribution: {
    creditsField: 'credits',
    creditUid: 'editorial.credit',
    sourceUid: 'api::source.source',
    syndicationField: 'syndication',
    publishPolicy: env.bool('ATTRIBUTION_PUBLISH_POLICY', true),
  },
  demo: {
    enabled: env.bool('SEED_DEMO', true),
  },
});
