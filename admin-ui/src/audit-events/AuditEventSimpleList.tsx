import { Stack } from '@mui/material';
import { SimpleList } from 'react-admin';
import { DateTimeField } from '../common/DateTimeField.tsx';
import { ActionField, ActorField, OfficeField } from './fields.tsx';
import type { AuditEvent } from './types.ts';

export const AuditEventSimpleList = () => (
  <SimpleList<AuditEvent>
    rowClick="show"
    primaryText={() => <ActionField />}
    secondaryText={() => (
      <Stack component="span" spacing={0.5}>
        <ActorField />
        <OfficeField />
      </Stack>
    )}
    tertiaryText={() => <DateTimeField source="at" format="dateTimeSeconds" />}
  />
);
