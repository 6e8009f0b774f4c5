import type { Core } from '@strapi/strapi';
import { colophonConfig } from '../colophon-config';
import { readThreadPage } from './comment-threads';

/**
 * GraphQL's `commentThreads(article:, page:, pageSize:)`: the same answer as GET
 * /api/comment-threads (one code path), typed. A reply is a `CommentThread` like its parent, so
 * a query selects `replies { … replies { … } }` as deep as it shows. Allowed to whoever may
 * call the REST route (api::comment-thread.comment-thread.find).
 */
export function registerCommentThreadsQuery(strapi: Core.Strapi): void {
  const graphql = strapi.plugin('graphql');
  if (!graphql) return;
  graphql.service('extension').use(({ nexus }: any) => ({
    types: [
      nexus.objectType({
        name: 'CommentThread',
        description: 'An approved comment with its approved replies, oldest first.',
        definition(t: any) {
          t.nonNull.id('documentId');
          t.nonNull.string('authorName');
          t.nonNull.string('body');
          t.string('bodyHtml');
          t.nonNull.int('depth');
          t.id('parentDocumentId');
          t.nonNull.string('createdAt');
          t.string('updatedAt');
          t.nonNull.int('replyCount', { description: 'Direct replies shown below.' });
          t.nonNull.int('descendantCount', { description: 'Every reply below, at any depth.' });
          t.nonNull.list.nonNull.field('replies', { type: 'CommentThread' });
        },
      }),
      nexus.objectType({
        name: 'CommentThreadPagination',
        definition(t: any) {
          for (const field of ['page', 'pageSize', 'pageCount', 'total']) t.nonNull.int(field);
        },
      }),
      nexus.objectType({
        name: 'CommentThreadArticle',
        definition(t: any) {
          t.nonNull.id('documentId');
          t.nonNull.int('commentCount');
          t.nonNull.boolean('commentsOpen', { description: 'Whether a reader may post: allowComments, and not older than COMMENT_CLOSE_AFTER_DAYS.' });
        },
      }),
      nexus.objectType({
        name: 'CommentThreadPage',
        definition(t: any) {
          t.nonNull.list.nonNull.field('threads', { type: 'CommentThread' });
          t.nonNull.field('pagination', { type: 'CommentThreadPagination' });
          t.nonNull.field('article', { type: 'CommentThreadArticle' });
        },
      }),
      nexus.extendType({
        type: 'Query',
        definition(t: any) {
          t.nonNull.field('commentThreads', {
            type: 'CommentThreadPage',
            args: { article: nexus.nonNull(nexus.idArg()), page: nexus.intArg(), pageSize: nexus.intArg() },
            async resolve(_parent: unknown, args: { article: string; page?: number | null; pageSize?: number | null }) {
              const { data, meta } = await readThreadPage(strapi, args, colophonConfig(strapi).comments.rules.maxThreadDepth);
              return { threads: data, pagination: meta.pagination, article: meta.article };
            },
          });
        },
      }),
    ],
    resolversConfig: {
      'Query.commentThreads': { auth: { scope: ['api::comment-thread.comment-thread.find'] } },
    },
  }));
}
