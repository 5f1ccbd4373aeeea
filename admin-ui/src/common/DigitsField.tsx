import { Typography } from '@mui/material';
import { type FieldProps, useFieldValue, useLocaleState } from 'react-admin';
import { localDigits } from './digits.ts';

export const DigitsField = (props: FieldProps) => {
  const value: unknown = useFieldValue(props);
  const [locale] = useLocaleState();
  if (typeof value !== 'string' || value === '') return null;
  return (
    <Typography component="span" variant="body2" dir="ltr" sx={{ unicodeBidi: 'isolate' }}>
      {localDigits(value, locale)}
    </Typography>
  );
};
