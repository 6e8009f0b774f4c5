import { useDocumentRBAC, useTable } from '@strapi/strapi/admin';
import type { BulkActionComponent, DocumentActionComponent } from '@strapi/content-manager/strapi-admin';
import { useModerate } from './useModerate';
import { COMMENT_UID, DECISIONS, STATUS_LOOKS, type CommentStatus } from './statuses';

/** Whoever may update comments in the Content Manager may moderate them here; nobody else sees the buttons. */
function useMayModerate(): boolean {
  return useDocumentRBAC('ModerateComments', (state) => Boolean(state.canUpdate && state.canUpdateFields.includes('commentStatus')));
}

/** Approve, Spam or Trash every selected comment with one click, from the list's bulk action bar. */
function bulkDecision(commentStatus: CommentStatus): BulkActionComponent {
  const Action: BulkActionComponent = ({ model, documents }) => {
    const mayModerate = useMayModerate();
    const selectRow = useTable('ModerateComments', (state) => state.selectRow);
    const { moderate, isLoading } = useModerate();
    if (model !== COMMENT_UID || !mayModerate) return null;
    return {
      label: STATUS_LOOKS[commentStatus].verb,
      variant: commentStatus === 'approved' ? 'success-light' : commentStatus === 'spam' ? 'danger-light' : 'tertiary',
      loading: isLoading,
      onClick: async () => {
        const allChanged = await moderate(
          documents.map((document) => document.documentId),
          commentStatus
        );
        if (allChanged) selectRow([]);
      },
    };
  };
  Action.displayName = `CommentBulk${commentStatus}`;
  return Action;
}

/** The same decisions in each row's action menu, offered only where they change something. */
function rowDecision(commentStatus: CommentStatus): DocumentActionComponent {
  const Action: DocumentActionComponent = ({ model, documentId, document }) => {
    const mayModerate = useMayModerate();
    const { moderate } = useModerate();
    if (model !== COMMENT_UID || !mayModerate || !documentId) return null;
    if (document?.commentStatus === commentStatus) return null;
    return {
      label: STATUS_LOOKS[commentStatus].verb,
      position: 'table-row',
      variant: commentStatus === 'spam' ? 'danger' : undefined,
      onClick: async () => {
        await moderate([documentId], commentStatus);
      },
    };
  };
  Action.position = 'table-row';
  Action.displayName = `CommentRow${commentStatus}`;
  return Action;
}

export const bulkModerationActions = DECISIONS.map(bulkDecision);
export const rowModerationActions = DECISIONS.map(rowDecision);
