export {
  ACTIONS,
  CANCELLATION_DOCUMENT_KINDS,
  type CancellationRoute,
  DOCUMENT_KINDS,
  type DocumentKind,
  REQUEST_DOCUMENT_KINDS,
  REVIEW_STATUSES,
  type ReviewStatus,
  ROUTES,
  STAGES,
  type Stage,
  TICK_KINDS,
  type TickKind,
  type WorkflowAction,
} from '@diploma-desk/db/domain';

export const QUEUES = ['graduate_officer', 'free_education_officer', 'welfare_officer'] as const;
export type Queue = (typeof QUEUES)[number];

export const DEGREE_LEVELS = ['masters', 'phd'] as const;
export const GENDERS = ['male', 'female'] as const;

export const isQueue = (value: unknown): value is Queue => QUEUES.some((queue) => queue === value);

export const choicesOf = (values: readonly string[], prefix: string) =>
  values.map((value) => ({ id: value, name: `${prefix}.${value}` }));
