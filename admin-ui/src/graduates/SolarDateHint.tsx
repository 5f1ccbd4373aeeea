import { FormDataConsumer, useLocaleState } from 'react-admin';
import { formatDate } from '../common/formatDate.ts';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export const SolarDateHint = ({ source }: { source: string }) => {
  const [locale] = useLocaleState();
  if (locale !== 'fa') return null;
  return (
    <FormDataConsumer>
      {({ formData }) => {
        const value: unknown = formData[source];
        return typeof value === 'string' && ISO_DATE.test(value)
          ? formatDate(`${value}T12:00:00Z`, 'fa', 'date')
          : null;
      }}
    </FormDataConsumer>
  );
};
