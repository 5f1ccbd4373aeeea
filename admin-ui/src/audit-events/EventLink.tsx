import type { MouseEventHandler } from 'react';
import { Link, useLocaleState, useTranslate } from 'react-admin';
import { localDigits } from '../common/digits.ts';

/** A link to an event's page, named by its number. */
export const EventLink = ({
  id,
  label = 'audit.verify.open_event',
  onClick,
}: {
  id: string;
  label?: string;
  onClick?: MouseEventHandler;
}) => {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  return (
    <Link to={`/audit-events/${encodeURIComponent(id)}/show`} onClick={onClick}>
      {translate(label, { id: localDigits(id, locale) })}
    </Link>
  );
};
