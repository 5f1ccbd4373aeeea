import AssignmentIcon from '@mui/icons-material/Assignment';
import { RequestList } from './RequestList.tsx';
import { RequestShow } from './RequestShow.tsx';

export default {
  list: RequestList,
  show: RequestShow,
  icon: AssignmentIcon,
  recordRepresentation: (record: { firstName: string; lastName: string }) => `${record.firstName} ${record.lastName}`,
};
