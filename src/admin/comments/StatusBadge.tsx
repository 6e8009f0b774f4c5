import { Badge } from '@strapi/design-system';
import { isCommentStatus, STATUS_LOOKS } from './statuses';

export function StatusBadge({ status }: { status: unknown }) {
  if (!isCommentStatus(status)) return <>{String(status ?? '')}</>;
  const look = STATUS_LOOKS[status];
  return (
    <Badge textColor={look.textColor} backgroundColor={look.backgroundColor} data-comment-status={status}>
      {look.label}
    </Badge>
  );
}
