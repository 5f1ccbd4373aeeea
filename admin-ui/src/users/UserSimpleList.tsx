import { SelectField, SimpleList, TextField, useCanAccess } from 'react-admin';
import { roleChoices } from '../common/roles.ts';
import { ActiveField } from './ActiveField.tsx';

export const UserSimpleList = () => {
  const { canAccess: canEdit } = useCanAccess({ action: 'edit', resource: 'users' });
  return (
    <SimpleList
      rowClick={canEdit ? 'edit' : false}
      primaryText={<TextField source="displayName" />}
      secondaryText={<SelectField source="role" choices={roleChoices} />}
      tertiaryText={() => <ActiveField />}
    />
  );
};
