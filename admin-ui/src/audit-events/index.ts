import ManageSearchIcon from '@mui/icons-material/ManageSearch';
import { AuditEventList } from './AuditEventList.tsx';
import { AuditEventShow } from './AuditEventShow.tsx';

export { AuditTimeline } from './AuditTimeline.tsx';

export default {
  list: AuditEventList,
  show: AuditEventShow,
  icon: ManageSearchIcon,
  recordRepresentation: 'id',
};
