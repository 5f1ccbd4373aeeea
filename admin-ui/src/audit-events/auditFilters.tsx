import { regex, SearchInput, SelectInput, TextInput } from 'react-admin';
import { ROLES } from '../common/roles.ts';
import { actionChoices, SYSTEM, subjectTypeChoices } from './actions.ts';
import { DayInput } from './DayInput.tsx';

const officeChoices = [
  ...ROLES.map((role) => ({ id: role, name: `offices.${role}` })),
  { id: SYSTEM, name: 'audit.system' },
];
const uuid = regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, 'audit.filters.actor_id_invalid');
const ltr = { htmlInput: { dir: 'ltr' } };

export const auditFilters = [
  <SearchInput key="q" source="q" alwaysOn />,
  <DayInput key="from" source="from" alwaysOn />,
  <DayInput key="to" source="to" alwaysOn />,
  <SelectInput key="role" source="role" choices={officeChoices} />,
  <SelectInput key="action" source="action" choices={actionChoices} />,
  <SelectInput key="subjectType" source="subjectType" choices={subjectTypeChoices} />,
  <TextInput key="actorId" source="actorId" validate={uuid} slotProps={ltr} />,
  <TextInput key="requestId" source="requestId" slotProps={ltr} />,
];
