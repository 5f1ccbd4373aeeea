import { DataTable, NumberField, useRecordContext } from 'react-admin';
import { DateTimeField } from '../common/DateTimeField.tsx';
import { ImportStatusChip } from './ImportStatusChip.tsx';
import type { GraduateImport } from './types.ts';

const Column = DataTable.Col<GraduateImport>;

const Status = () => {
  const record = useRecordContext<GraduateImport>();
  return record ? <ImportStatusChip status={record.status} /> : null;
};

/** Imports, newest first: when, which file, how its lines came out, how far it got. */
export const ImportTable = () => (
  <DataTable<GraduateImport> rowClick="show" bulkActionButtons={false}>
    <Column source="createdAt">
      <DateTimeField source="createdAt" />
    </Column>
    <Column source="fileName" disableSort />
    <Column source="status" disableSort>
      <Status />
    </Column>
    <Column source="rows.total" label="resources.graduate-imports.fields.lines" disableSort>
      <NumberField source="rows.total" />
    </Column>
    <Column source="rows.new" label="graduate_imports.row_statuses.new" disableSort>
      <NumberField source="rows.new" />
    </Column>
    <Column source="rows.invalid" label="graduate_imports.row_statuses.invalid" disableSort>
      <NumberField source="rows.invalid" />
    </Column>
    <Column source="createdByName" disableSort />
  </DataTable>
);
