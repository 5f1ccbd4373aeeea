import EditNoteIcon from '@mui/icons-material/EditNote';
import { Stack, Typography } from '@mui/material';
import { DateInput, maxLength, TextInput, useCanAccess, useNotify, useTranslate } from 'react-admin';
import { FormDialogButton } from '../common/FormDialogButton.tsx';
import { useCommand } from '../requests/useCommand.ts';
import { SolarDateHint } from './SolarDateHint.tsx';
import { CORRECTABLE_FIELDS, type Graduate } from './types.ts';

type CorrectionValues = Partial<Record<(typeof CORRECTABLE_FIELDS)[number] | 'note', string>>;

const changesOf = (graduate: Graduate, values: CorrectionValues): Record<string, string> =>
  Object.fromEntries(
    CORRECTABLE_FIELDS.flatMap((field) => {
      const value = values[field]?.trim();
      return value && value !== graduate[field] ? [[field, value]] : [];
    }),
  );

const auto = { htmlInput: { dir: 'auto' } };

export const CorrectionRequestButton = ({ graduate }: { graduate: Graduate }) => {
  const translate = useTranslate();
  const notify = useNotify();
  const { run } = useCommand();
  const { canAccess } = useCanAccess({
    action: 'create',
    resource: 'corrections',
    record: { id: graduate.id, graduateId: graduate.id },
  });
  if (!canAccess) return null;

  const submit = async (values: CorrectionValues) => {
    const changes = changesOf(graduate, values);
    if (Object.keys(changes).length === 0) {
      notify('corrections.nothing_changed', { type: 'warning' });
      return false;
    }
    return run(
      (dataProvider) => dataProvider.requestCorrection(graduate.id, changes, values.note?.trim()),
      translate('corrections.sent'),
    );
  };

  return (
    <FormDialogButton<CorrectionValues>
      label="corrections.request"
      title="corrections.request_title"
      icon={<EditNoteIcon />}
      defaultValues={Object.fromEntries(CORRECTABLE_FIELDS.map((field) => [field, graduate[field]]))}
      onSubmit={submit}
    >
      <Stack>
        <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
          {translate('corrections.request_explanation')}
        </Typography>
        <TextInput
          source="firstName"
          label="resources.graduates.fields.firstName"
          validate={maxLength(100)}
          slotProps={auto}
        />
        <TextInput
          source="lastName"
          label="resources.graduates.fields.lastName"
          validate={maxLength(100)}
          slotProps={auto}
        />
        <TextInput
          source="fatherName"
          label="resources.graduates.fields.fatherName"
          validate={maxLength(100)}
          slotProps={auto}
        />
        <DateInput
          source="birthDate"
          label="resources.graduates.fields.birthDate"
          helperText={<SolarDateHint source="birthDate" />}
        />
        <TextInput source="note" label="corrections.reason" multiline validate={maxLength(1000)} slotProps={auto} />
      </Stack>
    </FormDialogButton>
  );
};
