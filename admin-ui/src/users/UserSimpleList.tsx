import { SelectField, SimpleList, TextField } from 'react-admin';
import { roleChoices } from '../common/roles.ts';
import { ActiveField } from './ActiveField.tsx';

export const UserSimpleList = () => (
  <SimpleList
    rowClick="edit"
    primaryText={<TextField source="displayName" />}
    secondaryText={<SelectField source="role" choices={roleChoices} />}
    tertiaryText={() => <ActiveField />}
  />
);
