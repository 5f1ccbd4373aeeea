import PeopleIcon from '@mui/icons-material/People';
import { lazyNamed } from '../common/lazyNamed.ts';

// Each screen is its own chunk, fetched when first visited (react-admin's layout shows <Loading> meanwhile).
const UserList = lazyNamed(() => import('./UserList.tsx'), 'UserList');
const UserCreate = lazyNamed(() => import('./UserCreate.tsx'), 'UserCreate');
const UserEdit = lazyNamed(() => import('./UserEdit.tsx'), 'UserEdit');

export default {
  list: UserList,
  create: UserCreate,
  edit: UserEdit,
  icon: PeopleIcon,
  recordRepresentation: 'displayName',
};
