import type { ListFieldLayout, ListLayout } from '@strapi/content-manager/strapi-admin';
import { RowDecisions } from './RowDecisions';
import { StatusBadge } from './StatusBadge';
import { COMMENT_UID } from './statuses';

// The list view passes a third argument, { collectionType, model }, that ListFieldLayout's type leaves out.
type CellFormatter = (row: Record<string, any>, header: unknown, context: { model: string }) => React.ReactNode;
type Header = Omit<ListFieldLayout, 'cellFormatter' | 'label'> & { label: ListFieldLayout['label'] | { id: string; defaultMessage: string }; cellFormatter?: CellFormatter };

/**
 * For the Content Manager's 'inject-column-in-table' hook: in the comment list, the status
 * renders as a coloured badge, and a Moderate column holds the one-click decisions. The hook
 * is not told the model: the status column marks the comment list (an editor who hides it
 * keeps the row menu and the bulk actions), and each cell checks the model again.
 */
export function addModerationColumns({ displayedHeaders, layout }: { displayedHeaders: Header[]; layout: ListLayout }) {
  if (!displayedHeaders.some((header) => header.name === 'commentStatus')) return { displayedHeaders, layout };
  const onComments =
    (render: CellFormatter, otherwise: CellFormatter): CellFormatter =>
    (row, header, context) =>
      context.model === COMMENT_UID ? render(row, header, context) : otherwise(row, header, context);

  const headers = displayedHeaders.map((header): Header =>
    header.name !== 'commentStatus'
      ? header
      : {
          ...header,
          cellFormatter: onComments(
            (row) => <StatusBadge status={row.commentStatus} />,
            (row) => String(row.commentStatus ?? '')
          ),
        }
  );
  const moderate: Header = {
    name: 'moderate',
    label: { id: 'colophon.comments.moderate', defaultMessage: 'Moderate' },
    attribute: { type: 'string' } as Header['attribute'],
    searchable: false,
    sortable: false,
    cellFormatter: onComments(
      (row) => <RowDecisions documentId={row.documentId} status={row.commentStatus} />,
      () => null
    ),
  };
  return { displayedHeaders: [...headers, moderate], layout };
}
