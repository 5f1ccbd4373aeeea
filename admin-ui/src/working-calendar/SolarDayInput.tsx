import { InputAdornment, TextField as MuiTextField, Typography } from '@mui/material';
import { useState } from 'react';
import { FieldTitle, InputHelperText, required, useInput, useLocaleState } from 'react-admin';
import { parseDay } from '../audit-events/dayText.ts';
import { formatDay } from '../common/formatDate.ts';
import { dateToIso, isoToDate, isoToInstant, isoToSolarText } from './holidayDates.ts';

const validDay = (value: unknown) =>
  typeof value === 'string' && isoToDate(value) ? undefined : 'calendar.holidays.day_invalid';

/**
 * A holiday's day, typed as Solar Hijri (1405/07/15) in Persian or Latin digits, or as Gregorian
 * (2026-10-07): kept as the Gregorian day the API takes, and read back spelled out (weekday and date in the
 * calendar of the language), so that a slip shows before saving.
 */
export const SolarDayInput = ({ source }: { source: string }) => {
  const [locale] = useLocaleState();
  const { id, field, fieldState, isRequired } = useInput({ source, validate: [required(), validDay] });
  const [text, setText] = useState(() => (typeof field.value === 'string' ? isoToSolarText(field.value) : ''));
  const instant = typeof field.value === 'string' ? isoToInstant(field.value) : undefined;
  const error = fieldState.invalid && (fieldState.isTouched || fieldState.isDirty) ? fieldState.error : undefined;
  return (
    <MuiTextField
      id={id}
      value={text}
      onChange={(event) => {
        setText(event.target.value);
        const day = parseDay(event.target.value);
        field.onChange(day ? dateToIso(day) : event.target.value.trim() === '' ? '' : event.target.value);
      }}
      onBlur={field.onBlur}
      inputRef={field.ref}
      label={
        <FieldTitle
          label="resources.holidays.fields.date"
          source={source}
          resource="holidays"
          isRequired={isRequired}
        />
      }
      error={Boolean(error)}
      helperText={<InputHelperText error={error?.message} helperText="calendar.holidays.day_hint" />}
      fullWidth
      variant="filled"
      margin="dense"
      slotProps={{
        htmlInput: { dir: 'ltr', inputMode: 'numeric', autoComplete: 'off', placeholder: '۱۴۰۵/۰۷/۱۵' },
        input: {
          endAdornment: instant ? (
            <InputAdornment position="end">
              <Typography variant="caption" color="text.secondary" sx={{ whiteSpace: 'nowrap' }}>
                {formatDay(instant, locale)}
              </Typography>
            </InputAdornment>
          ) : null,
        },
      }}
    />
  );
};
