import PlaylistAddIcon from '@mui/icons-material/PlaylistAdd';
import { Alert, LinearProgress, Stack, Typography } from '@mui/material';
import { useState } from 'react';
import {
  Button,
  Link,
  useCanAccess,
  useDataProvider,
  useGetOne,
  useLocaleState,
  useNotify,
  useRefresh,
  useTranslate,
} from 'react-admin';
import { formatDate } from '../common/formatDate.ts';
import type { AppDataProvider } from '../providers/dataProvider.ts';
import type { GraduateImport } from './types.ts';

/** Progress while the commit runs: the import is read again this often (each batch is committed on its own). */
const POLL_MS = 700;

const Progress = ({ record }: { record: GraduateImport }) => {
  const translate = useTranslate();
  const { done, total } = record.progress;
  const text = translate('graduate_imports.progress', { done, total });
  return (
    <Stack spacing={0.5} sx={{ maxWidth: 480 }}>
      <LinearProgress
        aria-label={text}
        variant="determinate"
        value={total > 0 ? Math.min(100, (done / total) * 100) : 0}
      />
      <Typography variant="body2" role="status">
        {text}
      </Typography>
    </Stack>
  );
};

/**
 * “Import N new graduates”: creates the new lines' graduates, batch by batch, showing the progress as it goes;
 * then what was done. A commit that was cut off (a crash, a lost connection) is resumed from here.
 */
export const ImportCommit = ({ record }: { record: GraduateImport }) => {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const dataProvider = useDataProvider<AppDataProvider>();
  const notify = useNotify();
  const refresh = useRefresh();
  const { canAccess } = useCanAccess({ action: 'edit', resource: 'graduate-imports', record });
  const [running, setRunning] = useState(false);
  const [created, setCreated] = useState<number | null>(null);
  useGetOne<GraduateImport>(
    'graduate-imports',
    { id: record.id },
    { enabled: running, refetchInterval: running ? POLL_MS : false },
  );
  const left = record.progress.total - record.progress.done;

  const commit = async () => {
    const before = record.progress.done;
    setRunning(true);
    try {
      const done = await dataProvider.commitGraduateImport(record.id);
      setCreated(done.progress.done - before);
    } catch (error) {
      notify(error instanceof Error ? error.message : 'ra.notification.http_error', { type: 'error' });
    } finally {
      setRunning(false);
      refresh();
    }
  };

  if (running) return <Progress record={record} />;
  const seeGraduates = (
    <Link to="/graduates" sx={{ marginInlineStart: 1 }}>
      {translate('graduate_imports.see_graduates')}
    </Link>
  );
  if (created !== null) {
    return (
      <Alert severity="success" role="status">
        {translate('graduate_imports.done', { smart_count: created })}
        {seeGraduates}
      </Alert>
    );
  }
  if (record.status === 'committed') {
    return (
      <Alert severity="success">
        {translate('graduate_imports.committed_on', {
          smart_count: record.rows.imported,
          date: formatDate(record.committedAt ?? record.createdAt, locale),
        })}
        {seeGraduates}
      </Alert>
    );
  }
  if (left === 0) return <Alert severity="info">{translate('graduate_imports.nothing_new')}</Alert>;
  if (!canAccess) return null;
  return (
    <Stack direction="row" spacing={2} sx={{ alignItems: 'center' }}>
      <Button
        variant="contained"
        size="large"
        label={translate(record.status === 'committing' ? 'graduate_imports.resume' : 'graduate_imports.commit', {
          smart_count: left,
        })}
        onClick={commit}
      >
        <PlaylistAddIcon />
      </Button>
      {record.status === 'committing' && <Progress record={record} />}
    </Stack>
  );
};
