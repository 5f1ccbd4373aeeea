import SchoolIcon from '@mui/icons-material/School';
import { Box } from '@mui/material';
import { Login, LoginForm } from 'react-admin';
import { LocaleToggle } from './LocaleToggle.tsx';
import { LoginHeader } from './LoginHeader.tsx';

export const LoginPage = () => (
  <Login
    avatarIcon={<SchoolIcon />}
    sx={{
      backgroundImage: 'linear-gradient(160deg, #1f4e79 0%, #0d2740 100%)',
      '& .RaLogin-card': { width: 380, maxWidth: '92vw', pb: 2 },
      '& .RaLogin-icon': { bgcolor: 'primary.main' },
    }}
  >
    <LoginHeader />
    <LoginForm sx={{ '& .RaLoginForm-content': { width: 'auto' } }} />
    <Box sx={{ display: 'flex', justifyContent: 'center' }}>
      <LocaleToggle />
    </Box>
  </Login>
);
