import CheckIcon from '@mui/icons-material/Check';
import CloseIcon from '@mui/icons-material/Close';
import { Alert, Stack, Typography } from '@mui/material';
import { useLocaleState, useTranslate } from 'react-admin';
import { localDigits } from '../common/digits.ts';
import { EventLink } from './EventLink.tsx';
import type { ChainVerification } from './types.ts';

interface VerificationResultProps {
  result: ChainVerification;
  onNavigate: () => void;
}

const HeadMismatch = ({
  mismatch,
  onNavigate,
}: { mismatch: NonNullable<ChainVerification['headMismatch']> } & Pick<VerificationResultProps, 'onNavigate'>) => {
  const translate = useTranslate();
  const reason = translate(`audit.verify.head_reasons.${mismatch.reason}`, { _: mismatch.reason });
  return (
    <Stack spacing={0.5}>
      <Typography variant="body2">
        {translate('audit.verify.head_mismatch', { line: mismatch.line, reason })}
      </Typography>
      {mismatch.id && <EventLink id={mismatch.id} onClick={onNavigate} />}
    </Stack>
  );
};

export const VerificationResult = ({ result, onNavigate }: VerificationResultProps) => {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const heads = result.headsChecked ? translate('audit.verify.heads', { smart_count: result.headsChecked }) : null;
  if (result.ok) {
    return (
      <Alert severity="success" icon={<CheckIcon />} role="status">
        <Typography variant="body1">{translate('audit.verify.ok', { smart_count: result.checked })}</Typography>
        {heads && <Typography variant="body2">{heads}</Typography>}
      </Alert>
    );
  }
  return (
    <Alert severity="error" icon={<CloseIcon />} role="alert">
      <Stack spacing={1}>
        {result.firstBrokenId && (
          <Stack spacing={0.5}>
            <Typography variant="body1">
              {translate('audit.verify.broken', { id: localDigits(result.firstBrokenId, locale) })}
            </Typography>
            <Typography variant="body2">
              {translate('audit.verify.checked_before_break', { smart_count: result.checked })}
            </Typography>
            <EventLink id={result.firstBrokenId} onClick={onNavigate} />
          </Stack>
        )}
        {result.headMismatch && <HeadMismatch mismatch={result.headMismatch} onNavigate={onNavigate} />}
      </Stack>
    </Alert>
  );
};
