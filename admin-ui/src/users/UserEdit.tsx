import { BooleanInput, Edit, Labeled, SaveButton, SimpleForm, TextInput, Toolbar, TopToolbar } from 'react-admin';
import { DateTimeField } from '../common/DateTimeField.tsx';
import { EndSessionsButton } from './EndSessionsButton.tsx';
import { ResetPasswordButton } from './ResetPasswordButton.tsx';
import type { User } from './types.ts';
import { graduateIdFor, UserInputs } from './UserInputs.tsx';
import { UserTitle } from './UserTitle.tsx';

const toUpdate = (user: User): User => ({ ...user, graduateId: graduateIdFor(user.role, user.graduateId) });

const UserEditActions = () => (
  <TopToolbar>
    <ResetPasswordButton />
    <EndSessionsButton />
  </TopToolbar>
);

const UserEditToolbar = () => (
  <Toolbar>
    <SaveButton />
  </Toolbar>
);

export const UserEdit = () => (
  <Edit mutationMode="pessimistic" transform={toUpdate} actions={<UserEditActions />} title={<UserTitle />}>
    <SimpleForm toolbar={<UserEditToolbar />} sx={{ maxWidth: 520 }}>
      <TextInput source="username" readOnly slotProps={{ htmlInput: { dir: 'ltr' } }} />
      <UserInputs />
      <BooleanInput source="active" helperText="resources.users.helpers.active" />
      <Labeled sx={{ mt: 2 }}>
        <DateTimeField source="passwordChangedAt" />
      </Labeled>
    </SimpleForm>
  </Edit>
);
