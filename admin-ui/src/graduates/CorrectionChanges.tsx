import { Typography } from '@mui/material';
import { useLocaleState, useTranslate } from 'react-admin';
import { formatGraduateValue } from './graduateFields.ts';
import type { Correction, Graduate } from './types.ts';

export const CorrectionChanges = ({ correction, graduate }: { correction: Correction; graduate?: Graduate }) => {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const { note, ...changes } = correction.changes;
  return (
    <>
      {Object.entries(changes).map(([field, value]) => (
        <Typography key={field} variant="body2">
          {translate('corrections.change', {
            field: translate(`resources.graduates.fields.${field}`),
            from: formatGraduateValue(field, graduate?.[field as keyof Graduate], translate, locale) ?? '—',
            to: formatGraduateValue(field, value, translate, locale) ?? '—',
          })}
        </Typography>
      ))}
      {typeof note === 'string' && (
        <Typography variant="body2" color="text.secondary">
          {translate('corrections.note', { note })}
        </Typography>
      )}
    </>
  );
};
