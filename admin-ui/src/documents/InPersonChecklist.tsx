import { Checkbox, FormControl, FormControlLabel, FormGroup, FormLabel } from '@mui/material';
import { useTranslate } from 'react-admin';
import { IN_PERSON_CHECKS, type InPersonCheck } from './types.ts';

interface InPersonChecklistProps {
  value: InPersonCheck;
  onChange: (value: InPersonCheck) => void;
}

export const InPersonChecklist = ({ value, onChange }: InPersonChecklistProps) => {
  const translate = useTranslate();
  return (
    <FormControl component="fieldset" variant="standard">
      <FormLabel component="legend">{translate('documents.in_person.title')}</FormLabel>
      <FormGroup>
        {IN_PERSON_CHECKS.map((check) => (
          <FormControlLabel
            key={check}
            control={
              <Checkbox
                checked={value[check]}
                onChange={(event) => onChange({ ...value, [check]: event.target.checked })}
              />
            }
            label={translate(`documents.in_person.${check}`)}
          />
        ))}
      </FormGroup>
    </FormControl>
  );
};

export const inPersonFrom = (recorded: Partial<InPersonCheck> | null): InPersonCheck => ({
  presentedByGraduate: recorded?.presentedByGraduate === true,
  originalNationalIdChecked: recorded?.originalNationalIdChecked === true,
  originalSeen: recorded?.originalSeen === true,
});

export const isComplete = (check: InPersonCheck): boolean => IN_PERSON_CHECKS.every((name) => check[name]);
