import { Typography } from '@mui/material';
import { Link, useGetList, useTranslate } from 'react-admin';
import type { Queue } from '../../common/domain.ts';

/** On the dashboard's queue card: how many of the queue's requests the caller holds, linking to them. */
export const MyQueueShare = ({ queue }: { queue: Queue }) => {
  const translate = useTranslate();
  const { total } = useGetList('requests', {
    filter: { queue, assignee: 'mine' },
    pagination: { page: 1, perPage: 1 },
    sort: { field: 'stageEnteredAt', order: 'ASC' },
  });
  if (total === undefined) return null;
  const filter = encodeURIComponent(JSON.stringify({ queue, assignee: 'mine' }));
  return (
    <Typography variant="body2">
      <Link to={`/requests?filter=${filter}`}>{translate('assignment.mine_count', { smart_count: total })}</Link>
    </Typography>
  );
};
