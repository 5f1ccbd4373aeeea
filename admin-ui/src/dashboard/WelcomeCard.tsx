import EventIcon from '@mui/icons-material/Event';
import { Card, CardContent, Stack, Typography } from '@mui/material';
import { useLocaleState, useTranslate } from 'react-admin';
import { formatDay } from '../common/formatDate.ts';
import type { Role } from '../common/roles.ts';

interface WelcomeCardProps {
  name: string;
  role: Role;
}

export const WelcomeCard = ({ name, role }: WelcomeCardProps) => {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  return (
    <Card>
      <CardContent>
        <Typography variant="h5" component="h2" gutterBottom>
          {translate('dashboard.greeting', { name })}
        </Typography>
        <Typography variant="subtitle1" color="text.secondary">
          {role === 'graduate'
            ? translate(`roles.${role}`)
            : translate('dashboard.office', {
                role: translate(`roles.${role}`),
                office: translate(`offices.${role}`),
              })}
        </Typography>
        <Stack direction="row" spacing={1} sx={{ mt: 2, alignItems: 'center' }}>
          <EventIcon fontSize="small" color="action" />
          <Typography variant="body2">
            {translate('dashboard.today', { date: formatDay(new Date(), locale) })}
          </Typography>
        </Stack>
      </CardContent>
    </Card>
  );
};
