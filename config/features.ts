import type { Core } from '@strapi/strapi';

export default ({ env }: Core.Config.Shared.ConfigParams) => ({
  future: {
    // Strapi resets publishedAt on every publish, so a NewsArticle's datePublished would move
    // each time a typo is fixed. This flag makes Strapi itself store firstPublishedAt on every
    // draft & publish type: set on the first publish, kept through republish, unpublish and
    // discard, refused from callers, and back-filled from publishedAt by Strapi's own migration
    // on existing databases (docs.strapi.io/cms/features/draft-and-publish#recording-the-first-publication-date).
    experimental_firstPublishedAt: env.bool('STRAPI_FUTURE_FIRST_PUBLISHED_AT', true),
  },
});
