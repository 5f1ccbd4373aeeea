import { Alert, Stack, Typography } from '@mui/material';
import { useState } from 'react';
import { Show, useLocaleState, useRecordContext, useTranslate } from 'react-admin';
import { formatDate } from '../common/formatDate.ts';
import { ImportCommit } from './ImportCommit.tsx';
import { ImportLineTable } from './ImportLineTable.tsx';
import { ImportStatusChip } from './ImportStatusChip.tsx';
import { ImportSummary } from './ImportSummary.tsx';
import type { GraduateImport, LineFilter } from './types.ts';

const ImportHeader = ({ record }: { record: GraduateImport }) => {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const ignored = record.columns.filter((c) => c.field === null).map((c) => c.header);
  return (
    <Stack spacing={0.5}>
      <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
        <Typography variant="h6" component="h2">
          {translate('graduate_imports.file', { name: record.fileName })}
        </Typography>
        <ImportStatusChip status={record.status} />
      </Stack>
      <Typography variant="body2" color="text.secondary">
        {translate('graduate_imports.uploaded', {
          name: record.createdByName ?? '—',
          date: formatDate(record.createdAt, locale),
        })}
      </Typography>
      {ignored.length > 0 && (
        <Typography variant="body2" color="text.secondary">
          {translate('graduate_imports.ignored_columns', {
            columns: ignored.join(translate('graduate_imports.list_separator')),
          })}
        </Typography>
      )}
    </Stack>
  );
};

/** What each result means, for the results this file has. */
const Explanations = ({ record }: { record: GraduateImport }) => {
  const translate = useTranslate();
  const shown = (['new', 'unchanged', 'conflict', 'invalid'] as const).filter((status) => record.rows[status] > 0);
  return (
    <Alert severity="info" icon={false}>
      {shown.map((status) => (
        <Typography key={status} variant="body2">
          {translate(`graduate_imports.explanations.${status}`)}
        </Typography>
      ))}
    </Alert>
  );
};

const ImportReport = () => {
  const record = useRecordContext<GraduateImport>();
  const [filter, setFilter] = useState<LineFilter>(undefined);
  if (!record) return null;
  return (
    <Stack spacing={2} sx={{ p: 2 }}>
      <ImportHeader record={record} />
      <ImportCommit record={record} />
      <ImportSummary record={record} filter={filter} onFilter={setFilter} />
      <Explanations record={record} />
      <ImportLineTable importId={record.id} filter={filter} />
    </Stack>
  );
};

/** The dry run's report: counts per result, the lines with their reasons, and the import of the new ones. */
export const GraduateImportShow = () => (
  <Show title="graduate_imports.title" actions={false}>
    <ImportReport />
  </Show>
);
