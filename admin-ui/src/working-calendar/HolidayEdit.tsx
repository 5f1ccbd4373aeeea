import { DeleteButton, Edit, SaveButton, SimpleForm, Toolbar } from 'react-admin';
import { HolidayInputs } from './HolidayInputs.tsx';
import { HolidayTitle } from './HolidayTitle.tsx';

const HolidayEditToolbar = () => (
  <Toolbar sx={{ justifyContent: 'space-between' }}>
    <SaveButton />
    <DeleteButton mutationMode="pessimistic" />
  </Toolbar>
);

export const HolidayEdit = () => (
  <Edit mutationMode="pessimistic" redirect="list" title={<HolidayTitle />}>
    <SimpleForm toolbar={<HolidayEditToolbar />} sx={{ maxWidth: 560 }}>
      <HolidayInputs />
    </SimpleForm>
  </Edit>
);
