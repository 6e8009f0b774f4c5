import type { Core } from '@strapi/strapi';
import { answerFeed } from '../../../strapi/discovery/answer-feed';

/** The RSS, Atom and JSON feeds; what they list and how is in src/strapi/discovery. */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async find(ctx: any) {
    await answerFeed(strapi, ctx);
  },
});
