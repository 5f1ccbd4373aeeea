import { Stack } from '@mui/material';
import { useCanAccess, useLocaleState, useTranslate } from 'react-admin';
import { DetailList } from '../../common/DetailList.tsx';
import { localDigits } from '../../common/digits.ts';
import { formatRials } from '../../common/rials.ts';
import { isCaseFrozen } from '../frozen.ts';
import { TickControl } from '../TickControl.tsx';
import { useRequestDetail } from '../useRequestDetail.ts';
import { CancellationEditButton } from './CancellationEditButton.tsx';

export const CancellationSection = () => {
  const record = useRequestDetail();
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const { canAccess: canEdit } = useCanAccess({ action: 'update', resource: 'requests.cancellation', record });
  if (!record) return null;
  const { route, saorgTrackingCode, amountOwed, amountPaid, paymentRef } = record.cancellationCase;
  const rials = (amount: string) => translate('common.rials', { amount: formatRials(amount, locale) });
  return (
    <Stack spacing={2} sx={{ py: 1 }}>
      <DetailList
        items={[
          { label: 'requests.cancellation.route', value: route && translate(`routes.${route}`) },
          {
            label: 'requests.cancellation.saorgTrackingCode',
            value: saorgTrackingCode && localDigits(saorgTrackingCode, locale),
          },
          { label: 'requests.cancellation.amountOwed', value: rials(amountOwed) },
          { label: 'requests.cancellation.amountPaid', value: rials(amountPaid) },
          { label: 'requests.cancellation.paymentRef', value: paymentRef && localDigits(paymentRef, locale) },
          {
            label: 'resources.graduates.fields.scholarship',
            value: translate(record.graduate.scholarship ? 'ra.boolean.true' : 'ra.boolean.false'),
          },
        ]}
      />
      {canEdit && !isCaseFrozen(record, 'cancellation') && <CancellationEditButton record={record} />}
      <TickControl record={record} kind="cancellation" />
    </Stack>
  );
};
