import CancelOutlinedIcon from '@mui/icons-material/CancelOutlined';
import CheckCircleIcon from '@mui/icons-material/CheckCircle';
import { Tooltip } from '@mui/material';
import { useTranslate } from 'react-admin';
import type { TickKind } from '../common/domain.ts';

export const TickIcon = ({ kind, set }: { kind: TickKind; set: boolean }) => {
  const translate = useTranslate();
  const label = translate(set ? 'requests.ticks.is_set' : 'requests.ticks.is_unset', {
    tick: translate(`requests.ticks.${kind}`),
  });
  return (
    <Tooltip title={label}>
      {set ? (
        <CheckCircleIcon color="success" fontSize="small" titleAccess={label} />
      ) : (
        <CancelOutlinedIcon color="disabled" fontSize="small" titleAccess={label} />
      )}
    </Tooltip>
  );
};
