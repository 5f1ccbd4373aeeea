import { Chip, type ChipProps, Stack } from '@mui/material';
import { useTranslate } from 'react-admin';
import type { GraduateImport, LineFilter } from './types.ts';

const FILTERS: ReadonlyArray<{ filter: LineFilter; key: string; color: ChipProps['color'] }> = [
  { filter: undefined, key: 'all', color: 'primary' },
  { filter: 'new', key: 'new', color: 'success' },
  { filter: 'unchanged', key: 'unchanged', color: 'default' },
  { filter: 'conflict', key: 'conflict', color: 'warning' },
  { filter: 'invalid', key: 'invalid', color: 'error' },
  { filter: 'warned', key: 'warned', color: 'info' },
];

/** The lines of the file by result, each a toggle that shows only those lines in the table below. */
export const ImportSummary = ({
  record,
  filter,
  onFilter,
}: {
  record: GraduateImport;
  filter: LineFilter;
  onFilter: (filter: LineFilter) => void;
}) => {
  const translate = useTranslate();
  const count = (key: string) => (key === 'all' ? record.rows.total : record.rows[key as keyof GraduateImport['rows']]);
  return (
    <Stack
      direction="row"
      spacing={1}
      useFlexGap
      role="group"
      aria-label={translate('graduate_imports.summary.label')}
      sx={{ flexWrap: 'wrap' }}
    >
      {FILTERS.map(({ filter: value, key, color }) => {
        const selected = filter === value;
        return (
          <Chip
            key={key}
            clickable
            color={color}
            variant={selected ? 'filled' : 'outlined'}
            aria-pressed={selected}
            label={translate(`graduate_imports.summary.${key}`, { count: count(key) })}
            onClick={() => onFilter(value)}
          />
        );
      })}
    </Stack>
  );
};
