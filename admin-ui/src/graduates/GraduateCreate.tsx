import { Create, SimpleForm } from 'react-admin';
import { toAsciiDigits } from '../common/digits.ts';
import { GraduateInputs } from './GraduateInputs.tsx';
import type { Graduate } from './types.ts';

type NewGraduate = Omit<Graduate, 'id' | 'version' | 'createdAt' | 'updatedAt' | 'pendingCorrections'>;

const toCreateBody = (graduate: NewGraduate): NewGraduate => ({
  ...graduate,
  studentNumber: toAsciiDigits(graduate.studentNumber.trim()),
  nationalId: toAsciiDigits(graduate.nationalId.trim()),
  scholarship: graduate.scholarship === true,
});

export const GraduateCreate = () => (
  <Create redirect="show" transform={toCreateBody}>
    <SimpleForm sx={{ maxWidth: 520 }} defaultValues={{ scholarship: false }}>
      <GraduateInputs />
    </SimpleForm>
  </Create>
);
