import { Stack } from '@mui/material';
import { Title, useGetIdentity } from 'react-admin';
import { isQueue } from '../common/domain.ts';
import { LazyPart } from '../common/LazyPart.tsx';
import { lazyNamed } from '../common/lazyNamed.ts';
import { isRole } from '../common/roles.ts';
import { DutiesCard } from './DutiesCard.tsx';
import { QueueCard } from './QueueCard.tsx';
import { WelcomeCard } from './WelcomeCard.tsx';

// The graduate's own request (their documents, details, corrections): only graduates load it.
const MyRequest = lazyNamed(() => import('./MyRequest.tsx'), 'MyRequest');

export const Dashboard = () => {
  const { identity } = useGetIdentity();
  const role: unknown = identity?.role;
  const graduateId: unknown = identity?.graduateId;
  if (!identity || !isRole(role)) return null;
  return (
    <Stack spacing={2} sx={{ mt: 2, maxWidth: 1100 }}>
      <Title title="ra.page.dashboard" />
      <WelcomeCard name={identity.fullName ?? ''} role={role} />
      {isQueue(role) && <QueueCard queue={role} />}
      {role === 'graduate' && typeof graduateId === 'string' && (
        <LazyPart>
          <MyRequest graduateId={graduateId} />
        </LazyPart>
      )}
      <DutiesCard role={role} />
    </Stack>
  );
};
