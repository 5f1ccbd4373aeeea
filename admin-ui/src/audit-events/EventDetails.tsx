import { Stack, Typography } from '@mui/material';
import { useLocaleState, useTranslate } from 'react-admin';
import { DetailList } from '../common/DetailList.tsx';
import { localDigits } from '../common/digits.ts';
import { formatDate } from '../common/formatDate.ts';
import { RequestLink } from './fields.tsx';
import { Mono } from './Mono.tsx';
import type { AuditEvent } from './types.ts';
import { useActionLabel, useActorName, useOfficeName } from './useNames.ts';

const field = (name: string) => `resources.audit-events.fields.${name}`;

const Labelled = ({ text, code }: { text: string; code: string | null }) => (
  <Stack component="span">
    <span>{text}</span>
    {code && (
      <Typography variant="caption" component="span" color="text.secondary">
        <Mono>{code}</Mono>
      </Typography>
    )}
  </Stack>
);

export const EventDetails = ({ event }: { event: AuditEvent }) => {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const officeName = useOfficeName();
  const actorName = useActorName();
  const actionLabel = useActionLabel();
  const type = translate(`audit.subject_types.${event.subjectType}`, { _: event.subjectType });
  return (
    <DetailList
      items={[
        { label: field('id'), value: localDigits(String(event.id), locale) },
        { label: field('at'), value: formatDate(event.at, locale, 'dateTimeSeconds') },
        {
          label: field('action'),
          value: <Labelled text={actionLabel(event.action)} code={event.action} />,
        },
        { label: field('actor'), value: <Labelled text={actorName(event)} code={event.actorId} /> },
        { label: field('role'), value: officeName(event.role) },
        { label: field('subject'), value: <Labelled text={type} code={event.subjectId} /> },
        {
          label: field('requestId'),
          value: event.requestId && (
            <RequestLink requestId={event.requestId}>
              <Mono>{event.requestId}</Mono>
            </RequestLink>
          ),
        },
        { label: field('ip'), value: event.ip && <Mono>{event.ip}</Mono> },
        {
          label: field('userAgent'),
          value: event.userAgent && <Mono sx={{ wordBreak: 'break-word' }}>{event.userAgent}</Mono>,
        },
      ]}
    />
  );
};
