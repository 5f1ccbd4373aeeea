import UploadFileIcon from '@mui/icons-material/UploadFile';
import { Button, Link, useCanAccess } from 'react-admin';

/** On the graduates list: to the import of the portal's CSV export, for those who may import. */
export const ImportButton = () => {
  const { canAccess } = useCanAccess({ action: 'create', resource: 'graduate-imports' });
  if (!canAccess) return null;
  return (
    <Button component={Link} to="/graduate-imports/create" label="graduate_imports.import_button">
      <UploadFileIcon />
    </Button>
  );
};
