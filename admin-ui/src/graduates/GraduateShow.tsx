import { Stack } from '@mui/material';
import { Show, useRecordContext } from 'react-admin';
import { GraduateDetails } from './GraduateDetails.tsx';
import { GraduateRequestsButtons } from './GraduateRequestsButtons.tsx';
import { GraduateTitle } from './GraduateTitle.tsx';
import { PendingCorrections } from './PendingCorrections.tsx';
import type { Graduate } from './types.ts';

const GraduateShowLayout = () => {
  const graduate = useRecordContext<Graduate>();
  if (!graduate) return null;
  return (
    <Stack spacing={3} sx={{ p: 2 }}>
      <GraduateDetails graduate={graduate} />
      <PendingCorrections graduate={graduate} />
      <GraduateRequestsButtons graduate={graduate} />
    </Stack>
  );
};

export const GraduateShow = () => (
  <Show title={<GraduateTitle />} actions={false}>
    <GraduateShowLayout />
  </Show>
);
