export const STAGES = [
  'draft',
  'submitted',
  'under_review',
  'returned',
  'approved',
  'printing',
  'signing',
  'ready',
  'delivered',
  'withdrawn',
] as const;
export type Stage = (typeof STAGES)[number];

export const ACTIONS = [
  'confirm-details',
  'submit',
  'start-review',
  'return',
  'approve',
  'start-printing',
  'send-for-signature',
  'mark-ready',
  'deliver',
  'withdraw',
] as const;
export type WorkflowAction = (typeof ACTIONS)[number];

export const REQUEST_DOCUMENT_KINDS = [
  'cancellation_sheet',
  'lower_degree_diploma',
  'provisional_certificate',
  'military_status',
] as const;
export const CANCELLATION_DOCUMENT_KINDS = [
  'national_id_card',
  'birth_certificate',
  'transcript',
  'employment_certificate',
  'insurance_record',
  'employment_decree',
  'non_employment_letter',
  'scholarship_release',
  'payment_receipt',
] as const;
export const DOCUMENT_KINDS = [...REQUEST_DOCUMENT_KINDS, ...CANCELLATION_DOCUMENT_KINDS] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

export const ROUTES = ['employment', 'government_employment', 'non_employment', 'scholarship'] as const;
export type CancellationRoute = (typeof ROUTES)[number];

export const REVIEW_STATUSES = ['pending', 'accepted', 'rejected'] as const;
export type ReviewStatus = (typeof REVIEW_STATUSES)[number];

export const QUEUES = ['graduate_officer', 'free_education_officer', 'welfare_officer'] as const;
export type Queue = (typeof QUEUES)[number];

export const TICK_KINDS = ['cancellation', 'welfare'] as const;
export type TickKind = (typeof TICK_KINDS)[number];

export const DEGREE_LEVELS = ['masters', 'phd'] as const;
export const GENDERS = ['male', 'female'] as const;

export const isQueue = (value: unknown): value is Queue => QUEUES.some((queue) => queue === value);

export const choicesOf = (values: readonly string[], prefix: string) =>
  values.map((value) => ({ id: value, name: `${prefix}.${value}` }));
