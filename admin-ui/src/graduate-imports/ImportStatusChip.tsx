import { Chip, type ChipProps } from '@mui/material';
import { useTranslate } from 'react-admin';
import type { ImportRowStatus, ImportStatus } from './types.ts';

const LINE_COLORS: Record<ImportRowStatus, ChipProps['color']> = {
  new: 'success',
  unchanged: 'default',
  conflict: 'warning',
  invalid: 'error',
};
const IMPORT_COLORS: Record<ImportStatus, ChipProps['color']> = {
  ready: 'info',
  committing: 'warning',
  committed: 'success',
};

export const LineStatusChip = ({ status }: { status: ImportRowStatus }) => {
  const translate = useTranslate();
  return (
    <Chip
      size="small"
      color={LINE_COLORS[status]}
      variant={status === 'unchanged' ? 'outlined' : 'filled'}
      label={translate(`graduate_imports.row_statuses.${status}`)}
    />
  );
};

export const ImportStatusChip = ({ status }: { status: ImportStatus }) => {
  const translate = useTranslate();
  return <Chip size="small" color={IMPORT_COLORS[status]} label={translate(`graduate_imports.statuses.${status}`)} />;
};
