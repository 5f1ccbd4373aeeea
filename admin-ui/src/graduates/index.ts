import SchoolIcon from '@mui/icons-material/School';
import { lazyNamed } from '../common/lazyNamed.ts';

// Each screen is its own chunk, fetched when first visited (react-admin's layout shows <Loading> meanwhile).
const GraduateList = lazyNamed(() => import('./GraduateList.tsx'), 'GraduateList');
const GraduateShow = lazyNamed(() => import('./GraduateShow.tsx'), 'GraduateShow');
const GraduateCreate = lazyNamed(() => import('./GraduateCreate.tsx'), 'GraduateCreate');

export default {
  list: GraduateList,
  show: GraduateShow,
  create: GraduateCreate,
  icon: SchoolIcon,
  recordRepresentation: (record: { firstName: string; lastName: string }) => `${record.firstName} ${record.lastName}`,
};
