import { Chip, type ChipProps } from '@mui/material';
import { useTranslate } from 'react-admin';
import type { ReviewStatus } from '../common/domain.ts';

const COLORS: Record<ReviewStatus, ChipProps['color']> = {
  pending: 'warning',
  accepted: 'success',
  rejected: 'error',
};

export const ReviewStatusChip = ({ status }: { status: ReviewStatus }) => {
  const translate = useTranslate();
  return (
    <Chip size="small" variant="outlined" color={COLORS[status]} label={translate(`documents.statuses.${status}`)} />
  );
};
