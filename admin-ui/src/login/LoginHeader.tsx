import { Stack, Typography } from '@mui/material';
import { useLocaleState, useTranslate } from 'react-admin';
import { en } from '../i18n/en.ts';
import { fa } from '../i18n/fa.ts';

export const LoginHeader = () => {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const otherName = locale === 'fa' ? en.app.name : fa.app.name;
  return (
    <Stack spacing={0.5} sx={{ px: 3, alignItems: 'center', textAlign: 'center' }}>
      <Typography variant="h5" component="h1" sx={{ fontWeight: 700 }}>
        {translate('app.name')}
      </Typography>
      <Typography variant="overline" color="text.secondary" lang={locale === 'fa' ? 'en' : 'fa'}>
        {otherName}
      </Typography>
      <Typography variant="body2" color="text.secondary">
        {translate('app.subtitle')}
      </Typography>
    </Stack>
  );
};
