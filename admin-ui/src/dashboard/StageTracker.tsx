import { Alert, Step, StepLabel, Stepper, Typography } from '@mui/material';
import { useLocaleState, useTranslate } from 'react-admin';
import { localDigits } from '../common/digits.ts';
import type { Stage } from '../common/domain.ts';

const TRACKED: readonly Stage[] = [
  'draft',
  'submitted',
  'under_review',
  'approved',
  'printing',
  'signing',
  'ready',
  'delivered',
];

const stepOf = (stage: Stage): number =>
  stage === 'returned' ? TRACKED.indexOf('under_review') : TRACKED.indexOf(stage);

export const StageTracker = ({ stage }: { stage: Stage }) => {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  if (stage === 'withdrawn') return <Alert severity="info">{translate('my_request.withdrawn')}</Alert>;
  const active = stepOf(stage);
  return (
    <Stepper
      activeStep={stage === 'delivered' ? TRACKED.length : active}
      alternativeLabel
      sx={{ overflowX: 'auto', py: 1 }}
    >
      {TRACKED.map((step, index) => {
        const returnedHere = stage === 'returned' && index === active;
        const completed = stage === 'delivered' || index < active;
        return (
          <Step key={step} aria-current={index === active && stage !== 'delivered' ? 'step' : undefined}>
            <StepLabel
              error={returnedHere}
              icon={completed || returnedHere ? undefined : localDigits(String(index + 1), locale)}
              optional={
                returnedHere ? (
                  <Typography variant="caption" color="error">
                    {translate('stages.returned')}
                  </Typography>
                ) : undefined
              }
            >
              {translate(`stages.${step}`)}
            </StepLabel>
          </Step>
        );
      })}
    </Stepper>
  );
};
