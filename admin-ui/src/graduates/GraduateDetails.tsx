import { useLocaleState, useTranslate } from 'react-admin';
import { DetailList } from '../common/DetailList.tsx';
import { type GraduateField, graduateItems } from './graduateFields.ts';

interface GraduateDetailsProps {
  graduate: Partial<Record<GraduateField, unknown>>;
  hideMissing?: boolean;
}

export const GraduateDetails = ({ graduate, hideMissing = false }: GraduateDetailsProps) => {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const items = graduateItems(graduate, translate, locale);
  return <DetailList items={hideMissing ? items.filter((item) => item.value !== undefined) : items} />;
};
