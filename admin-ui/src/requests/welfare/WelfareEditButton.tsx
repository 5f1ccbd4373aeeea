import { Stack } from '@mui/material';
import { BooleanInput, FormDataConsumer, maxLength, RadioButtonGroupInput, TextInput, useTranslate } from 'react-admin';
import { FormDialogButton } from '../../common/FormDialogButton.tsx';
import type { RequestDetail } from '../types.ts';
import { useCommand } from '../useCommand.ts';
import { type DebtChoice, debtChoice } from './debtChoice.ts';

interface WelfareValues {
  debt: DebtChoice;
  settled: boolean;
  note: string | null;
}

const DEBT_CHOICES = (['unknown', 'yes', 'no'] as const).map((id) => ({ id, name: `requests.welfare.debt.${id}` }));

const toBody = ({ debt, settled, note }: WelfareValues) => ({
  hasDebt: debt === 'unknown' ? null : debt === 'yes',
  settled: debt === 'yes' && settled,
  note: note?.trim() || null,
});

export const WelfareEditButton = ({ record }: { record: RequestDetail }) => {
  const translate = useTranslate();
  const { run } = useCommand();
  const { hasDebt, settled, note } = record.welfare;
  return (
    <FormDialogButton<WelfareValues>
      label="requests.welfare.edit"
      title="requests.welfare.edit_title"
      defaultValues={{ debt: debtChoice(hasDebt), settled, note }}
      onSubmit={(values) =>
        run(
          (dataProvider) => dataProvider.updateWelfare(record.id, { version: record.version, ...toBody(values) }),
          translate('requests.welfare.saved'),
        )
      }
    >
      <Stack>
        <RadioButtonGroupInput source="debt" label="requests.welfare.hasDebt" choices={DEBT_CHOICES} />
        <FormDataConsumer<WelfareValues>>
          {({ formData }) =>
            formData.debt === 'yes' && <BooleanInput source="settled" label="requests.welfare.settled" />
          }
        </FormDataConsumer>
        <TextInput
          source="note"
          label="requests.welfare.note"
          multiline
          validate={maxLength(1000)}
          slotProps={{ htmlInput: { dir: 'auto' } }}
        />
      </Stack>
    </FormDialogButton>
  );
};
