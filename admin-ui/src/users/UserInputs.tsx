import { required, SelectInput, TextInput } from 'react-admin';
import { roleChoices } from '../common/roles.ts';
import { GraduateIdInput } from './GraduateIdInput.tsx';

export { passwordValidation } from './passwordValidation.ts';

export const UserInputs = () => (
  <>
    <TextInput source="displayName" validate={required()} slotProps={{ htmlInput: { dir: 'auto' } }} />
    <SelectInput source="role" choices={roleChoices} validate={required()} />
    <GraduateIdInput />
  </>
);

export const graduateIdFor = (role: unknown, graduateId: unknown): string | null =>
  role === 'graduate' && typeof graduateId === 'string' && graduateId.trim() !== '' ? graduateId.trim() : null;
