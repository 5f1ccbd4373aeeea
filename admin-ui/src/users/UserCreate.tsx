import { Create, PasswordInput, required, SimpleForm, TextInput } from 'react-admin';
import type { User } from './types.ts';
import { graduateIdFor, passwordValidation, UserInputs } from './UserInputs.tsx';

type NewUser = Pick<User, 'username' | 'displayName' | 'role' | 'graduateId'> & { password: string };

const toCreateBody = ({ username, password, role, displayName, graduateId }: NewUser) => {
  const graduate = graduateIdFor(role, graduateId);
  return { username, password, role, displayName, ...(graduate ? { graduateId: graduate } : {}) };
};

export const UserCreate = () => (
  <Create redirect="list" transform={toCreateBody}>
    <SimpleForm sx={{ maxWidth: 520 }}>
      <TextInput
        source="username"
        validate={required()}
        autoComplete="off"
        helperText="resources.users.helpers.username"
        slotProps={{ htmlInput: { dir: 'ltr' } }}
      />
      <UserInputs />
      <PasswordInput
        source="password"
        validate={passwordValidation}
        autoComplete="new-password"
        helperText="resources.users.helpers.password"
      />
    </SimpleForm>
  </Create>
);
