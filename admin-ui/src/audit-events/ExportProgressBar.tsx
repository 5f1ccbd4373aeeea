import StopIcon from '@mui/icons-material/Stop';
import { LinearProgress, Stack, Typography } from '@mui/material';
import { Button, useTranslate } from 'react-admin';
import type { ExportProgress } from './csvDownload.ts';

export const ExportProgressBar = ({ progress, onCancel }: { progress: ExportProgress; onCancel: () => void }) => {
  const translate = useTranslate();
  const { rows, total } = progress;
  const text =
    total === undefined
      ? translate('audit.export.progress_unknown', { rows })
      : translate('audit.export.progress', { rows, total });
  return (
    <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
      <Stack spacing={0.5} sx={{ width: 220 }}>
        <LinearProgress
          aria-label={translate('audit.export.button')}
          variant={total ? 'determinate' : 'indeterminate'}
          value={total ? Math.min(100, (rows / total) * 100) : undefined}
        />
        <Typography variant="caption" role="status">
          {text}
        </Typography>
      </Stack>
      <Button label="audit.export.cancel" onClick={onCancel}>
        <StopIcon />
      </Button>
    </Stack>
  );
};
