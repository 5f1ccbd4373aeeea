import { Stack } from '@mui/material';
import { Title, useCanAccess, useGetIdentity } from 'react-admin';
import { isQueue } from '../common/domain.ts';
import { LazyPart } from '../common/LazyPart.tsx';
import { lazyNamed } from '../common/lazyNamed.ts';
import { isRole } from '../common/roles.ts';
import { DutiesCard } from './DutiesCard.tsx';
import { QueueCard } from './QueueCard.tsx';
import { WelcomeCard } from './WelcomeCard.tsx';

// The graduate's own request (their documents, details, corrections): only graduates load it.
const MyRequest = lazyNamed(() => import('./MyRequest.tsx'), 'MyRequest');
// The office's figures and charts, with the charting library: only staff the API gives a dashboard load it.
const DashboardCharts = lazyNamed(() => import('./DashboardCharts.tsx'), 'DashboardCharts');

export const Dashboard = () => {
  const { identity } = useGetIdentity();
  const role: unknown = identity?.role;
  const graduateId: unknown = identity?.graduateId;
  const office = isQueue(role) ? role : 'graduate_officer';
  const { canAccess: seesFigures } = useCanAccess({ action: 'read', resource: 'dashboard', record: { office } });
  if (!identity || !isRole(role)) return null;
  return (
    <Stack spacing={2} sx={{ mt: 2, maxWidth: 1100 }}>
      <Title title="ra.page.dashboard" />
      <WelcomeCard name={identity.fullName ?? ''} role={role} />
      {seesFigures && (
        <LazyPart>
          <DashboardCharts defaultOffice={office} choose={!isQueue(role)} />
        </LazyPart>
      )}
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
