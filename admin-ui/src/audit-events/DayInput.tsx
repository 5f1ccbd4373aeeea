import { InputAdornment, Typography } from '@mui/material';
import { FormDataConsumer, TextInput, type TextInputProps, useLocaleState, useTranslate } from 'react-admin';
import { formatDate } from '../common/formatDate.ts';
import { dayStart, parseDay } from './dayText.ts';

const dayValidator = (value: unknown) =>
  typeof value === 'string' && value.trim() !== '' && !parseDay(value) ? 'audit.filters.day_invalid' : undefined;

/** The day the text names, spelled out in the calendar of the language, so that a typo shows at once. */
const DayReading = ({ source }: { source: string }) => {
  const [locale] = useLocaleState();
  return (
    <FormDataConsumer>
      {({ formData }) => {
        const value: unknown = formData[source];
        const day = typeof value === 'string' ? parseDay(value) : undefined;
        return day ? (
          <InputAdornment position="end">
            <Typography variant="caption" color="text.secondary" sx={{ whiteSpace: 'nowrap' }}>
              {formatDate(dayStart(day), locale, 'date')}
            </Typography>
          </InputAdornment>
        ) : null;
      }}
    </FormDataConsumer>
  );
};

/**
 * A day typed as year/month/day: Solar Hijri (1405/09/07) or Gregorian (2026-11-28), in Persian or Latin
 * digits. The filter keeps the text; the data provider sends the instants that bound the day.
 */
export const DayInput = ({ helperText: _helperText, ...props }: TextInputProps) => {
  const translate = useTranslate();
  return (
    <TextInput
      {...props}
      validate={dayValidator}
      sx={{ width: '16rem' }}
      slotProps={{
        htmlInput: {
          dir: 'ltr',
          inputMode: 'numeric',
          autoComplete: 'off',
          placeholder: translate('audit.filters.day_hint'),
        },
        input: { endAdornment: <DayReading source={props.source} /> },
      }}
    />
  );
};
