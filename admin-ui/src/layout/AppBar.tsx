import { Divider, Typography } from '@mui/material';
import { AppBar as RaAppBar, TitlePortal, useTranslate } from 'react-admin';

export const AppBar = () => {
  const translate = useTranslate();
  return (
    <RaAppBar>
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
