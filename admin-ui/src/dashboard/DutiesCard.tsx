import PeopleIcon from '@mui/icons-material/People';
import { Card, CardActions, CardContent, Typography } from '@mui/material';
import { Button, Link, useCanAccess, useTranslate } from 'react-admin';
import type { Role } from '../common/roles.ts';

const ManageAccountsAction = () => {
  const { canAccess } = useCanAccess({ action: 'list', resource: 'users' });
  if (!canAccess) return null;
  return (
    <CardActions>
      <Button component={Link} to="/users" label="dashboard.manage_accounts">
        <PeopleIcon />
      </Button>
    </CardActions>
  );
};

export const DutiesCard = ({ role }: { role: Role }) => {
  const translate = useTranslate();
  return (
    <Card>
      <CardContent>
        <Typography variant="h6" component="h2" gutterBottom>
          {translate('dashboard.your_part')}
        </Typography>
        <Typography variant="body1">{translate(`duties.${role}`)}</Typography>
      </CardContent>
      <ManageAccountsAction />
    </Card>
  );
};
