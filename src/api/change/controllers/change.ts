import type { Core } from '@strapi/strapi';
import { answerChangeFeed, answerChangePaths } from '../../../strapi/delivery/feed';

/** The change feed; the rules and the reading live in src/strapi/delivery/feed.ts. */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async find(ctx: any) {
    await answerChangeFeed(strapi, ctx);
  },
  async findOne(ctx: any) {
    await answerChangePaths(strapi, ctx);
  },
});
