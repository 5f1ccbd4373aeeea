import { type Theme, useMediaQuery } from '@mui/material';
import { List, NullableBooleanInput, SearchInput, SelectInput } from 'react-admin';
import { roleChoices } from '../common/roles.ts';
import { UserSimpleList } from './UserSimpleList.tsx';
import { UserTable } from './UserTable.tsx';

const userFilters = [
  <SearchInput key="q" source="q" alwaysOn />,
  <SelectInput key="role" source="role" choices={roleChoices} />,
  <NullableBooleanInput
    key="active"
    source="active"
    trueLabel="resources.users.status.active"
    falseLabel="resources.users.status.inactive"
  />,
];

export const UserList = () => {
  const isSmall = useMediaQuery<Theme>((theme) => theme.breakpoints.down('md'));
  return (
    <List filters={userFilters} sort={{ field: 'createdAt', order: 'DESC' }} exporter={false}>
      {isSmall ? <UserSimpleList /> : <UserTable />}
    </List>
  );
};
