import { Stack } from '@mui/material';
import { Title, useGetIdentity } from 'react-admin';
import { isRole } from '../common/roles.ts';
import { DutiesCard } from './DutiesCard.tsx';
import { WelcomeCard } from './WelcomeCard.tsx';

export const Dashboard = () => {
  const { identity } = useGetIdentity();
  const role: unknown = identity?.role;
  if (!identity || !isRole(role)) return null;
  return (
    <Stack spacing={2} sx={{ mt: 2, maxWidth: 900 }}>
      <Title title="ra.page.dashboard" />
      <WelcomeCard name={identity.fullName ?? ''} role={role} />
      <DutiesCard role={role} />
    </Stack>
  );
};
