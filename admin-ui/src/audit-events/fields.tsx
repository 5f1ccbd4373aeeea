import { Stack, Typography } from '@mui/material';
import type { MouseEvent, ReactNode } from 'react';
import { Link, useLocaleState, useRecordContext } from 'react-admin';
import { localDigits } from '../common/digits.ts';
import { shortId } from './actions.ts';
import { Mono } from './Mono.tsx';
import type { AuditEvent } from './types.ts';
import { useActionLabel, useActorName, useOfficeName, useSubjectText } from './useNames.ts';

/** Links inside a clickable row must not open the row too. */
const stop = (event: MouseEvent) => event.stopPropagation();

interface FieldProps {
  record?: AuditEvent;
}

export const EventNumberField = (props: FieldProps) => {
  const record = useRecordContext<AuditEvent>(props);
  const [locale] = useLocaleState();
  return record ? <Typography variant="body2">{localDigits(String(record.id), locale)}</Typography> : null;
};

export const ActorField = (props: FieldProps) => {
  const record = useRecordContext<AuditEvent>(props);
  const actorName = useActorName();
  if (!record) return null;
  return (
    <Stack component="span">
      <Typography variant="body2" component="span">
        {actorName(record)}
      </Typography>
      {record.actorId && (
        <Typography variant="caption" component="span" color="text.secondary">
          <Mono>{shortId(record.actorId)}</Mono>
        </Typography>
      )}
    </Stack>
  );
};

export const OfficeField = (props: FieldProps) => {
  const record = useRecordContext<AuditEvent>(props);
  const officeName = useOfficeName();
  return record ? <Typography variant="body2">{officeName(record.role)}</Typography> : null;
};

export const ActionField = (props: FieldProps) => {
  const record = useRecordContext<AuditEvent>(props);
  const actionLabel = useActionLabel();
  if (!record) return null;
  return (
    <Typography variant="body2" title={record.action}>
      {actionLabel(record.action)}
    </Typography>
  );
};

export const RequestLink = ({ requestId, children }: { requestId: string; children: ReactNode }) => (
  <Link to={`/requests/${encodeURIComponent(requestId)}/show`} onClick={stop}>
    {children}
  </Link>
);

export const SubjectField = (props: FieldProps) => {
  const record = useRecordContext<AuditEvent>(props);
  const subjectText = useSubjectText();
  if (!record) return null;
  const subject = subjectText(record.subjectType, record.subjectId);
  const isTheRequest = record.subjectType === 'request' && record.subjectId === record.requestId;
  return (
    <Stack component="span">
      <Typography variant="body2" component="span">
        {record.requestId && isTheRequest ? <RequestLink requestId={record.requestId}>{subject}</RequestLink> : subject}
      </Typography>
      {record.requestId && !isTheRequest && (
        <Typography variant="caption" component="span">
          <RequestLink requestId={record.requestId}>{subjectText('request', record.requestId)}</RequestLink>
        </Typography>
      )}
    </Stack>
  );
};

export const IpField = (props: FieldProps) => {
  const record = useRecordContext<AuditEvent>(props);
  return record?.ip ? <Mono>{record.ip}</Mono> : null;
};
