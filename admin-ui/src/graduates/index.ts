import SchoolIcon from '@mui/icons-material/School';
import { GraduateCreate } from './GraduateCreate.tsx';
import { GraduateList } from './GraduateList.tsx';
import { GraduateShow } from './GraduateShow.tsx';

export default {
  list: GraduateList,
  show: GraduateShow,
  create: GraduateCreate,
  icon: SchoolIcon,
  recordRepresentation: (record: { firstName: string; lastName: string }) => `${record.firstName} ${record.lastName}`,
};
