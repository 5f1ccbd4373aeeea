import { HOLIDAY_KINDS } from '@diploma-desk/db/domain';
import { required, SelectInput, TextInput } from 'react-admin';
import { choicesOf } from '../common/domain.ts';
import { SolarDayInput } from './SolarDayInput.tsx';

export const holidayKindChoices = choicesOf(HOLIDAY_KINDS, 'calendar.holidays.kinds');

export const HolidayInputs = () => (
  <>
    <SolarDayInput source="date" />
    <TextInput source="nameFa" validate={required()} slotProps={{ htmlInput: { dir: 'rtl', lang: 'fa' } }} />
    <TextInput source="nameEn" validate={required()} slotProps={{ htmlInput: { dir: 'ltr', lang: 'en' } }} />
    <SelectInput source="kind" choices={holidayKindChoices} validate={required()} />
  </>
);
