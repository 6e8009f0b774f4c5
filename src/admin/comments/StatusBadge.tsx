import { Badge } from '@strapi/design-system';
import type { ListFieldLayout, ListLayout } from '@strapi/content-manager/strapi-admin';
import { COMMENT_UID, isCommentStatus, STATUS_LOOKS } from './statuses';

export function StatusBadge({ status }: { status: unknown }) {
  if (!isCommentStatus(status)) return <>{String(status ?? '')}</>;
  const look = STATUS_LOOKS[status];
  return (
    <Badge textColor={look.textColor} backgroundColor={look.backgroundColor} data-comment-status={status}>
      {look.label}
    </Badge>
  );
}

// The list view passes a third argument, { collectionType, model }, that ListFieldLayout's type leaves out.
type Header = Omit<ListFieldLayout, 'cellFormatter'> & { cellFormatter?: (row: Record<string, unknown>, header: unknown, context: { model: string }) => React.ReactNode };

/**
 * For the Content Manager's 'inject-column-in-table' hook: the comment list's status column
 * renders as a coloured badge. The hook is not told the model, so the cell checks it and
 * shows any other type's commentStatus field as plain text.
 */
export function showStatusAsBadge({ displayedHeaders, layout }: { displayedHeaders: Header[]; layout: ListLayout }) {
  return {
    layout,
    displayedHeaders: displayedHeaders.map((header): Header =>
      header.name !== 'commentStatus'
        ? header
        : {
            ...header,
            cellFormatter: (row, _header, { model }) =>
              model === COMMENT_UID ? <StatusBadge status={row.commentStatus} /> : String(row.commentStatus ?? ''),
          }
    ),
  };
}
