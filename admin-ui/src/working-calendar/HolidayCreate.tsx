import { Create, SimpleForm } from 'react-admin';
import { HolidayInputs } from './HolidayInputs.tsx';
import type { Holiday } from './types.ts';

const toCreateBody = ({ date, nameFa, nameEn, kind }: Holiday) => ({ date, nameFa, nameEn, kind });

export const HolidayCreate = () => (
  <Create redirect="list" transform={toCreateBody}>
    <SimpleForm sx={{ maxWidth: 560 }} defaultValues={{ kind: 'lunar' }}>
      <HolidayInputs />
    </SimpleForm>
  </Create>
);
