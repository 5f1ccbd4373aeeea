import { Divider, Stack, Typography } from '@mui/material';
import { Show, useRecordContext } from 'react-admin';
import { AuditEventTitle } from './AuditEventTitle.tsx';
import { DiffTable } from './DiffTable.tsx';
import { EventDetails } from './EventDetails.tsx';
import { HashChain } from './HashChain.tsx';
import type { AuditEvent } from './types.ts';
import { useActionLabel } from './useNames.ts';

const AuditEventLayout = () => {
  const event = useRecordContext<AuditEvent>();
  const actionLabel = useActionLabel();
  if (!event) return null;
  return (
    <Stack spacing={3} sx={{ p: 2 }}>
      <Typography variant="h5" component="h1">
        {actionLabel(event.action)}
      </Typography>
      <EventDetails event={event} />
      <Divider />
      <DiffTable before={event.before} after={event.after} />
      <Divider />
      <HashChain event={event} />
    </Stack>
  );
};

export const AuditEventShow = () => (
  <Show title={<AuditEventTitle />} actions={false}>
    <AuditEventLayout />
  </Show>
);
