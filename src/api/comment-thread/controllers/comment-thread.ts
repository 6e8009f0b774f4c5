import type { Core } from '@strapi/strapi';
import { colophonConfig } from '../../../strapi/colophon-config';
import { readThreadPage } from '../../../strapi/comments/comment-threads';

/** Threaded pages of an article's comments; what they hold and how is in src/strapi/comments/comment-threads.ts. */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async find(ctx: any) {
    const { data, meta, tags } = await readThreadPage(strapi, ctx.query ?? {}, colophonConfig(strapi).comments.rules.maxThreadDepth);
    ctx.state.answerTags = tags;
    ctx.body = { data, meta };
  },
});
