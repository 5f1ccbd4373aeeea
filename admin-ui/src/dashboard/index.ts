import { lazyNamed } from '../common/lazyNamed.ts';

// Loaded after login, like every resource's screens: the login page needs none of it.
export const Dashboard = lazyNamed(() => import('./Dashboard.tsx'), 'Dashboard');
