import { DataTable, SelectField, TextField, useCanAccess } from 'react-admin';
import { DateTimeField } from '../common/DateTimeField.tsx';
import { roleChoices } from '../common/roles.ts';
import { ActiveField } from './ActiveField.tsx';

export const UserTable = () => {
  const { canAccess: canEdit } = useCanAccess({ action: 'edit', resource: 'users' });
  return (
    <DataTable rowClick={canEdit ? 'edit' : false} bulkActionButtons={false}>
      <DataTable.Col source="username">
        <TextField source="username" dir="ltr" />
      </DataTable.Col>
      <DataTable.Col source="displayName" />
      <DataTable.Col source="role">
        <SelectField source="role" choices={roleChoices} />
      </DataTable.Col>
      <DataTable.Col source="active">
        <ActiveField />
      </DataTable.Col>
      <DataTable.Col source="createdAt">
        <DateTimeField source="createdAt" />
      </DataTable.Col>
    </DataTable>
  );
};
