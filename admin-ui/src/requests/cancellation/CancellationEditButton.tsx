import { Stack } from '@mui/material';
import { maxLength, regex, SelectInput, TextInput, useTranslate } from 'react-admin';
import { toAsciiDigits } from '../../common/digits.ts';
import { choicesOf, ROUTES } from '../../common/domain.ts';
import { FormDialogButton } from '../../common/FormDialogButton.tsx';
import type { CancellationCase, RequestDetail } from '../types.ts';
import { useCommand } from '../useCommand.ts';

const amountValidation = regex(/^[0-9۰-۹٠-٩]{1,18}$/, 'validation.rials');
const codeValidation = [maxLength(64), regex(/^[0-9A-Za-z۰-۹-]*$/, 'validation.tracking_code')];
const ltr = { htmlInput: { dir: 'ltr' } };

const toBody = (values: CancellationCase): CancellationCase => ({
  route: values.route || null,
  saorgTrackingCode: values.saorgTrackingCode ? toAsciiDigits(values.saorgTrackingCode.trim()) : null,
  amountOwed: toAsciiDigits(String(values.amountOwed || '0')),
  amountPaid: toAsciiDigits(String(values.amountPaid || '0')),
  paymentRef: values.paymentRef?.trim() || null,
});

export const CancellationEditButton = ({ record }: { record: RequestDetail }) => {
  const translate = useTranslate();
  const { run } = useCommand();
  return (
    <FormDialogButton<CancellationCase>
      label="requests.cancellation.edit"
      title="requests.cancellation.edit_title"
      defaultValues={record.cancellationCase}
      onSubmit={(values) =>
        run(
          (dataProvider) => dataProvider.updateCancellation(record.id, { version: record.version, ...toBody(values) }),
          translate('requests.cancellation.saved'),
        )
      }
    >
      <Stack>
        <SelectInput
          source="route"
          label="requests.cancellation.route"
          choices={choicesOf(ROUTES, 'routes')}
          emptyText="requests.cancellation.no_route"
        />
        <TextInput
          source="saorgTrackingCode"
          label="requests.cancellation.saorgTrackingCode"
          validate={codeValidation}
          slotProps={ltr}
        />
        <TextInput
          source="amountOwed"
          label="requests.cancellation.amountOwed"
          validate={amountValidation}
          helperText="requests.cancellation.in_rials"
          slotProps={ltr}
        />
        <TextInput
          source="amountPaid"
          label="requests.cancellation.amountPaid"
          validate={amountValidation}
          helperText="requests.cancellation.in_rials"
          slotProps={ltr}
        />
        <TextInput
          source="paymentRef"
          label="requests.cancellation.paymentRef"
          validate={maxLength(64)}
          slotProps={ltr}
        />
      </Stack>
    </FormDialogButton>
  );
};
