import { Paper, Stack, Typography } from '@mui/material';
import { LinearProgress, Link, useGetList, useRecordContext, useTranslate } from 'react-admin';
import { DateTimeField } from '../common/DateTimeField.tsx';
import { ActorField, OfficeField } from './fields.tsx';
import type { AuditEvent } from './types.ts';
import { useActionLabel } from './useNames.ts';

const SHOWN = 100;

const TimelineEntry = ({ event }: { event: AuditEvent }) => {
  const actionLabel = useActionLabel();
  return (
    <Paper component="li" variant="outlined" sx={{ p: 1.5, listStyle: 'none' }}>
      <Stack direction="row" spacing={2} useFlexGap sx={{ alignItems: 'center', flexWrap: 'wrap' }}>
        <DateTimeField record={event} source="at" format="dateTimeSeconds" />
        <Link to={`/audit-events/${encodeURIComponent(String(event.id))}/show`} sx={{ fontWeight: 600 }}>
          {actionLabel(event.action)}
        </Link>
        <ActorField record={event} />
        <OfficeField record={event} />
      </Stack>
    </Paper>
  );
};

const SeeAll = ({ requestId, shown, total }: { requestId: string; shown: number; total: number }) => {
  const translate = useTranslate();
  const filter = encodeURIComponent(JSON.stringify({ requestId }));
  return (
    <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
      <Typography variant="body2">{translate('audit.timeline.more', { shown, total })}</Typography>
      <Link to={`/audit-events?filter=${filter}`}>{translate('audit.timeline.see_all')}</Link>
    </Stack>
  );
};

/** Every audit event that names this request, newest first: its parts' events included. */
export const AuditTimeline = () => {
  const request = useRecordContext();
  const translate = useTranslate();
  const requestId = request ? String(request.id) : '';
  const { data, total, isPending } = useGetList<AuditEvent>(
    'audit-events',
    { filter: { requestId }, sort: { field: 'id', order: 'DESC' }, pagination: { page: 1, perPage: SHOWN } },
    { enabled: requestId !== '' },
  );
  if (isPending) return <LinearProgress />;
  if (!data || data.length === 0) return <Typography sx={{ my: 2 }}>{translate('audit.timeline.none')}</Typography>;
  return (
    <Stack spacing={1} sx={{ my: 1 }}>
      <Stack component="ol" spacing={1} sx={{ p: 0, m: 0 }} aria-label={translate('requests.tabs.audit')}>
        {data.map((event) => (
          <TimelineEntry key={event.id} event={event} />
        ))}
      </Stack>
      {total !== undefined && total > data.length && <SeeAll requestId={requestId} shown={data.length} total={total} />}
    </Stack>
  );
};
