import { ACTIONS, DEMO_PASSWORD, generateNationalId, normalizeNationalId } from '@diploma-desk/db';
import type { TSchema } from 'typebox';
import { AssignBody, COLLEAGUE_SORTABLE, ColleagueListFilter } from '../../src/schemas/assignment.ts';
import { AUDIT_EVENT_SORTABLE, AuditEventListFilter } from '../../src/schemas/audit-events.ts';
import { ChangePasswordBody, LoginBody } from '../../src/schemas/auth.ts';
import { DOCUMENT_SORTABLE, DocumentListFilter, ReviewDocumentBody } from '../../src/schemas/documents.ts';
import {
  IMPORT_LINE_SORTABLE,
  IMPORT_SORTABLE,
  ImportLineListFilter,
  ImportListFilter,
} from '../../src/schemas/graduate-imports.ts';
import {
  CorrectionBody,
  CorrectionReviewBody,
  CreateGraduateBody,
  GRADUATE_SORTABLE,
  GraduateListFilter,
} from '../../src/schemas/graduates.ts';
import {
  ActionBody,
  CancellationBody,
  CreateRequestBody,
  REQUEST_SORTABLE,
  RequestListFilter,
  TickBody,
  WelfareBody,
} from '../../src/schemas/requests.ts';
import { BulkBody } from '../../src/schemas/requests-bulk.ts';
import {
  CreateSavedViewBody,
  SAVED_VIEW_SORTABLE,
  SavedViewListFilter,
  UpdateSavedViewBody,
} from '../../src/schemas/saved-views.ts';
import { CreateUserBody, UpdateUserBody, USER_SORTABLE, UserListFilter } from '../../src/schemas/users.ts';
import {
  CreateHolidayBody,
  HOLIDAY_SORTABLE,
  HolidayListFilter,
  StageTargetListFilter,
  UpdateHolidayBody,
  UpdateStageTargetsBody,
  UpdateWorkingWeekBody,
} from '../../src/schemas/working-calendar.ts';
import type { Who, World } from './support.ts';

/**
 * How the fuzzers aim at each route of the route table. A route that is not here fails the coverage test, so a
 * new route is fuzzed from the day it is added.
 *
 * Every target says who may reach the route (hostile input comes from them, and from anonymous callers), what
 * its path parameters name, and which input surfaces it reads: the path (every route), a JSON body, a
 * multipart body, or react-admin list parameters.
 */
export type Param =
  | 'user'
  | 'graduate'
  | 'request'
  | 'document'
  | 'correction'
  | 'event'
  | 'action'
  | 'tick'
  | 'file'
  | 'import'
  | 'holiday'
  | 'view';
export type Surface = 'path' | 'json' | 'bodyless' | 'multipart' | 'list' | 'export';

/** A way to refuse a well-formed body: the body itself may be perfectly valid, something else is not. */
export interface Refusal {
  why: string;
  apply(
    w: World,
    body: Record<string, unknown>,
  ): { body?: Record<string, unknown>; params?: Record<string, string>; who?: Who; remoteAddress?: string };
}

export interface JsonTarget {
  schema: TSchema;
  /** A body that would succeed as is: the fuzzers always break something in it. */
  valid(w: World): Record<string, unknown>;
  /** Text fields (dotted paths) where hostile but well-formed text is put before a refusal is applied. */
  text: string[];
  /** String fields that may hold any character (passwords); every other string field refuses control characters. */
  opaque?: string[];
  refusals: Refusal[];
}

export interface ListTarget {
  filter: TSchema;
  sortable: readonly string[];
}

export interface RouteTarget {
  /** Reachable without a session. */
  public?: true;
  /** Who may reach the route: hostile input comes from each of them (and from anonymous callers). */
  who: Who[];
  params?: Record<string, Param>;
  surfaces: Surface[];
  json?: JsonTarget;
  list?: ListTarget;
}

const STALE = 1_000_000;
const ALL: Who[] = ['admin', 'office', 'freeEd', 'welfare', 'auditor', 'graduate'];
const READERS: Who[] = ['office', 'freeEd', 'welfare', 'auditor', 'graduate'];
const STAFF: Who[] = ['admin', 'office', 'freeEd', 'welfare', 'auditor'];

/** A uuid no record has (the world's ids are random v4 ones). */
const UNKNOWN = '00000000-0000-4000-8000-00000000f022';

/** Fixed values, so that FUZZ_SEED replays the same calls: a fresh national ID, and one with a wrong check digit. */
let state = 1405;
const lcg = () => {
  state = (state * 1103515245 + 12345) % 2 ** 31;
  return state / 2 ** 31;
};
const FRESH_NATIONAL_ID = generateNationalId(lcg);
const BAD_CHECK_DIGIT = `${FRESH_NATIONAL_ID.slice(0, 9)}${(Number(FRESH_NATIONAL_ID[9]) + 1) % 10}`;
if (normalizeNationalId(BAD_CHECK_DIGIT)) throw new Error('a changed check digit should never be valid');
const FRESH_STUDENT_NUMBER = '9000000001';

const login: JsonTarget = {
  schema: LoginBody,
  valid: () => ({ username: 'auditor', password: DEMO_PASSWORD }),
  text: ['username', 'password'],
  opaque: ['password'],
  refusals: [{ why: 'from an address locked out of logging in', apply: (w) => ({ remoteAddress: w.lockedIp }) }],
};

const changePassword: JsonTarget = {
  schema: ChangePasswordBody,
  valid: () => ({ currentPassword: DEMO_PASSWORD, newPassword: 'a brand new passphrase' }),
  text: [],
  opaque: ['currentPassword', 'newPassword'],
  refusals: [
    { why: 'from an address locked out of logging in', apply: (w) => ({ remoteAddress: w.lockedIp }) },
    {
      why: 'a new password containing the username',
      apply: () => ({ body: { currentPassword: DEMO_PASSWORD, newPassword: 'i am the auditor here' }, who: 'auditor' }),
    },
    {
      why: 'a new password that is the current one',
      apply: () => ({ body: { currentPassword: DEMO_PASSWORD, newPassword: DEMO_PASSWORD }, who: 'auditor' }),
    },
  ],
};

const createUser: JsonTarget = {
  schema: CreateUserBody,
  valid: () => ({
    username: 'fuzz.new',
    password: 'a long enough passphrase',
    role: 'welfare_officer',
    displayName: 'کارشناس رفاه',
  }),
  text: ['displayName'],
  opaque: ['password'],
  refusals: [
    {
      why: 'a second account for a graduate (unique violation on insert)',
      apply: (w, b) => ({ body: { ...b, role: 'graduate', graduateId: w.graduate.id } }),
    },
    {
      why: 'an account for a graduate who is not recorded (foreign key violation on insert)',
      apply: (_, b) => ({ body: { ...b, role: 'graduate', graduateId: UNKNOWN } }),
    },
    { why: 'a username in use', apply: (_, b) => ({ body: { ...b, username: 'admin' } }) },
    { why: 'a staff account linked to a graduate', apply: (w, b) => ({ body: { ...b, graduateId: w.graduate.id } }) },
    {
      why: 'a password containing the username',
      apply: (_, b) => ({ body: { ...b, username: 'fuzz.new', password: 'my name is fuzz.new' } }),
    },
  ],
};

const updateUser: JsonTarget = {
  schema: UpdateUserBody,
  valid: () => ({ version: 1, displayName: 'حسابرس ارشد' }),
  text: ['displayName'],
  opaque: ['password'],
  refusals: [
    { why: 'a stale version', apply: (_, b) => ({ body: { ...b, version: STALE } }) },
    { why: 'an unknown user', apply: () => ({ params: { id: UNKNOWN } }) },
    {
      why: 'a staff account linked to a graduate',
      apply: (w, b) => ({ body: { ...b, version: 1, graduateId: w.graduate.id } }),
    },
    {
      why: 'the graduate role without a graduate',
      apply: (_, b) => ({ body: { ...b, version: 1, role: 'graduate', graduateId: null } }),
    },
  ],
};

const createGraduate: JsonTarget = {
  schema: CreateGraduateBody,
  valid: () => ({
    studentNumber: FRESH_STUDENT_NUMBER,
    nationalId: FRESH_NATIONAL_ID,
    firstName: 'مریم',
    lastName: 'رضایی',
    fatherName: 'حسن',
    birthDate: '1995-01-01',
    gender: 'female',
    degreeLevel: 'phd',
    faculty: 'ریاضی',
    program: 'آمار',
  }),
  text: ['firstName', 'lastName', 'fatherName', 'faculty', 'program'],
  refusals: [
    {
      why: 'a national ID with a wrong check digit',
      apply: (_, b) => ({ body: { ...b, nationalId: BAD_CHECK_DIGIT } }),
    },
    {
      why: 'a national ID already recorded (unique violation on insert)',
      apply: (w, b) => ({ body: { ...b, nationalId: w.graduate.nationalId } }),
    },
    {
      why: 'a student number already recorded (unique violation on insert)',
      apply: (w, b) => ({ body: { ...b, studentNumber: w.graduate.studentNumber } }),
    },
    { why: 'asked by the Free-Education Office', apply: () => ({ who: 'freeEd' }) },
  ],
};

const askCorrection: JsonTarget = {
  schema: CorrectionBody,
  valid: () => ({ changes: { fatherName: 'رضا' }, note: 'در شناسنامه رضا است' }),
  text: ['note', 'changes.fatherName', 'changes.firstName', 'changes.lastName'],
  refusals: [
    { why: 'another graduate’s record', apply: (w) => ({ params: { id: w.other.id } }) },
    { why: 'an unknown graduate', apply: () => ({ params: { id: UNKNOWN } }) },
    { why: 'asked by the Graduate Office', apply: () => ({ who: 'office' }) },
  ],
};

const reviewCorrection: JsonTarget = {
  schema: CorrectionReviewBody,
  valid: () => ({ decision: 'accepted' }),
  text: ['note'],
  refusals: [
    { why: 'a correction already reviewed', apply: (w) => ({ params: { id: w.graduate.reviewedCorrectionId } }) },
    { why: 'an unknown correction', apply: () => ({ params: { id: UNKNOWN } }) },
    {
      why: 'a rejection without a note (refused inside the transaction)',
      apply: (_, b) => ({ body: { ...b, decision: 'rejected', note: undefined } }),
    },
    { why: 'reviewed by the graduate', apply: () => ({ who: 'graduate' }) },
  ],
};

const openRequest: JsonTarget = {
  schema: CreateRequestBody,
  valid: (w) => ({ graduateId: w.graduate.id, provisionalCertificateIssued: true }),
  text: [],
  refusals: [
    { why: 'a graduate whose request is open', apply: (w, b) => ({ body: { ...b, graduateId: w.graduate.id } }) },
    { why: 'an unknown graduate', apply: (_, b) => ({ body: { ...b, graduateId: UNKNOWN } }) },
    {
      why: 'another graduate, asked by a graduate',
      apply: (w, b) => ({ body: { ...b, graduateId: w.other.id }, who: 'graduate' }),
    },
  ],
};

const act: JsonTarget = {
  schema: ActionBody,
  valid: () => ({ version: 1, note: 'لطفا تصویر خوانا بفرستید' }),
  text: ['note'],
  refusals: ACTIONS.flatMap((action) => [
    {
      why: `${action} with a stale version`,
      apply: (_, b) => ({ body: { ...b, version: STALE }, params: { action } }),
    },
    { why: `${action} on an unknown request`, apply: () => ({ params: { id: UNKNOWN, action } }) },
    {
      why: `${action} on another graduate’s request`,
      apply: (w) => ({ params: { id: w.other.requestId, action }, who: 'graduate' }),
    },
  ]),
};

const tick: JsonTarget = {
  schema: TickBody,
  valid: () => ({ set: true, reason: 'پرونده کامل است' }),
  text: ['reason'],
  refusals: (['cancellation', 'welfare'] as const).flatMap((kind) => {
    const owner: Who = kind === 'cancellation' ? 'freeEd' : 'welfare';
    return [
      {
        why: `${kind} with a stale version`,
        apply: (_, b) => ({ body: { ...b, version: STALE }, params: { kind }, who: owner }),
      },
      {
        why: `${kind} by the other office`,
        apply: () => ({ params: { kind }, who: owner === 'freeEd' ? 'welfare' : 'freeEd' }),
      },
      { why: `${kind} on an unknown request`, apply: () => ({ params: { id: UNKNOWN, kind }, who: owner }) },
      {
        why: `${kind} set before its case is complete`,
        apply: (_, b) => ({ body: { ...b, set: true }, params: { kind }, who: owner }),
      },
    ] satisfies Refusal[];
  }),
};

const cancellation: JsonTarget = {
  schema: CancellationBody,
  valid: () => ({
    version: 1,
    route: 'employment',
    saorgTrackingCode: '140500001',
    amountOwed: '125000000',
    amountPaid: 0,
    paymentRef: 'پرداخت ۱۲۳',
  }),
  text: ['paymentRef'],
  refusals: [
    { why: 'a stale version', apply: (_, b) => ({ body: { ...b, version: STALE } }) },
    { why: 'an unknown request', apply: () => ({ params: { id: UNKNOWN } }) },
    { why: 'by the Welfare Office', apply: () => ({ who: 'welfare' }) },
    { why: 'by the graduate', apply: () => ({ who: 'graduate' }) },
  ],
};

const welfare: JsonTarget = {
  schema: WelfareBody,
  valid: () => ({ version: 1, hasDebt: true, settled: false, note: 'بدهی وام' }),
  text: ['note'],
  refusals: [
    { why: 'a stale version', apply: (_, b) => ({ body: { ...b, version: STALE } }) },
    { why: 'an unknown request', apply: () => ({ params: { id: UNKNOWN } }) },
    { why: 'settled without a debt', apply: (_, b) => ({ body: { ...b, hasDebt: false, settled: true } }) },
    { why: 'by the Free-Education Office', apply: () => ({ who: 'freeEd' }) },
  ],
};

/** The officers of the three offices that hold requests. */
const OFFICERS: Who[] = ['office', 'freeEd', 'welfare'];

const assign: JsonTarget = {
  schema: AssignBody,
  // The world's request is a draft: it waits on the Free-Education Office, whose officer may take it.
  valid: (w) => ({ userId: w.staffIds.freeEd, currentAssigneeId: null }),
  text: [],
  refusals: [
    {
      why: 'a holder other than the one named',
      apply: (_, b) => ({ body: { ...b, currentAssigneeId: UNKNOWN }, who: 'freeEd' }),
    },
    {
      why: 'an officer of another office',
      apply: (w, b) => ({ body: { ...b, userId: w.staffIds.welfare }, who: 'freeEd' }),
    },
    { why: 'an account of no office', apply: (w, b) => ({ body: { ...b, userId: w.staffIds.auditor } }) },
    { why: 'an account that does not exist', apply: (_, b) => ({ body: { ...b, userId: UNKNOWN } }) },
    {
      why: 'a request not in the office’s queue',
      apply: (w, b) => ({ body: { ...b, userId: w.staffIds.office }, who: 'office' }),
    },
    { why: 'an unknown request', apply: () => ({ params: { id: UNKNOWN }, who: 'freeEd' }) },
    { why: 'by the auditor', apply: () => ({ who: 'auditor' }) },
    { why: 'by the graduate', apply: () => ({ who: 'graduate' }) },
  ],
};

const bulkAction: JsonTarget = {
  schema: BulkBody,
  valid: (w) => ({ action: 'set-cancellation-tick', items: [{ id: w.graduate.requestId, version: 1 }] }),
  text: [],
  // A row refused for its own reasons (stale, wrong stage, not found) is a 200 with the row refused, tested
  // in requests-bulk.test.ts; the call as a whole is refused only for these.
  refusals: [
    {
      why: 'a request named twice',
      apply: (w, b) => ({
        body: {
          ...b,
          items: [
            { id: w.graduate.requestId, version: 1 },
            { id: w.graduate.requestId, version: 2 },
          ],
        },
      }),
    },
    {
      why: 'an office action by the Free-Education Office',
      apply: (_, b) => ({ body: { ...b, action: 'deliver' }, who: 'freeEd' }),
    },
    { why: 'the cancellation tick by the Welfare Office', apply: () => ({ who: 'welfare' }) },
    { why: 'the cancellation tick by the Graduate Office', apply: () => ({ who: 'office' }) },
    {
      why: 'an office action by a graduate, on their own request',
      apply: (_, b) => ({ body: { ...b, action: 'start-review' }, who: 'graduate' }),
    },
    {
      why: 'an office action by the auditor',
      apply: (_, b) => ({ body: { ...b, action: 'mark-ready' }, who: 'auditor' }),
    },
  ],
};

const reviewDocument: JsonTarget = {
  schema: ReviewDocumentBody,
  valid: () => ({ decision: 'accepted', note: 'خوانا است' }),
  text: ['note'],
  refusals: [
    { why: 'a stale version', apply: (_, b) => ({ body: { ...b, version: STALE } }) },
    { why: 'an unknown document', apply: () => ({ params: { id: UNKNOWN } }) },
    { why: 'by the office that does not own the kind', apply: () => ({ who: 'freeEd' }) },
    { why: 'by the graduate', apply: () => ({ who: 'graduate' }) },
    {
      why: 'a rejection without a note',
      apply: (_, b) => ({ body: { ...b, decision: 'rejected', note: undefined } }),
    },
    {
      why: 'an in-person check on a kind that takes none',
      apply: (_, b) => ({
        body: { ...b, inPerson: { presentedByGraduate: true, originalNationalIdChecked: true, originalSeen: true } },
      }),
    },
  ],
};

/** Refusals a view's state earns from the list it belongs to, whatever else the body holds. */
const viewStateRefusals: Refusal[] = [
  { why: 'a filter the list does not take', apply: (_, b) => ({ body: { ...b, filter: { nope: 1 } } }) },
  { why: 'another list’s filter', apply: (_, b) => ({ body: { ...b, filter: { gender: 'female' } } }) },
  { why: 'a stage that does not exist', apply: (_, b) => ({ body: { ...b, filter: { stage: 'teleported' } } }) },
  {
    why: 'a sort the list does not take',
    apply: (_, b) => ({ body: { ...b, sort: { field: 'nationalId', order: 'ASC' } } }),
  },
  {
    why: 'a column the rows do not have',
    apply: (_, b) => ({ body: { ...b, columns: ['lastName', 'passwordHash'] } }),
  },
];

const createView: JsonTarget = {
  schema: CreateSavedViewBody,
  valid: () => ({
    resource: 'requests',
    name: 'پرونده‌های دیرکرده',
    scope: 'office',
    filter: { queue: 'graduate_officer', overdue: true, q: 'رضایی' },
    sort: { field: 'stageEnteredAt', order: 'ASC' },
    perPage: 50,
    columns: ['lastName', 'stage', 'ticks.welfare'],
  }),
  text: ['name', 'filter.q'],
  refusals: [
    ...viewStateRefusals,
    {
      why: 'a name the caller already gave a view of the list',
      apply: (w, b) => ({ body: { ...b, name: w.view.name }, who: 'office' }),
    },
    { why: 'a list the admin does not read', apply: () => ({ who: 'admin' }) },
    { why: 'asked by a graduate', apply: () => ({ who: 'graduate' }) },
  ],
};

const updateView: JsonTarget = {
  schema: UpdateSavedViewBody,
  valid: () => ({
    version: 1,
    name: 'صف دفتر، تازه',
    scope: 'private',
    filter: { stage: ['submitted', 'under_review'], q: 'کریمی' },
    sort: null,
    perPage: 25,
    columns: null,
  }),
  text: ['name', 'filter.q'],
  refusals: [
    ...viewStateRefusals,
    { why: 'a stale version', apply: (_, b) => ({ body: { ...b, version: STALE } }) },
    { why: 'an unknown view', apply: () => ({ params: { id: UNKNOWN } }) },
    { why: 'a name the owner gave another view', apply: (w, b) => ({ body: { ...b, name: w.view.otherName } }) },
    { why: 'a view shared with another office', apply: () => ({ who: 'freeEd' }) },
    { why: 'by a graduate', apply: () => ({ who: 'graduate' }) },
  ],
};

/** Everyone who reads the working calendar: every staff role. */
const CALENDAR_READERS: Who[] = ['admin', 'office', 'freeEd', 'welfare', 'auditor'];

const createHoliday: JsonTarget = {
  schema: CreateHolidayBody,
  valid: () => ({ date: '2031-05-05', nameFa: 'تعطیل رسمی', nameEn: 'Official holiday', kind: 'lunar' }),
  text: ['nameFa', 'nameEn'],
  refusals: [
    {
      why: 'a day that is already a holiday (unique violation on insert)',
      apply: (_, b) => ({ body: { ...b, date: '2026-03-21' } }),
    },
    { why: 'by the Graduate Office', apply: () => ({ who: 'office' }) },
    { why: 'by the auditor', apply: () => ({ who: 'auditor' }) },
    { why: 'by a graduate', apply: () => ({ who: 'graduate' }) },
  ],
};

const updateHoliday: JsonTarget = {
  schema: UpdateHolidayBody,
  valid: () => ({ version: 1, nameFa: 'تعطیل ویژهٔ دانشگاه', nameEn: 'University closure', kind: 'other' }),
  text: ['nameFa', 'nameEn'],
  refusals: [
    { why: 'a stale version', apply: (_, b) => ({ body: { ...b, version: STALE } }) },
    { why: 'an unknown holiday', apply: () => ({ params: { id: UNKNOWN } }) },
    {
      why: 'moved onto a day that is already a holiday (unique violation on update)',
      apply: (_, b) => ({ body: { ...b, date: '2026-03-21' } }),
    },
    { why: 'by the Welfare Office', apply: () => ({ who: 'welfare' }) },
    { why: 'by a graduate', apply: () => ({ who: 'graduate' }) },
  ],
};

const updateWorkingWeek: JsonTarget = {
  schema: UpdateWorkingWeekBody,
  valid: () => ({ version: 1, thursday: 'half' }),
  text: [],
  refusals: [
    { why: 'a stale version', apply: (_, b) => ({ body: { ...b, version: STALE } }) },
    { why: 'by the Free-Education Office', apply: () => ({ who: 'freeEd' }) },
    { why: 'by a graduate', apply: () => ({ who: 'graduate' }) },
  ],
};

const updateStageTargets: JsonTarget = {
  schema: UpdateStageTargetsBody,
  valid: () => ({ targets: [{ office: 'graduate_officer', stage: 'ready', targetDays: 12, version: 1 }] }),
  text: [],
  refusals: [
    {
      why: 'a stale version',
      apply: () => ({
        body: { targets: [{ office: 'graduate_officer', stage: 'ready', targetDays: 12, version: STALE }] },
      }),
    },
    {
      why: 'a stage that counts against no target of the office',
      apply: () => ({
        body: { targets: [{ office: 'free_education_officer', stage: 'approved', targetDays: 12, version: 1 }] },
      }),
    },
    {
      why: 'an office and stage named twice',
      apply: () => ({
        body: {
          targets: [
            { office: 'graduate_officer', stage: 'ready', targetDays: 12, version: 1 },
            { office: 'graduate_officer', stage: 'ready', targetDays: 13, version: 1 },
          ],
        },
      }),
    },
    { why: 'by the Graduate Office', apply: () => ({ who: 'office' }) },
    { why: 'by a graduate', apply: () => ({ who: 'graduate' }) },
  ],
};

/** A GET route and the HEAD route Fastify adds for it: the same target. */
const read = (url: string, target: RouteTarget): Record<string, RouteTarget> => ({
  [`GET ${url}`]: target,
  [`HEAD ${url}`]: target,
});
const docs: RouteTarget = { public: true, who: [], surfaces: ['path'] };
/** An office list's CSV and XLSX exports: the list's filter and sort, for the staff who may export it. */
const exports = (list: string, target: ListTarget): Record<string, RouteTarget> => ({
  ...read(`${list}/export.csv`, {
    who: ['office', 'freeEd', 'welfare', 'auditor'],
    surfaces: ['path', 'export'],
    list: target,
  }),
  ...read(`${list}/export.xlsx`, {
    who: ['office', 'freeEd', 'welfare', 'auditor'],
    surfaces: ['path', 'export'],
    list: target,
  }),
});

export const ROUTES: Record<string, RouteTarget> = {
  ...read('/api/docs', docs),
  'HEAD /api/docs/': docs,
  ...read('/api/docs/static/index.html', docs),
  ...read('/api/docs/static/swagger-initializer.js', docs),
  ...read('/api/docs/json', docs),
  ...read('/api/docs/yaml', docs),
  ...read('/api/docs/static/*', { ...docs, params: { '*': 'file' } }),
  ...read('/api/openapi.json', docs),
  ...read('/api/health', docs),
  'POST /api/auth/login': { public: true, who: ['auditor'], surfaces: ['path', 'json'], json: login },
  'POST /api/auth/logout': { who: ALL, surfaces: ['path', 'bodyless'] },
  'POST /api/auth/password': { who: ALL, surfaces: ['path', 'json'], json: changePassword },
  ...read('/api/auth/session', { who: ALL, surfaces: ['path'] }),
  ...read('/api/users', {
    who: ['admin'],
    surfaces: ['path', 'list'],
    list: { filter: UserListFilter, sortable: USER_SORTABLE },
  }),
  ...read('/api/users/:id', { who: ['admin'], params: { id: 'user' }, surfaces: ['path'] }),
  'POST /api/users': { who: ['admin'], surfaces: ['path', 'json'], json: createUser },
  'PUT /api/users/:id': { who: ['admin'], params: { id: 'user' }, surfaces: ['path', 'json'], json: updateUser },
  'DELETE /api/users/:id/sessions': { who: ['admin'], params: { id: 'user' }, surfaces: ['path', 'bodyless'] },
  ...read('/api/graduates', {
    who: READERS,
    surfaces: ['path', 'list'],
    list: { filter: GraduateListFilter, sortable: GRADUATE_SORTABLE },
  }),
  ...exports('/api/graduates', { filter: GraduateListFilter, sortable: GRADUATE_SORTABLE }),
  ...read('/api/graduates/:id', { who: READERS, params: { id: 'graduate' }, surfaces: ['path'] }),
  'POST /api/graduates': { who: ['office'], surfaces: ['path', 'json'], json: createGraduate },
  'POST /api/graduates/:id/corrections': {
    who: ['graduate'],
    params: { id: 'graduate' },
    surfaces: ['path', 'json'],
    json: askCorrection,
  },
  'POST /api/corrections/:id/review': {
    who: ['office'],
    params: { id: 'correction' },
    surfaces: ['path', 'json'],
    json: reviewCorrection,
  },
  ...read('/api/requests', {
    who: READERS,
    surfaces: ['path', 'list'],
    list: { filter: RequestListFilter, sortable: REQUEST_SORTABLE },
  }),
  ...exports('/api/requests', { filter: RequestListFilter, sortable: REQUEST_SORTABLE }),
  ...read('/api/requests/:id', { who: READERS, params: { id: 'request' }, surfaces: ['path'] }),
  'POST /api/requests': { who: ['graduate', 'office'], surfaces: ['path', 'json'], json: openRequest },
  'POST /api/requests/:id/actions/:action': {
    who: ['graduate', 'office'],
    params: { id: 'request', action: 'action' },
    surfaces: ['path', 'json'],
    json: act,
  },
  'POST /api/requests/:id/ticks/:kind': {
    who: ['freeEd', 'welfare'],
    params: { id: 'request', kind: 'tick' },
    surfaces: ['path', 'json'],
    json: tick,
  },
  'POST /api/requests/bulk': { who: ['office', 'freeEd', 'welfare'], surfaces: ['path', 'json'], json: bulkAction },
  'PUT /api/requests/:id/cancellation': {
    who: ['freeEd'],
    params: { id: 'request' },
    surfaces: ['path', 'json'],
    json: cancellation,
  },
  'PUT /api/requests/:id/welfare': {
    who: ['welfare'],
    params: { id: 'request' },
    surfaces: ['path', 'json'],
    json: welfare,
  },
  'POST /api/requests/:id/claim': { who: OFFICERS, params: { id: 'request' }, surfaces: ['path', 'bodyless'] },
  'POST /api/requests/:id/release': { who: OFFICERS, params: { id: 'request' }, surfaces: ['path', 'bodyless'] },
  'POST /api/requests/:id/assign': {
    who: OFFICERS,
    params: { id: 'request' },
    surfaces: ['path', 'json'],
    json: assign,
  },
  ...read('/api/colleagues', {
    who: OFFICERS,
    surfaces: ['path', 'list'],
    list: { filter: ColleagueListFilter, sortable: COLLEAGUE_SORTABLE },
  }),
  'POST /api/requests/:id/documents': {
    who: ['graduate', 'office'],
    params: { id: 'request' },
    surfaces: ['path', 'multipart'],
  },
  ...read('/api/documents', {
    who: ['office', 'freeEd', 'auditor', 'graduate'],
    surfaces: ['path', 'list'],
    list: { filter: DocumentListFilter, sortable: DOCUMENT_SORTABLE },
  }),
  ...read('/api/documents/:id', {
    who: ['office', 'freeEd', 'auditor', 'graduate'],
    params: { id: 'document' },
    surfaces: ['path'],
  }),
  ...read('/api/documents/:id/file', {
    who: ['office', 'freeEd', 'auditor', 'graduate'],
    params: { id: 'document' },
    surfaces: ['path'],
  }),
  'POST /api/documents/:id/review': {
    who: ['office'],
    params: { id: 'document' },
    surfaces: ['path', 'json'],
    json: reviewDocument,
  },
  ...read('/api/audit-events', {
    who: ALL,
    surfaces: ['path', 'list'],
    list: { filter: AuditEventListFilter, sortable: AUDIT_EVENT_SORTABLE },
  }),
  ...read('/api/audit-events/verify', { who: ['auditor'], surfaces: ['path'] }),
  ...read('/api/dashboard', { who: ['admin', 'office', 'freeEd', 'welfare', 'auditor'], surfaces: ['path'] }),
  ...read('/api/audit-events/export.csv', {
    who: ['auditor'],
    surfaces: ['path', 'export'],
    list: { filter: AuditEventListFilter, sortable: [] },
  }),
  ...read('/api/audit-events/:id', { who: ['auditor'], params: { id: 'event' }, surfaces: ['path'] }),
  ...read('/api/saved-views', {
    who: STAFF,
    surfaces: ['path', 'list'],
    list: { filter: SavedViewListFilter, sortable: SAVED_VIEW_SORTABLE },
  }),
  ...read('/api/saved-views/:id', { who: ['office'], params: { id: 'view' }, surfaces: ['path'] }),
  'POST /api/saved-views': { who: STAFF, surfaces: ['path', 'json'], json: createView },
  'PUT /api/saved-views/:id': { who: ['office'], params: { id: 'view' }, surfaces: ['path', 'json'], json: updateView },
  'DELETE /api/saved-views/:id': { who: ['office'], params: { id: 'view' }, surfaces: ['path', 'bodyless'] },
  ...read('/api/graduate-imports', {
    who: ['office', 'auditor'],
    surfaces: ['path', 'list'],
    list: { filter: ImportListFilter, sortable: IMPORT_SORTABLE },
  }),
  'POST /api/graduate-imports': { who: ['office'], surfaces: ['path', 'multipart'] },
  ...read('/api/graduate-imports/:id', { who: ['office', 'auditor'], params: { id: 'import' }, surfaces: ['path'] }),
  ...read('/api/graduate-imports/:id/rows', {
    who: ['office', 'auditor'],
    params: { id: 'import' },
    surfaces: ['path', 'list'],
    list: { filter: ImportLineListFilter, sortable: IMPORT_LINE_SORTABLE },
  }),
  'POST /api/graduate-imports/:id/commit': {
    who: ['office'],
    params: { id: 'import' },
    surfaces: ['path', 'bodyless'],
  },
  ...read('/api/holidays', {
    who: CALENDAR_READERS,
    surfaces: ['path', 'list'],
    list: { filter: HolidayListFilter, sortable: HOLIDAY_SORTABLE },
  }),
  ...read('/api/holidays/:id', { who: CALENDAR_READERS, params: { id: 'holiday' }, surfaces: ['path'] }),
  'POST /api/holidays': { who: ['admin'], surfaces: ['path', 'json'], json: createHoliday },
  'PUT /api/holidays/:id': {
    who: ['admin'],
    params: { id: 'holiday' },
    surfaces: ['path', 'json'],
    json: updateHoliday,
  },
  'DELETE /api/holidays/:id': { who: ['admin'], params: { id: 'holiday' }, surfaces: ['path', 'bodyless'] },
  ...read('/api/working-week', { who: CALENDAR_READERS, surfaces: ['path'] }),
  'PUT /api/working-week': { who: ['admin'], surfaces: ['path', 'json'], json: updateWorkingWeek },
  ...read('/api/stage-targets', {
    who: CALENDAR_READERS,
    surfaces: ['path', 'list'],
    list: { filter: StageTargetListFilter, sortable: ['office'] },
  }),
  'PUT /api/stage-targets': { who: ['admin'], surfaces: ['path', 'json'], json: updateStageTargets },
};

/** The value of each kind of path parameter that names a real record (or a real file, action or tick). */
export function realParam(w: World, param: Param): string {
  switch (param) {
    case 'user':
      return w.userId;
    case 'graduate':
      return w.graduate.id;
    case 'request':
      return w.graduate.requestId;
    case 'document':
      return w.graduate.documentId;
    case 'correction':
      return w.graduate.pendingCorrectionId;
    case 'event':
      return w.lastEventId;
    case 'action':
      return 'withdraw';
    case 'tick':
      return 'cancellation';
    case 'file':
      return 'index.html';
    case 'view':
      return w.view.id;
    case 'import':
      return w.importId;
    case 'holiday':
      return w.holidayId;
  }
}

/** The route's URL with the given raw (already encoded) parameter values, real ones for the rest. */
export function routeUrl(w: World, url: string, target: RouteTarget, raw: Record<string, string> = {}): string {
  return url.replace(/:([a-zA-Z]+)|\*$/g, (whole, name: string | undefined) => {
    const key = name ?? whole;
    return raw[key] ?? encodeURIComponent(realParam(w, target.params![key]!));
  });
}

export const splitKey = (key: string) => {
  const at = key.indexOf(' ');
  return { method: key.slice(0, at), url: key.slice(at + 1) };
};
