import { Chip, type ChipProps } from '@mui/material';
import { useRecordContext, useTranslate } from 'react-admin';
import type { Stage } from '../common/domain.ts';

const STAGE_COLORS: Record<Stage, ChipProps['color']> = {
  draft: 'default',
  submitted: 'info',
  under_review: 'primary',
  returned: 'warning',
  approved: 'success',
  printing: 'secondary',
  signing: 'secondary',
  ready: 'success',
  delivered: 'success',
  withdrawn: 'default',
};

export const StageChip = ({ stage, size = 'small' }: { stage?: Stage; size?: ChipProps['size'] }) => {
  const record = useRecordContext<{ stage: Stage }>();
  const translate = useTranslate();
  const value = stage ?? record?.stage;
  if (!value) return null;
  return (
    <Chip
      size={size}
      color={STAGE_COLORS[value]}
      variant={value === 'delivered' || value === 'withdrawn' ? 'outlined' : 'filled'}
      label={translate(`stages.${value}`)}
    />
  );
};
