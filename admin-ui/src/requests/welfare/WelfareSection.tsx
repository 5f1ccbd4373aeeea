import { Stack } from '@mui/material';
import { useCanAccess, useTranslate } from 'react-admin';
import { DetailList } from '../../common/DetailList.tsx';
import { isCaseFrozen } from '../frozen.ts';
import { TickControl } from '../TickControl.tsx';
import { useRequestDetail } from '../useRequestDetail.ts';
import { debtChoice } from './debtChoice.ts';
import { WelfareEditButton } from './WelfareEditButton.tsx';

export const WelfareSection = () => {
  const record = useRequestDetail();
  const translate = useTranslate();
  const { canAccess: canEdit } = useCanAccess({ action: 'update', resource: 'requests.welfare', record });
  if (!record) return null;
  const { hasDebt, settled, note } = record.welfare;
  return (
    <Stack spacing={2} sx={{ py: 1 }}>
      <DetailList
        items={[
          { label: 'requests.welfare.hasDebt', value: translate(`requests.welfare.debt.${debtChoice(hasDebt)}`) },
          {
            label: 'requests.welfare.settled',
            value: hasDebt ? translate(settled ? 'ra.boolean.true' : 'ra.boolean.false') : null,
          },
          { label: 'requests.welfare.note', value: note },
        ]}
      />
      {canEdit && !isCaseFrozen(record, 'welfare') && <WelfareEditButton record={record} />}
      <TickControl record={record} kind="welfare" />
    </Stack>
  );
};
