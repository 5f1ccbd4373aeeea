/** The names API.md fixes. Pure data, shared by the database, the API and the UI. */
export const ROLES = [
  'admin',
  'graduate_officer',
  'free_education_officer',
  'welfare_officer',
  'auditor',
  'graduate',
] as const;
export type Role = (typeof ROLES)[number];

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

/** The diploma request's own documents, reviewed by the Graduate Office. */
export const REQUEST_DOCUMENT_KINDS = [
  'cancellation_sheet',
  'lower_degree_diploma',
  'provisional_certificate',
  'military_status',
] as const;
/** The cancellation case's documents, reviewed by the Free-Education Office. */
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

export function documentOffice(kind: DocumentKind): 'graduate_officer' | 'free_education_officer' {
  return (REQUEST_DOCUMENT_KINDS as readonly string[]).includes(kind) ? 'graduate_officer' : 'free_education_officer';
}

/** The offices that work on requests, named by their officers' role: each has a queue and its own holders. */
export const OFFICES = ['graduate_officer', 'free_education_officer', 'welfare_officer'] as const;
export type Office = (typeof OFFICES)[number];

export const ROUTES = ['employment', 'government_employment', 'non_employment', 'scholarship'] as const;
export type CancellationRoute = (typeof ROUTES)[number];

export const REVIEW_STATUSES = ['pending', 'accepted', 'rejected'] as const;
export type ReviewStatus = (typeof REVIEW_STATUSES)[number];

export const TICK_KINDS = ['cancellation', 'welfare'] as const;
export type TickKind = (typeof TICK_KINDS)[number];

/** The lists whose filter, sort and columns staff may keep as saved views. */
export const SAVED_VIEW_RESOURCES = ['requests', 'graduates', 'audit-events'] as const;
export type SavedViewResource = (typeof SAVED_VIEW_RESOURCES)[number];

/** `office`: shared with everyone of the owner's role. */
export const SAVED_VIEW_SCOPES = ['private', 'office'] as const;
export type SavedViewScope = (typeof SAVED_VIEW_SCOPES)[number];

/** Official holidays: fixed on the solar calendar, moving with the lunar one, or declared for the occasion. */
export const HOLIDAY_KINDS = ['fixed_solar', 'lunar', 'other'] as const;
export type HolidayKind = (typeof HOLIDAY_KINDS)[number];

/** How Thursday counts in the working week: a whole day, half a day, or not at all. Friday is the weekend. */
export const THURSDAY_RULES = ['working', 'half', 'off'] as const;
export type ThursdayRule = (typeof THURSDAY_RULES)[number];

/**
 * The stages whose waiting counts against each office, each with a target in working days. Draft and returned
 * wait on the graduate and count against no office; the Free-Education and Welfare Offices are waited on only
 * while their tick is missing (and, for welfare, the graduate is not recorded as owing nothing).
 */
export const TARGET_STAGES = {
  graduate_officer: ['submitted', 'under_review', 'approved', 'printing', 'signing', 'ready'],
  free_education_officer: ['submitted', 'under_review'],
  welfare_officer: ['submitted', 'under_review'],
} as const satisfies Record<string, readonly Stage[]>;
export type StageTargetOffice = keyof typeof TARGET_STAGES;
/** A target's default: the seed's "two weeks" in working days. */
export const DEFAULT_TARGET_DAYS = 10;

/** A graduate import: its dry run stored (`ready`), its new rows being created, all of them created. */
export const IMPORT_STATUSES = ['ready', 'committing', 'committed'] as const;
export type ImportStatus = (typeof IMPORT_STATUSES)[number];

/**
 * What the dry run found on a line of the file: a graduate to create, one already recorded just so, one recorded
 * with other details (never overwritten: corrections have their own workflow), or a line that cannot be imported.
 */
export const IMPORT_ROW_STATUSES = ['new', 'unchanged', 'conflict', 'invalid'] as const;
export type ImportRowStatus = (typeof IMPORT_ROW_STATUSES)[number];
