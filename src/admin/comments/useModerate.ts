import { useNotification } from '@strapi/strapi/admin';
import { useModerateCommentsMutation } from './api';
import { STATUS_LOOKS, type CommentStatus } from './statuses';

/**
 * One moderation decision on some comments, then a toast saying how many changed (and how
 * many the server refused, with its first reason). Resolves to true when all of them changed.
 */
export function useModerate(): { moderate: (documentIds: string[], commentStatus: CommentStatus) => Promise<boolean>; isLoading: boolean } {
  const [moderateComments, { isLoading }] = useModerateCommentsMutation();
  const { toggleNotification } = useNotification();

  const moderate = async (documentIds: string[], commentStatus: CommentStatus) => {
    const result = await moderateComments({ documentIds, commentStatus });
    if ('error' in result) {
      toggleNotification({ type: 'danger', message: 'The comments could not be moderated' });
      return false;
    }
    const { changed, failed } = result.data;
    const label = STATUS_LOOKS[commentStatus].label.toLowerCase();
    const message = `${changed} ${changed === 1 ? 'comment' : 'comments'} marked ${label}`;
    if (failed.length === 0) {
      toggleNotification({ type: 'success', message });
      return true;
    }
    toggleNotification({ type: 'warning', message: `${message}; ${failed.length} refused: ${failed[0].message}` });
    return false;
  };
  return { moderate, isLoading };
}
