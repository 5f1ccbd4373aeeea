import ManageSearchIcon from '@mui/icons-material/ManageSearch';
import { lazyNamed } from '../common/lazyNamed.ts';

// Each screen is its own chunk, fetched when first visited (react-admin's layout shows <Loading> meanwhile);
// the event page brings the diff view with it.
const AuditEventList = lazyNamed(() => import('./AuditEventList.tsx'), 'AuditEventList');
const AuditEventShow = lazyNamed(() => import('./AuditEventShow.tsx'), 'AuditEventShow');

export default {
  list: AuditEventList,
  show: AuditEventShow,
  icon: ManageSearchIcon,
  recordRepresentation: 'id',
};
