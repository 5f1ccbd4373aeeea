import StopIcon from '@mui/icons-material/Stop';
import { LinearProgress, Stack, Typography } from '@mui/material';
import { Button, useTranslate } from 'react-admin';
import type { ListExportProgress as Progress } from './listDownload.ts';

const MEGABYTE = 1_048_576;

/** Rows against the total for CSV; a workbook arrives zipped, so its bytes are shown instead. */
export const ListExportProgress = ({ progress, onCancel }: { progress: Progress; onCancel: () => void }) => {
  const translate = useTranslate();
  const { rows, total, bytes } = progress;
  const megabytes = Math.round((bytes / MEGABYTE) * 10) / 10;
  const counted = rows !== undefined && total !== undefined;
  const text = counted
    ? translate('list_exports.progress_rows', { rows, total })
    : bytes === 0
      ? translate('list_exports.starting')
      : total === undefined
        ? translate('list_exports.progress_unknown', { megabytes })
        : translate('list_exports.progress_bytes', { megabytes, total });
  return (
    <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
      <Stack spacing={0.5} sx={{ width: 240 }}>
        <LinearProgress
          aria-label={translate('list_exports.button')}
          variant={counted && total ? 'determinate' : 'indeterminate'}
          value={counted && total ? Math.min(100, (rows / total) * 100) : undefined}
        />
        <Typography variant="caption" role="status">
          {text}
        </Typography>
      </Stack>
      <Button label="list_exports.cancel" onClick={onCancel}>
        <StopIcon />
      </Button>
    </Stack>
  );
};
