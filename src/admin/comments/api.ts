import { adminApi } from '@strapi/strapi/admin';
import { COMMENT_STATUSES, COMMENT_UID, type CommentStatus } from './statuses';

/** The Content Manager's own endpoint for comments: its permission checks and its rules apply. */
const COMMENTS_URL = `/content-manager/collection-types/${COMMENT_UID}`;

/**
 * The list view caches its page under this tag (see the Content Manager's getAllDocuments);
 * invalidating it makes the list and the counts fetch again after a moderation.
 */
const COMMENT_LIST_TAG = { type: 'Document', id: `${COMMENT_UID}_LIST` } as const;

export interface ModerationOutcome {
  /** How many comments now have the status asked for and did not before. */
  changed: number;
  /** Comments the server refused, with its message (permission, validation). */
  failed: Array<{ documentId: string; message: string }>;
}

export type StatusCounts = Record<CommentStatus, number>;

const api = adminApi.enhanceEndpoints({ addTagTypes: ['Document'] }).injectEndpoints({
  endpoints: (build) => ({
    /**
     * Sets commentStatus on each comment through the Content Manager's update route, one
     * document at a time: the same route, RBAC checks (including field-level permissions)
     * and comment rules (src/strapi/comments/edit-comment.ts) as saving the edit form.
     * A comment counts as changed only if the stored status really is the one asked for, so
     * a field the moderator may not update is reported, not silently counted.
     */
    moderateComments: build.mutation<ModerationOutcome, { documentIds: string[]; commentStatus: CommentStatus }>({
      async queryFn({ documentIds, commentStatus }, _api, _extra, baseQuery) {
        const outcome: ModerationOutcome = { changed: 0, failed: [] };
        for (const documentId of documentIds) {
          const result = await baseQuery({ url: `${COMMENTS_URL}/${documentId}`, method: 'PUT', data: { commentStatus } });
          if (result.error) {
            outcome.failed.push({ documentId, message: String((result.error as { message?: string }).message ?? 'refused') });
          } else if ((result.data as { data?: { commentStatus?: string } })?.data?.commentStatus === commentStatus) {
            outcome.changed += 1;
          } else {
            outcome.failed.push({ documentId, message: 'You may not change the status of this comment' });
          }
        }
        return { data: outcome };
      },
      invalidatesTags: [COMMENT_LIST_TAG],
    }),

    /** How many comments are in each status, read through the Content Manager's list route. */
    countCommentsByStatus: build.query<StatusCounts, void>({
      async queryFn(_arg, _api, _extra, baseQuery) {
        const counts = {} as StatusCounts;
        for (const status of COMMENT_STATUSES) {
          const result = await baseQuery({
            url: COMMENTS_URL,
            method: 'GET',
            config: { params: { page: 1, pageSize: 1, filters: { commentStatus: { $eq: status } } } },
          });
          if (result.error) return { error: result.error };
          counts[status] = Number((result.data as { pagination?: { total?: number } })?.pagination?.total ?? 0);
        }
        return { data: counts };
      },
      providesTags: [COMMENT_LIST_TAG],
    }),
  }),
});

export const { useModerateCommentsMutation, useCountCommentsByStatusQuery } = api;
