import { Box, Stack, Typography } from '@mui/material';
import { Fragment, useId } from 'react';
import { useTranslate } from 'react-admin';
import { EventLink } from './EventLink.tsx';
import { Mono } from './Mono.tsx';
import type { AuditEvent } from './types.ts';

const previousId = (id: string): string | undefined => {
  const previous = /^\d+$/.test(id) ? BigInt(id) - 1n : 0n;
  return previous > 0n ? String(previous) : undefined;
};

export const HashChain = ({ event }: { event: AuditEvent }) => {
  const translate = useTranslate();
  const titleId = useId();
  const previous = previousId(String(event.id));
  const hashes = [
    ['prevHash', event.prevHash],
    ['hash', event.hash],
  ] as const;
  return (
    <Stack component="section" spacing={1} aria-labelledby={titleId}>
      <Typography variant="h6" component="h2" id={titleId}>
        {translate('audit.chain.title')}
      </Typography>
      <Typography variant="body2" color="text.secondary">
        {translate('audit.chain.explanation')}
      </Typography>
      <Box
        component="dl"
        sx={{ display: 'grid', gridTemplateColumns: 'max-content 1fr', columnGap: 3, rowGap: 1, m: 0 }}
      >
        {hashes.map(([name, value]) => (
          <Fragment key={name}>
            <Typography component="dt" variant="body2" color="text.secondary">
              {translate(`resources.audit-events.fields.${name}`)}
            </Typography>
            <Typography component="dd" variant="body2" sx={{ m: 0 }}>
              <Mono sx={{ wordBreak: 'break-all' }}>{value}</Mono>
            </Typography>
          </Fragment>
        ))}
      </Box>
      {previous && <EventLink id={previous} label="audit.chain.previous" />}
    </Stack>
  );
};
