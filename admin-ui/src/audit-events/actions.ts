import { TICK_KINDS, ACTIONS as WORKFLOW_ACTIONS } from '../common/domain.ts';

/** The actions the API records (api/src/routes/**, db/src/demo), each with a label under audit.actions. */
export const KNOWN_ACTIONS = [
  'auth.login',
  'auth.login_failed',
  'auth.logout',
  'auth.password_change_failed',
  'user.create',
  'user.update',
  'user.deactivate',
  'user.reactivate',
  'user.reset_password',
  'user.end_sessions',
  'user.change_password',
  'graduate.create',
  'graduate.import',
  'graduate_import.upload',
  'graduate.export',
  'correction.request',
  'correction.accept',
  'correction.reject',
  'request.open',
  'request.export',
  ...WORKFLOW_ACTIONS.map((action) => `request.${action}`),
  ...TICK_KINDS.flatMap((kind) => [`tick.${kind}.set`, `tick.${kind}.revoke`]),
  'cancellation.update',
  'welfare.update',
  'assignment.claim',
  'assignment.release',
  'assignment.assign',
  'document.upload',
  'document.review',
  'document.view',
  'audit.export',
  'demo.seed',
  'demo.seed.summary',
  'saved_view.create',
  'saved_view.update',
  'saved_view.delete',
  'calendar.holiday_create',
  'calendar.holiday_update',
  'calendar.holiday_delete',
  'calendar.week_update',
  'calendar.targets_update',
] as const;

/** Prefix filters (the API reads a trailing * as "starts with"), each labelled under audit.families. */
export const ACTION_FAMILIES = [
  'auth.*',
  'user.*',
  'correction.*',
  'request.*',
  'tick.*',
  'assignment.*',
  'document.*',
  'demo.*',
  'saved_view.*',
  'calendar.*',
];

/** The role written by jobs that no person runs (the demo seed). */
export const SYSTEM = 'system';

export const SUBJECT_TYPES = [
  'request',
  'graduate',
  'graduate_import',
  'document',
  'correction',
  'user',
  'audit',
  'system',
  'saved_view',
  'holiday',
  'working_week',
  'stage_targets',
] as const;

export const actionLabel = (action: string) => `audit.actions.${action}`;

export const actionChoices = [
  ...ACTION_FAMILIES.map((family) => ({ id: family, name: `audit.families.${family}` })),
  ...KNOWN_ACTIONS.map((action) => ({ id: action, name: actionLabel(action) })),
];

export const subjectTypeChoices = SUBJECT_TYPES.map((type) => ({ id: type, name: `audit.subject_types.${type}` }));

/** Enough of a UUID to tell records apart at a glance; the whole id is in the event page. */
export const shortId = (id: string): string => (/^[0-9a-f]{8}-/i.test(id) ? id.slice(0, 8) : id);
