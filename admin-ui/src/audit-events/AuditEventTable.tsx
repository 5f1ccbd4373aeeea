import { DataTable } from 'react-admin';
import { DateTimeField } from '../common/DateTimeField.tsx';
import { ActionField, ActorField, EventNumberField, IpField, OfficeField, SubjectField } from './fields.tsx';
import type { AuditEvent } from './types.ts';

const Column = DataTable.Col<AuditEvent>;
const noWrap = () => ({ whiteSpace: 'nowrap' });

export const AuditEventTable = () => (
  <DataTable<AuditEvent> rowClick="show" bulkActionButtons={false}>
    <Column source="id">
      <EventNumberField />
    </Column>
    <Column source="at" cellSx={noWrap}>
      <DateTimeField source="at" format="dateTimeSeconds" />
    </Column>
    <Column source="actorId" label="resources.audit-events.fields.actor" disableSort>
      <ActorField />
    </Column>
    <Column source="role" disableSort>
      <OfficeField />
    </Column>
    <Column source="action" disableSort>
      <ActionField />
    </Column>
    <Column source="subjectType" label="resources.audit-events.fields.subject" disableSort>
      <SubjectField />
    </Column>
    <Column source="ip" disableSort>
      <IpField />
    </Column>
  </DataTable>
);
