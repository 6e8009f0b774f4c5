import { useTable } from '@strapi/strapi/admin';
import type { BulkActionComponent, DocumentActionComponent } from '@strapi/content-manager/strapi-admin';
import { buttonVariant, useMayModerate } from './RowDecisions';
import { useModerate } from './useModerate';
import { COMMENT_UID, DECISION_STATUSES, DECISIONS, type Decision } from './statuses';

/** Approve, Spam or Trash every selected comment with one click, from the list's bulk action bar. */
function bulkDecision(decision: Decision): BulkActionComponent {
  const Action: BulkActionComponent = ({ model, documents }) => {
    const mayModerate = useMayModerate();
    const selectRow = useTable('ModerateComments', (state) => state.selectRow);
    const { moderate, isLoading } = useModerate();
    if (model !== COMMENT_UID || !mayModerate) return null;
    return {
      label: DECISIONS[decision],
      variant: buttonVariant(decision),
      loading: isLoading,
      onClick: async () => {
        const allChanged = await moderate(
          documents.map((document) => document.documentId),
          decision
        );
        if (allChanged) selectRow([]);
      },
    };
  };
  Action.displayName = `CommentBulk${decision}`;
  return Action;
}

/** The same decisions in each row's action menu (⋯), offered only where they change something. */
function rowMenuDecision(decision: Decision): DocumentActionComponent {
  const Action: DocumentActionComponent = ({ model, documentId, document }) => {
    const mayModerate = useMayModerate();
    const { moderate } = useModerate();
    if (model !== COMMENT_UID || !mayModerate || !documentId) return null;
    if (document?.commentStatus === decision) return null;
    return {
      label: DECISIONS[decision],
      position: 'table-row',
      variant: decision === 'spam' ? 'danger' : undefined,
      onClick: async () => {
        await moderate([documentId], decision);
      },
    };
  };
  Action.position = 'table-row';
  Action.displayName = `CommentRow${decision}`;
  return Action;
}

export const bulkModerationActions = DECISION_STATUSES.map(bulkDecision);
export const rowModerationActions = DECISION_STATUSES.map(rowMenuDecision);
