import * as React from 'react';
import { useQueryParams } from '@strapi/strapi/admin';
import { Flex, TextButton, Typography } from '@strapi/design-system';
import { useParams } from 'react-router-dom';
import { useCountCommentsByStatusQuery } from './api';
import { COMMENT_STATUSES, COMMENT_UID, type CommentStatus } from './statuses';
import { StatusBadge } from './StatusBadge';

interface ListQuery {
  filters?: { $and?: Array<Record<string, unknown>> };
  [key: string]: unknown;
}

const statusFilter = (status: CommentStatus) => ({ $and: [{ commentStatus: { $eq: status } }] });

/**
 * Injected in the list view's actions: makes the comment list a moderation queue. It opens on
 * the pending comments (when the address carries no filter, as when coming from the menu; an
 * editor who clears the filter keeps the whole list), and shows how many comments each status
 * holds, each count a link to that status.
 */
export function ModerationQueue() {
  const { slug } = useParams<{ slug: string }>();
  if (slug !== COMMENT_UID) return null;
  return <Queue />;
}

function Queue() {
  const [{ query }, setQuery] = useQueryParams<ListQuery>();
  const { data: counts } = useCountCommentsByStatusQuery(undefined, { refetchOnMountOrArgChange: true });
  const opened = React.useRef(false);

  React.useEffect(() => {
    if (opened.current) return;
    opened.current = true;
    if (!query.filters) setQuery({ filters: statusFilter('pending'), page: 1 }, 'push', true);
  }, [query.filters, setQuery]);

  return (
    <Flex gap={3} aria-label="Comments by status" data-testid="comment-status-counts">
      {COMMENT_STATUSES.map((status) => (
        <TextButton key={status} onClick={() => setQuery({ filters: statusFilter(status), page: 1 })}>
          <Flex gap={1}>
            <StatusBadge status={status} />
            <Typography variant="omega" data-count-of={status}>
              {counts ? counts[status] : '…'}
            </Typography>
          </Flex>
        </TextButton>
      ))}
    </Flex>
  );
}

