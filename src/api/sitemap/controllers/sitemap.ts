import type { Core } from '@strapi/strapi';
import { answerSitemap } from '../../../strapi/discovery/answer-sitemap';

/** The sitemaps; what they list and how is in src/strapi/discovery. */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async find(ctx: any) {
    await answerSitemap(strapi, ctx);
  },
});
