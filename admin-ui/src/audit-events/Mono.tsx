import { Box, type SxProps, type Theme } from '@mui/material';
import type { ReactNode } from 'react';

/** Ids, hashes and addresses: Latin, left to right and monospaced in either language. */
export const Mono = ({ children, sx }: { children: ReactNode; sx?: SxProps<Theme> }) => (
  <Box
    component="bdi"
    dir="ltr"
    sx={[{ fontFamily: 'monospace', fontSize: '0.85em' }, ...(Array.isArray(sx) ? sx : [sx])]}
  >
    {children}
  </Box>
);
