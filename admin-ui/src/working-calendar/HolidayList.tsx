import { DataTable, List, SearchInput, SelectField, SelectInput, useCanAccess, useLocaleState } from 'react-admin';
import { HolidayDateField } from './HolidayDateField.tsx';
import { holidayKindChoices } from './HolidayInputs.tsx';
import { currentSolarYear } from './holidayDates.ts';
import type { Holiday } from './types.ts';
import { WorkingWeekCard } from './WorkingWeekCard.tsx';

const Column = DataTable.Col<Holiday>;

const yearChoices = (locale: string) => {
  const now = currentSolarYear();
  return [now - 1, now, now + 1, now + 2].map((year) => ({
    id: year,
    name: year.toLocaleString(locale === 'fa' ? 'fa-IR' : 'en-GB', { useGrouping: false }),
  }));
};

export const HolidayList = () => {
  const [locale] = useLocaleState();
  const { canAccess: canEdit } = useCanAccess({ action: 'edit', resource: 'holidays' });
  const filters = [
    <SelectInput key="year" source="year" choices={yearChoices(locale)} alwaysOn />,
    <SearchInput key="q" source="q" alwaysOn />,
    <SelectInput key="kind" source="kind" choices={holidayKindChoices} />,
  ];
  return (
    <List
      filters={filters}
      filterDefaultValues={{ year: currentSolarYear() }}
      sort={{ field: 'date', order: 'ASC' }}
      perPage={50}
      exporter={false}
      aside={<WorkingWeekCard />}
    >
      <DataTable<Holiday> rowClick={canEdit ? 'edit' : false} bulkActionButtons={false}>
        <Column source="date">
          <HolidayDateField />
        </Column>
        <Column source="nameFa" />
        <Column source="nameEn" />
        <Column source="kind">
          <SelectField source="kind" choices={holidayKindChoices} sx={{ whiteSpace: 'nowrap' }} />
        </Column>
      </DataTable>
    </List>
  );
};
