import AssignmentIcon from '@mui/icons-material/Assignment';
import { lazyNamed } from '../common/lazyNamed.ts';

// Each screen is its own chunk, fetched when first visited (react-admin's layout shows <Loading> meanwhile).
const RequestList = lazyNamed(() => import('./RequestList.tsx'), 'RequestList');
const RequestShow = lazyNamed(() => import('./RequestShow.tsx'), 'RequestShow');

export default {
  list: RequestList,
  show: RequestShow,
  icon: AssignmentIcon,
  recordRepresentation: (record: { firstName: string; lastName: string }) => `${record.firstName} ${record.lastName}`,
};
