import { useTranslate } from 'react-admin';
import { actionLabel, SYSTEM, shortId } from './actions.ts';
import type { AuditEvent } from './types.ts';

/** Who did it: the account's name now, else their role; "system" for jobs no person runs (the demo seed). */
export const useActorName = () => {
  const translate = useTranslate();
  return ({ actorId, actorName, role }: Pick<AuditEvent, 'actorId' | 'actorName' | 'role'>): string => {
    if (!actorId) return translate('audit.system');
    if (actorName) return actorName;
    return role && role !== SYSTEM ? translate(`roles.${role}`, { _: role }) : shortId(actorId);
  };
};

export const useOfficeName = () => {
  const translate = useTranslate();
  return (role: string | null): string =>
    role && role !== SYSTEM ? translate(`offices.${role}`, { _: role }) : translate('audit.system');
};

/** The label of a known action; an action the UI does not know yet shows as recorded. */
export const useActionLabel = () => {
  const translate = useTranslate();
  return (action: string): string => translate(actionLabel(action), { _: action });
};

export const useSubjectText = () => {
  const translate = useTranslate();
  return (type: string, id: string | null): string => {
    const name = translate(`audit.subject_types.${type}`, { _: type });
    return id ? translate('audit.subject', { type: name, id: shortId(id) }) : name;
  };
};
