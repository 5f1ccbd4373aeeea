import { type Theme, useMediaQuery } from '@mui/material';
import type { ReactNode } from 'react';
import { ColumnsButton, TopToolbar } from 'react-admin';
import { SavedViewsButton, type SavedViewsButtonProps } from './SavedViewsButton.tsx';

/**
 * A list's toolbar: its saved views and the choice of its columns, then the list's own buttons. The columns
 * are the table's, which narrow screens do not show.
 */
export const ViewsToolbar = ({ children, ...views }: SavedViewsButtonProps & { children?: ReactNode }) => {
  const isSmall = useMediaQuery<Theme>((theme) => theme.breakpoints.down('md'));
  return (
    <TopToolbar sx={{ alignItems: 'center', flexWrap: 'wrap' }}>
      <SavedViewsButton {...views} />
      {!isSmall && <ColumnsButton />}
      {children}
    </TopToolbar>
  );
};
