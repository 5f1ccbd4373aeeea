import ListIcon from '@mui/icons-material/List';
import { Card, CardActions, CardContent, List, ListItemButton, ListItemText, Stack, Typography } from '@mui/material';
import { Button, Link, useGetList, useTranslate } from 'react-admin';
import type { Queue } from '../common/domain.ts';
import { MyQueueShare } from '../requests/assignment/MyQueueShare.tsx';
import { DaysInStageField } from '../requests/DaysInStageField.tsx';
import { fullName } from '../requests/fullName.ts';
import { OverdueChip } from '../requests/OverdueChip.tsx';
import { StageChip } from '../requests/StageChip.tsx';
import type { RequestSummary } from '../requests/types.ts';

const QUEUE_TABS: Record<Queue, string> = {
  graduate_officer: '',
  free_education_officer: '/cancellation',
  welfare_officer: '/welfare',
};

const QueueRow = ({ request, queue }: { request: RequestSummary; queue: Queue }) => (
  <ListItemButton
    component={Link}
    to={`/requests/${encodeURIComponent(String(request.id))}/show${QUEUE_TABS[queue]}`}
    sx={request.overdue ? { borderInlineStart: '3px solid', borderColor: 'error.main' } : {}}
  >
    <ListItemText primary={fullName(request)} />
    <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
      <StageChip stage={request.stage} />
      <DaysInStageField days={request.daysInStage} overdue={request.overdue} />
      <OverdueChip request={request} />
    </Stack>
  </ListItemButton>
);

export const QueueCard = ({ queue }: { queue: Queue }) => {
  const translate = useTranslate();
  const {
    data = [],
    total = 0,
    isPending,
  } = useGetList<RequestSummary>('requests', {
    filter: { queue },
    pagination: { page: 1, perPage: 10 },
    sort: { field: 'stageEnteredAt', order: 'ASC' },
  });
  const filter = encodeURIComponent(JSON.stringify({ queue }));
  return (
    <Card component="section" aria-label={translate('queues.title')}>
      <CardContent>
        <Typography variant="h6" component="h2">
          {translate('queues.title')}
        </Typography>
        <Typography variant="body2" color="text.secondary">
          {isPending ? '…' : translate('queues.count', { smart_count: total })}
        </Typography>
        <MyQueueShare queue={queue} />
        <List dense>
          {data.map((request) => (
            <QueueRow key={request.id} request={request} queue={queue} />
          ))}
        </List>
      </CardContent>
      <CardActions>
        <Button component={Link} to={`/requests?filter=${filter}`} label="queues.see_all">
          <ListIcon />
        </Button>
      </CardActions>
    </Card>
  );
};
