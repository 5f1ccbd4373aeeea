import { BooleanInput, DateInput, maxLength, minLength, regex, required, SelectInput, TextInput } from 'react-admin';
import { choicesOf, DEGREE_LEVELS, GENDERS } from '../common/domain.ts';
import { nationalIdValidator } from '../common/nationalId.ts';
import { SolarDateHint } from './SolarDateHint.tsx';

const ltr = { htmlInput: { dir: 'ltr' } };
const auto = { htmlInput: { dir: 'auto' } };
const name = [required(), maxLength(100)];

export const GraduateInputs = () => (
  <>
    <TextInput
      source="studentNumber"
      validate={[required(), minLength(4), maxLength(20), regex(/^[0-9۰-۹٠-٩]+$/, 'validation.digits_only')]}
      slotProps={ltr}
    />
    <TextInput
      source="nationalId"
      validate={[required(), nationalIdValidator]}
      helperText="resources.graduates.helpers.nationalId"
      slotProps={ltr}
    />
    <TextInput source="firstName" validate={name} slotProps={auto} />
    <TextInput source="lastName" validate={name} slotProps={auto} />
    <TextInput source="fatherName" validate={name} slotProps={auto} />
    <DateInput source="birthDate" validate={required()} helperText={<SolarDateHint source="birthDate" />} />
    <SelectInput source="gender" choices={choicesOf(GENDERS, 'genders')} validate={required()} />
    <SelectInput source="degreeLevel" choices={choicesOf(DEGREE_LEVELS, 'degree_levels')} validate={required()} />
    <TextInput source="faculty" validate={[required(), maxLength(200)]} slotProps={auto} />
    <TextInput source="program" validate={[required(), maxLength(200)]} slotProps={auto} />
    <BooleanInput source="scholarship" />
  </>
);
