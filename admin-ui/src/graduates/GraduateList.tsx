import { CreateButton, DataTable, FilterButton, List, SearchInput, SelectField, SelectInput } from 'react-admin';
import { DigitsField } from '../common/DigitsField.tsx';
import { choicesOf, DEGREE_LEVELS, GENDERS } from '../common/domain.ts';
import { ListExportButton } from '../exports/ListExportButton.tsx';
import { ImportButton } from '../graduate-imports/ImportButton.tsx';
import { fullName } from '../requests/fullName.ts';
import { ViewsToolbar } from '../saved-views/ViewsToolbar.tsx';
import type { Graduate } from './types.ts';

const degreeChoices = choicesOf(DEGREE_LEVELS, 'degree_levels');

const graduateFilters = [
  <SearchInput key="q" source="q" alwaysOn />,
  <SelectInput key="degreeLevel" source="degreeLevel" choices={degreeChoices} />,
  <SelectInput key="gender" source="gender" choices={choicesOf(GENDERS, 'genders')} />,
];

const Column = DataTable.Col<Graduate>;

export const GraduateList = () => (
  <List
    filters={graduateFilters}
    sort={{ field: 'lastName', order: 'ASC' }}
    exporter={false}
    actions={
      <ViewsToolbar>
        <FilterButton />
        <CreateButton />
        <ImportButton />
        <ListExportButton />
      </ViewsToolbar>
    }
  >
    <DataTable<Graduate> rowClick="show" bulkActionButtons={false}>
      <Column source="lastName" label="resources.graduates.fields.name" render={fullName} />
      <Column source="studentNumber">
        <DigitsField source="studentNumber" />
      </Column>
      <Column source="nationalId" disableSort>
        <DigitsField source="nationalId" />
      </Column>
      <Column source="degreeLevel" disableSort>
        <SelectField source="degreeLevel" choices={degreeChoices} />
      </Column>
      <Column source="faculty" />
      <Column source="program" disableSort />
    </DataTable>
  </List>
);
