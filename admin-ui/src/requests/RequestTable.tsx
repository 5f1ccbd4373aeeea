import { alpha, useTheme } from '@mui/material';
import { DataTable } from 'react-admin';
import { DateTimeField } from '../common/DateTimeField.tsx';
import { DigitsField } from '../common/DigitsField.tsx';
import { AssigneeField } from './assignment/AssigneeField.tsx';
import { BulkActionButtons } from './bulk/BulkActionButtons.tsx';
import { useBulkActions } from './bulk/useBulkActions.ts';
import { DaysInStageField } from './DaysInStageField.tsx';
import { fullName } from './fullName.ts';
import { OverdueChip } from './OverdueChip.tsx';
import { StageChip } from './StageChip.tsx';
import { TickIcon } from './TickIcon.tsx';
import type { RequestSummary } from './types.ts';

const Column = DataTable.Col<RequestSummary>;

export const RequestTable = () => {
  const overdueBackground = alpha(useTheme().palette.error.main, 0.06);
  const bulkActions = useBulkActions();
  return (
    <DataTable<RequestSummary>
      rowClick="show"
      bulkActionButtons={bulkActions.length > 0 ? <BulkActionButtons actions={bulkActions} /> : false}
      rowSx={(record) => (record.overdue ? { bgcolor: overdueBackground } : {})}
    >
      <Column source="lastName" label="resources.requests.fields.name" render={fullName} />
      <Column source="studentNumber" disableSort>
        <DigitsField source="studentNumber" />
      </Column>
      <Column source="stage">
        <StageChip />
      </Column>
      <Column source="stageEnteredAt" label="resources.requests.fields.daysInStage">
        <DaysInStageField />
      </Column>
      <Column source="overdue" disableSort>
        <OverdueChip />
      </Column>
      <Column source="assignments" label="resources.requests.fields.assignee" disableSort>
        <AssigneeField />
      </Column>
      <Column
        source="ticks.cancellation"
        label="requests.ticks.cancellation"
        disableSort
        render={(record) => <TickIcon kind="cancellation" set={record.ticks.cancellation} />}
      />
      <Column
        source="ticks.welfare"
        label="requests.ticks.welfare"
        disableSort
        render={(record) => <TickIcon kind="welfare" set={record.ticks.welfare} />}
      />
      <Column source="updatedAt" cellSx={() => ({ whiteSpace: 'nowrap' })}>
        <DateTimeField source="updatedAt" format="date" />
      </Column>
    </DataTable>
  );
};
