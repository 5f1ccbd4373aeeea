import UploadFileIcon from '@mui/icons-material/UploadFile';
import { lazyNamed } from '../common/lazyNamed.ts';

// Under Graduates (the list's “Import from the portal” button); each screen is its own chunk.
const GraduateImportList = lazyNamed(() => import('./GraduateImportList.tsx'), 'GraduateImportList');
const GraduateImportCreate = lazyNamed(() => import('./GraduateImportCreate.tsx'), 'GraduateImportCreate');
const GraduateImportShow = lazyNamed(() => import('./GraduateImportShow.tsx'), 'GraduateImportShow');

export default {
  list: GraduateImportList,
  create: GraduateImportCreate,
  show: GraduateImportShow,
  icon: UploadFileIcon,
  recordRepresentation: 'fileName',
};
