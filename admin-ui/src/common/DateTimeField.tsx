import { Typography } from '@mui/material';
import { type FieldProps, useFieldValue, useLocaleState } from 'react-admin';
import { type DateFormat, formatDate } from './formatDate.ts';

interface DateTimeFieldProps extends FieldProps {
  format?: DateFormat;
}

export const DateTimeField = ({ format = 'dateTime', ...props }: DateTimeFieldProps) => {
  const value: unknown = useFieldValue(props);
  const [locale] = useLocaleState();
  if (typeof value !== 'string' && typeof value !== 'number' && !(value instanceof Date)) return null;
  return (
    <Typography component="span" variant="body2">
      {formatDate(value, locale, format)}
    </Typography>
  );
};
