import { Divider, Typography } from '@mui/material';
import { Logout, AppBar as RaAppBar, TitlePortal, UserMenu, useTranslate } from 'react-admin';
import { ChangePasswordMenuItem } from './ChangePasswordMenuItem.tsx';

export const AppBar = () => {
  const translate = useTranslate();
  return (
    <RaAppBar
      userMenu={
        <UserMenu>
          <ChangePasswordMenuItem />
          <Logout />
        </UserMenu>
      }
    >
      <Typography
        variant="h6"
        component="span"
        sx={{ display: { xs: 'none', sm: 'block' }, fontWeight: 700, whiteSpace: 'nowrap' }}
      >
        {translate('app.name')}
      </Typography>
      <Divider
        orientation="vertical"
        flexItem
        sx={{ display: { xs: 'none', sm: 'block' }, mx: 1.5, my: 1.5, borderColor: 'currentcolor', opacity: 0.4 }}
      />
      <TitlePortal />
    </RaAppBar>
  );
};
