import CheckCircleIcon from '@mui/icons-material/CheckCircle';
import { Box, Stack, Tooltip, Typography } from '@mui/material';
import { DataTable, type Identifier, ListBase, Pagination, useLocaleState, useTranslate } from 'react-admin';
import { localDigits } from '../common/digits.ts';
import { LineStatusChip } from './ImportStatusChip.tsx';
import { issueText, shownValue } from './issueText.ts';
import type { ImportLine, LineFilter } from './types.ts';

const Column = DataTable.Col<ImportLine>;
const SEVERITY_COLORS = { error: 'error.main', difference: 'warning.dark', warning: 'text.secondary' } as const;

const Digits = ({ value }: { value: unknown }) => {
  const [locale] = useLocaleState();
  if (typeof value !== 'string' || value === '') return null;
  return (
    <Typography component="span" variant="body2" dir="ltr" sx={{ unicodeBidi: 'isolate' }}>
      {localDigits(value, locale)}
    </Typography>
  );
};

const Findings = ({ line }: { line: ImportLine }) => {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  if (line.issues.length === 0) return null;
  return (
    <Box component="ul" sx={{ m: 0, paddingInlineStart: 2 }}>
      {line.issues.map((issue, i) => (
        <Typography
          // biome-ignore lint/suspicious/noArrayIndexKey: a line's findings never reorder
          key={i}
          component="li"
          variant="body2"
          sx={{ color: SEVERITY_COLORS[issue.severity] }}
        >
          {issueText(issue, translate, locale)}
        </Typography>
      ))}
    </Box>
  );
};

const Result = ({ line }: { line: ImportLine }) => {
  const translate = useTranslate();
  return (
    <Stack direction="row" spacing={0.5} sx={{ alignItems: 'center' }}>
      <LineStatusChip status={line.status} />
      {line.importedAt && (
        <Tooltip title={translate('graduate_imports.imported')}>
          <CheckCircleIcon color="success" fontSize="small" titleAccess={translate('graduate_imports.imported')} />
        </Tooltip>
      )}
    </Stack>
  );
};

const BirthDate = ({ line }: { line: ImportLine }) => {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const value = line.fields.birthDate;
  if (value === undefined || value === '') return null;
  return (
    <Typography component="span" variant="body2" sx={{ whiteSpace: 'nowrap' }}>
      {shownValue('birthDate', value, translate, locale)}
    </Typography>
  );
};

const apiFilter = (filter: LineFilter) =>
  filter === undefined ? {} : filter === 'warned' ? { warned: true } : { status: filter };

/**
 * The dry run's report, line by line, in file order: what each line is, and why. The lines are part of the import
 * the page has already been allowed to show (the API checks again), so the list asks no access of its own: a
 * sub-resource has no name of its own among the CASL subjects.
 */
export const ImportLineTable = ({ importId, filter }: { importId: Identifier; filter: LineFilter }) => (
  <ListBase
    resource={`graduate-imports/${importId}/rows`}
    filter={apiFilter(filter)}
    sort={{ field: 'line', order: 'ASC' }}
    perPage={25}
    disableSyncWithLocation
    disableAuthentication
    storeKey={false}
  >
    <DataTable<ImportLine> bulkActionButtons={false} rowClick={false}>
      <Column source="line" label="graduate_imports.columns.line" render={(r) => <Digits value={String(r.line)} />} />
      <Column source="status" disableSort label="graduate_imports.columns.status" render={(r) => <Result line={r} />} />
      <Column
        source="fields.nationalId"
        disableSort
        label="resources.graduates.fields.nationalId"
        render={(r) => <Digits value={r.fields.nationalId} />}
      />
      <Column
        source="fields.lastName"
        disableSort
        label="graduate_imports.columns.name"
        render={(r) => [r.fields.firstName, r.fields.lastName].filter(Boolean).join(' ')}
      />
      <Column
        source="fields.studentNumber"
        disableSort
        label="resources.graduates.fields.studentNumber"
        render={(r) => <Digits value={r.fields.studentNumber} />}
      />
      <Column
        source="fields.birthDate"
        disableSort
        label="resources.graduates.fields.birthDate"
        render={(r) => <BirthDate line={r} />}
      />
      <Column
        source="issues"
        disableSort
        label="graduate_imports.columns.findings"
        render={(r) => <Findings line={r} />}
      />
    </DataTable>
    <Pagination rowsPerPageOptions={[25, 50, 100]} />
  </ListBase>
);
