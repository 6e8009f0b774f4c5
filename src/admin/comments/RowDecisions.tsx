import * as React from 'react';
import { useDocumentRBAC } from '@strapi/strapi/admin';
import { Flex, IconButton } from '@strapi/design-system';
import { Check, Trash, WarningCircle } from '@strapi/icons';
import { useModerate } from './useModerate';
import { DECISION_STATUSES, DECISIONS, isCommentStatus, type Decision } from './statuses';

/** Whoever may update comments in the Content Manager, status included, may moderate them here. */
export function useMayModerate(): boolean {
  return useDocumentRBAC('ModerateComments', (state) => Boolean(state.canUpdate && state.canUpdateFields.includes('commentStatus')));
}

const ICONS = { approved: <Check />, spam: <WarningCircle />, trash: <Trash /> } satisfies Record<Decision, React.ReactNode>;

export const buttonVariant = (decision: Decision) =>
  decision === 'approved' ? 'success-light' : decision === 'spam' ? 'danger-light' : 'tertiary';

/**
 * Approve, Spam and Trash as buttons in the comment's own row: one click each, for the
 * decisions that would change its status. Icons with their word as label and tooltip, so the
 * row fits beside the comment. The row itself opens the edit view on click, so the buttons
 * keep their clicks to themselves.
 */
export function RowDecisions({ documentId, status }: { documentId: string; status: unknown }) {
  const mayModerate = useMayModerate();
  const { moderate } = useModerate();
  const [busy, setBusy] = React.useState(false);
  if (!mayModerate) return null;
  const offered = DECISION_STATUSES.filter((decision) => !isCommentStatus(status) || decision !== status);
  return (
    <Flex gap={1} onClick={(event: React.MouseEvent) => event.stopPropagation()}>
      {offered.map((decision) => (
        <IconButton
          key={decision}
          label={DECISIONS[decision]}
          variant={buttonVariant(decision)}
          disabled={busy}
          onClick={async (event: React.MouseEvent) => {
            event.stopPropagation();
            setBusy(true);
            try {
              await moderate([documentId], decision);
            } finally {
              setBusy(false);
            }
          }}
        >
          {ICONS[decision]}
        </IconButton>
      ))}
    </Flex>
  );
}
