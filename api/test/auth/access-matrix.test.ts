import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { subject } from '@casl/ability';
import {
  type DocumentKind,
  generateNationalId,
  hashPassword,
  OFFICES,
  type Office,
  type Stage,
  type WorkflowAction,
} from '@diploma-desk/db';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AppAbility, defineAbilityFor, type SubjectType } from '../../src/auth/abilities.ts';
import { toGraduateDto } from '../../src/routes/graduates/graduates.repository.ts';
import { ACTION_SPECS } from '../../src/workflow/workflow.ts';
import { createGraduate, graduateCsv, importBody, pdfBytes, putDocument, uploadBody } from '../fixtures.ts';
import { createTestApp, type TestApp } from '../helpers.ts';
import { ACCESS, CALLERS, type Caller, type Outcome, type Row } from './access-matrix.ts';

/**
 * Calls every route of the route table as every kind of caller and holds each answer to the table in
 * access-matrix.ts; then checks, field by field, that what a role may not write is refused rather than
 * dropped. Graduate A owns every record a path names; graduate B is the `other` graduate.
 *
 * Records are put in the state a call needs before the call, partly straight in the database (the stage and
 * what the workflow asks for: the workflow's own tests walk those steps through the API). The refused callers
 * go first and must change nothing; then each authorised caller gets the records in that state afresh.
 */

const GRADUATE_PASSWORD = 'a long graduate passphrase';
const STAFF: Record<Exclude<Caller, 'anonymous' | 'own' | 'other'>, string> = {
  admin: 'admin',
  graduate_officer: 'graduate.office',
  free_education_officer: 'free.education',
  welfare_officer: 'welfare.office',
  auditor: 'auditor',
};
const LOGIN_ACCOUNT = { username: 'matrix.login', password: 'a long enough passphrase' };
const SHARED_PASSWORD = 'one matrix passphrase for all';
let savedHashes: Array<{ id: string; passwordHash: string }> | undefined;
let sharedHash: string | undefined;

async function sharePassword() {
  savedHashes ??= await h.t.db.selectFrom('users').select(['id', 'passwordHash']).execute();
  sharedHash ??= await hashPassword(SHARED_PASSWORD);
  await h.t.db.updateTable('users').set({ passwordHash: sharedHash }).execute();
}

async function restorePasswords() {
  for (const u of savedHashes ?? []) {
    await h.t.db.updateTable('users').set({ passwordHash: u.passwordHash }).where('id', '=', u.id).execute();
  }
  savedHashes = undefined;
}

type Res = LightMyRequestResponse;
type FileKind = 'cancellation_sheet' | 'transcript' | 'national_id_card';
interface Party {
  graduateId: string;
  nationalId: string;
  userId: string;
  username: string;
  requestId: string;
  documents: Record<FileKind, string>;
  events: Record<string, string>;
}
/** The record a call acts on, for checking that 403 and 404 follow what the caller may read. */
interface Target {
  type: Exclude<SubjectType, 'all' | 'AuditEvent'>;
  fields: Record<string, unknown>;
}
interface Call {
  url: string;
  payload?: InjectOptions['payload'];
  headers?: Record<string, string>;
  target?: Target;
}
interface Spec {
  prepare: () => Promise<Call>;
  /** The call ends sessions (its callers' or another account's): whoever lost theirs logs in again after it. */
  endsSessions?: boolean;
  /** Puts back what the entry's calls changed that later entries rely on (run before logging in again). */
  after?: () => Promise<void>;
  /**
   * Other states of the records, or bodies breaking a rule of the handler, under which every refused caller
   * must get the very same refusal: a refusal that waited for the record's version, stage or ticks, or for a
   * username or national ID in use, would tell the caller about them.
   */
  probes?: Record<string, () => Promise<Call>>;
}

let h: TestApp;
const cookies: Partial<Record<Caller, string>> = {};
const abilities: Partial<Record<Caller, AppAbility>> = {};
let A: Party;
let B: Party;
let unique = 0;

function expectStatus(res: Res, status: number, what: string): Res {
  if (res.statusCode !== status) throw new Error(`${what}: ${res.statusCode} ${res.body.slice(0, 300)}`);
  return res;
}
const as = (caller: Caller, method: string, call: Call) =>
  h.call(cookies[caller], {
    method: method as InjectOptions['method'],
    url: call.url,
    ...(call.payload === undefined ? {} : { payload: call.payload }),
    ...(call.headers ? { headers: call.headers } : {}),
  });

async function loginEveryone() {
  for (const [caller, username] of Object.entries(STAFF)) cookies[caller as Caller] = await h.login(username);
  if (A) cookies.own = await h.login(A.username, GRADUATE_PASSWORD);
  if (B) cookies.other = await h.login(B.username, GRADUATE_PASSWORD);
}

async function loginWhereEnded() {
  for (const caller of CALLERS) {
    if (caller === 'anonymous') continue;
    const res = await h.call(cookies[caller], { method: 'GET', url: '/api/auth/session' });
    if (res.statusCode === 401) {
      cookies[caller] =
        caller === 'own' || caller === 'other'
          ? await h.login((caller === 'own' ? A : B).username, GRADUATE_PASSWORD)
          : await h.login(STAFF[caller]);
    }
  }
}

/** A graduate with an account, an open request with three uploaded documents, a pending correction. */
async function party(): Promise<Party> {
  const db = h.t.db;
  const g = await createGraduate(h, cookies.graduate_officer!, cookies.admin!);
  const user = await db.selectFrom('users').select('id').where('username', '=', g.username).executeTakeFirstOrThrow();
  const graduate = await db
    .selectFrom('graduates')
    .select('nationalId')
    .where('id', '=', g.id)
    .executeTakeFirstOrThrow();
  const opened = expectStatus(
    await h.call(g.cookie, { method: 'POST', url: '/api/requests', payload: {} }),
    201,
    'open a request',
  );
  const requestId = opened.json().id as string;
  const documents = {} as Record<FileKind, string>;
  for (const kind of ['cancellation_sheet', 'transcript', 'national_id_card'] as const) {
    const res = await h.call(g.cookie, {
      method: 'POST',
      url: `/api/requests/${requestId}/documents`,
      ...uploadBody(kind, pdfBytes()),
    });
    documents[kind] = expectStatus(res, 201, `upload ${kind}`).json().id;
  }
  expectStatus(
    await h.call(g.cookie, {
      method: 'POST',
      url: `/api/graduates/${g.id}/corrections`,
      payload: { changes: { fatherName: 'رضا' } },
    }),
    201,
    'ask for a correction',
  );
  const eventOf = async (action: string, subjectId: string) =>
    (
      await db
        .selectFrom('auditEvents')
        .select('id')
        .where('action', '=', action)
        .where('subjectId', '=', subjectId)
        .executeTakeFirstOrThrow()
    ).id;
  return {
    graduateId: g.id,
    nationalId: graduate.nationalId,
    userId: user.id,
    username: g.username,
    requestId,
    documents,
    events: {
      'graduate.create': await eventOf('graduate.create', g.id),
      'request.open': await eventOf('request.open', requestId),
      'document.upload': await eventOf('document.upload', documents.cancellation_sheet),
      'correction.request': await eventOf('correction.request', g.id),
      'user.create': await eventOf('user.create', user.id),
    },
  };
}

beforeAll(async () => {
  h = await createTestApp();
  await loginEveryone();
  expectStatus(
    await h.call(cookies.admin, {
      method: 'POST',
      url: '/api/users',
      payload: { ...LOGIN_ACCOUNT, role: 'auditor', displayName: 'حساب آزمون ورود' },
    }),
    201,
    'login account',
  );
  A = await party();
  B = await party();
  await loginEveryone();
  const users = await h.t.db.selectFrom('users').select(['id', 'username', 'role', 'graduateId']).execute();
  const usernames: Partial<Record<Caller, string>> = { ...STAFF, own: A.username, other: B.username };
  for (const [caller, username] of Object.entries(usernames)) {
    const u = users.find((x) => x.username === username)!;
    abilities[caller as Caller] = defineAbilityFor({ id: u.id, role: u.role, graduateId: u.graduateId });
  }
});
afterAll(() => h.close());

// --- What a call may change: every table's rows, the audit log's last id, the sessions, the stored files. ---

/**
 * Each table's row count and newest row version: every insert or update writes a row version with a newer
 * transaction id (xmin), and a rolled-back one stays invisible, so a refusal leaves both as they were.
 */
const TABLES = [
  'users',
  'graduates',
  'corrections',
  'diploma_requests',
  'request_assignments',
  'request_stage_history',
  'cancellation_cases',
  'welfare_records',
  'tick_events',
  'documents',
  'next_actions',
  'notification_outbox',
  'graduate_imports',
  'graduate_import_rows',
  'saved_views',
  'holidays',
  'working_calendar',
  'stage_targets',
  'audit_events',
];

async function snapshot(): Promise<Record<string, string>> {
  const tables = TABLES.map(
    (table) =>
      sql`(SELECT count(*) || ':' || coalesce(max(xmin::text::bigint), 0) FROM ${sql.table(table)}) AS ${sql.ref(table)}`,
  );
  // A session's last-seen time is touched by any request, refused or not; what matters is which sessions exist and live.
  const { rows } = await sql<Record<string, string>>`SELECT ${sql.join(tables)},
    (SELECT count(*) || ':' || count(*) FILTER (WHERE ended_at IS NULL) FROM sessions) AS sessions`.execute(h.t.db);
  const files = await readdir(path.join(h.config.dataDir, 'files'), { recursive: true }).catch(() => []);
  return { ...rows[0]!, files: String(files.length) };
}

const changes = (before: Record<string, string>, after: Record<string, string>) =>
  Object.keys(after).filter((k) => before[k] !== after[k]);

// --- Outcomes ---

const PROBLEMS: Record<number, [Outcome, string[]]> = {
  401: ['unauthenticated', ['unauthorized']],
  403: ['forbidden', ['forbidden', 'workflow-blocked']],
  404: ['hidden', ['not-found']],
};

/** The outcome class of a response, or a description of what else it was. */
function outcomeOf(res: Res, method: string): string {
  if (res.statusCode >= 200 && res.statusCode < 400) return 'allow';
  const known = PROBLEMS[res.statusCode];
  if (!known) return `${res.statusCode} ${res.body.slice(0, 200)}`;
  // A HEAD answer has the error's headers and no body.
  if (method === 'HEAD') return known[0];
  const contentType = String(res.headers['content-type'] ?? '');
  if (!contentType.startsWith('application/problem+json')) return `${res.statusCode} as ${contentType}`;
  const kind = String(res.json().type).replace('/api/problems/', '');
  return known[1].includes(kind) ? known[0] : `${res.statusCode} ${kind}`;
}

// --- Records in the state a call needs ---

const db = () => h.t.db;

async function closeOpenRequestsOfA() {
  await db()
    .updateTable('diplomaRequests')
    .set({ stage: 'withdrawn' })
    .where('graduateId', '=', A.graduateId)
    .where('stage', 'not in', ['delivered', 'withdrawn'])
    .execute();
}

/**
 * A new request of graduate A in `stage`, with everything the workflow asks for in place: required documents
 * accepted, a complete cancellation route, no Welfare Fund debt, both ticks (unless `ticks` is false), the
 * details as they stand confirmed and no correction under review. A has one open request at a time, so the
 * one before is closed first.
 */
async function requestOfA(stage: Stage, ticks = true): Promise<{ id: string; version: number }> {
  await closeOpenRequestsOfA();
  await db()
    .updateTable('corrections')
    .set({ status: 'rejected', reviewNote: 'بسته شد' })
    .where('graduateId', '=', A.graduateId)
    .where('status', '=', 'pending')
    .execute();
  const graduate = await db()
    .selectFrom('graduates')
    .selectAll()
    .where('id', '=', A.graduateId)
    .executeTakeFirstOrThrow();
  const { version: _v, createdAt: _c, updatedAt: _u, ...details } = toGraduateDto(graduate);
  const { id, version } = await db()
    .insertInto('diplomaRequests')
    .values({
      graduateId: A.graduateId,
      stage,
      cancellationTick: ticks,
      welfareTick: ticks,
      detailsConfirmedAt: new Date(),
      confirmedDetails: JSON.stringify(details),
      diplomaNumber: null,
      diplomaDetails: null,
      createdBy: null,
    })
    .returning(['id', 'version'])
    .executeTakeFirstOrThrow();
  await db()
    .insertInto('cancellationCases')
    .values({
      requestId: id,
      route: 'government_employment',
      saorgTrackingCode: null,
      amountOwed: 0,
      amountPaid: 0,
      paymentRef: null,
      updatedBy: null,
    })
    .execute();
  await db()
    .insertInto('welfareRecords')
    .values({ requestId: id, hasDebt: false, note: null, updatedBy: null })
    .execute();
  for (const kind of ['cancellation_sheet', 'lower_degree_diploma', 'employment_decree'] as const) {
    await putDocument(h, id, A.graduateId, kind);
  }
  return { id, version };
}

async function pendingDocumentOfA(stage: Stage, kind: DocumentKind): Promise<string> {
  const r = await requestOfA(stage);
  await putDocument(h, r.id, A.graduateId, kind, 'pending');
  const row = await db()
    .selectFrom('documents')
    .select('id')
    .where('requestId', '=', r.id)
    .where('kind', '=', kind)
    .executeTakeFirstOrThrow();
  return row.id;
}

async function pendingCorrectionOfA(): Promise<string> {
  const res = await h.call(cookies.own, {
    method: 'POST',
    url: `/api/graduates/${A.graduateId}/corrections`,
    payload: { changes: { lastName: 'کریمی‌نژاد' } },
  });
  return expectStatus(res, 201, 'ask for a correction').json().id;
}

const userVersion = async (id: string) =>
  (await db().selectFrom('users').select('version').where('id', '=', id).executeTakeFirstOrThrow()).version;

function graduateBody(nationalId = generateNationalId()) {
  unique += 1;
  return {
    studentNumber: `4030${String(unique).padStart(4, '0')}`,
    nationalId,
    firstName: 'مریم',
    lastName: 'رضایی',
    fatherName: 'حسن',
    birthDate: '1995-01-01',
    gender: 'female',
    degreeLevel: 'phd',
    faculty: 'ریاضی',
    program: 'آمار',
  };
}

function staffAccountBody(username?: string) {
  unique += 1;
  return {
    username: username ?? `matrix.${unique}`,
    password: 'a long enough passphrase',
    role: 'welfare_officer',
    displayName: 'کارشناس رفاه',
  };
}

const cancellationBody = (version: number) => ({
  version,
  route: 'employment',
  saorgTrackingCode: '140500123',
  amountOwed: 0,
  amountPaid: 0,
  paymentRef: null,
});
const welfareBody = (version: number) => ({ version, hasDebt: true, settled: true, note: 'بدهی تسویه شد' });

const GIF = Buffer.from('GIF89a, not a document');

// --- Graduate imports: a file of one new graduate, uploaded and dry-run by the Graduate Office ---

const importTarget = (id: string): Target => ({ type: 'GraduateImport', fields: { id } });

/** A portal CSV of one graduate no one has recorded. */
function importFile(): Buffer {
  unique += 1;
  return graduateCsv([{ studentNumber: `9140${String(unique).padStart(4, '0')}`, nationalId: generateNationalId() }]);
}

/** A fresh import, dry-run and not committed. */
async function importOf(): Promise<string> {
  const res = await h.call(cookies.graduate_officer, {
    method: 'POST',
    url: '/api/graduate-imports',
    ...importBody(importFile()),
  });
  return expectStatus(res, 201, 'an import').json().id;
}

let fixedImportId: Promise<string> | undefined;
/** One import that no entry commits, for the reads and the list check. */
const fixedImport = () => {
  fixedImportId ??= importOf();
  return fixedImportId;
};

function importReadSpec(suffix: string): Spec {
  return {
    prepare: async () => {
      const id = await fixedImport();
      return { url: `/api/graduate-imports/${id}${suffix}`, target: importTarget(id) };
    },
  };
}

// --- Saved views: of the Graduate Office's officer, or of a colleague in that office ---

type ViewKind = 'own' | 'shared by a colleague' | 'private of a colleague';
const VIEW_KINDS: Record<ViewKind, { owner: 'office' | 'colleague'; scope: 'private' | 'office' }> = {
  own: { owner: 'office', scope: 'office' },
  'shared by a colleague': { owner: 'colleague', scope: 'office' },
  'private of a colleague': { owner: 'colleague', scope: 'private' },
};
let viewOwnerIds: Promise<Record<'office' | 'colleague', string>> | undefined;
const fixedViews: Partial<Record<ViewKind, string>> = {};

/** The officer, and a second officer of the Graduate Office made by the admin (once). */
function viewOwners(): Promise<Record<'office' | 'colleague', string>> {
  viewOwnerIds ??= (async () => {
    const officer = await db()
      .selectFrom('users')
      .select('id')
      .where('username', '=', 'graduate.office')
      .executeTakeFirstOrThrow();
    const made = await h.call(cookies.admin, {
      method: 'POST',
      url: '/api/users',
      payload: {
        username: 'matrix.colleague',
        password: 'a long enough passphrase',
        role: 'graduate_officer',
        displayName: 'همکار دفتر',
      },
    });
    return { office: officer.id, colleague: expectStatus(made, 201, 'a colleague').json().id as string };
  })();
  return viewOwnerIds;
}

/** A fresh view of the request list, of the owner and scope the kind names. */
async function viewOf(kind: ViewKind, name?: string): Promise<{ id: string; version: number; target: Target }> {
  const { owner, scope } = VIEW_KINDS[kind];
  const ownerId = (await viewOwners())[owner];
  unique += 1;
  const row = await db()
    .insertInto('savedViews')
    .values({
      ownerId,
      resource: 'requests',
      name: name ?? `نمای ${unique}`,
      scope,
      filter: JSON.stringify({ queue: 'graduate_officer' }),
    })
    .returning(['id', 'version'])
    .executeTakeFirstOrThrow();
  return {
    ...row,
    target: { type: 'SavedView', fields: { ownerId, ownerRole: 'graduate_officer', scope, resource: 'requests' } },
  };
}

/** One view of each kind that no entry changes, for the reads and the list check. */
async function fixedView(kind: ViewKind): Promise<{ id: string; target: Target }> {
  const { owner, scope } = VIEW_KINDS[kind];
  const ownerId = (await viewOwners())[owner];
  fixedViews[kind] ??= (await viewOf(kind)).id;
  return {
    id: fixedViews[kind],
    target: { type: 'SavedView', fields: { ownerId, ownerRole: 'graduate_officer', scope, resource: 'requests' } },
  };
}

function viewReadSpec(kind: ViewKind): Spec {
  return {
    prepare: async () => {
      const view = await fixedView(kind);
      return { url: `/api/saved-views/${view.id}`, target: view.target };
    },
  };
}

function viewUpdateSpec(kind: ViewKind): Spec {
  const call = (view: { id: string; target: Target }, payload: object): Call => ({
    url: `/api/saved-views/${view.id}`,
    payload,
    target: view.target,
  });
  return {
    prepare: async () => {
      const view = await viewOf(kind);
      return call(view, { version: view.version, name: `نام تازه ${unique}`, filter: { overdue: true } });
    },
    probes: {
      'a stale version': async () => {
        const view = await viewOf(kind);
        return call(view, { version: view.version + 5, name: 'کهنه' });
      },
      'a filter the list does not take': async () => {
        const view = await viewOf(kind);
        return call(view, { version: view.version, filter: { nope: 1 } });
      },
      'a name the owner already gave another view': async () => {
        const taken = `گرفته ${unique}`;
        await viewOf(kind, taken);
        const view = await viewOf(kind);
        return call(view, { version: view.version, name: taken });
      },
    },
  };
}

function viewDeleteSpec(kind: ViewKind): Spec {
  return {
    prepare: async () => {
      const view = await viewOf(kind);
      return { url: `/api/saved-views/${view.id}`, target: view.target };
    },
    probes: {
      'a stale If-Match': async () => {
        const view = await viewOf(kind);
        return { url: `/api/saved-views/${view.id}`, headers: { 'if-match': '"9"' }, target: view.target };
      },
    },
  };
}

function viewCreateSpec(resource: 'requests' | 'audit-events'): Spec {
  const filter = resource === 'requests' ? { queue: 'graduate_officer' } : { action: 'request.*' };
  return {
    prepare: async () => {
      unique += 1;
      return { url: '/api/saved-views', payload: { resource, name: `نمای تازه ${unique}`, scope: 'office', filter } };
    },
    probes: {
      'a filter the list would refuse': async () => ({
        url: '/api/saved-views',
        payload: { resource, name: 'نادرست', filter: { nope: 1 } },
      }),
    },
  };
}

// --- The working calendar: holidays made for the call, the week and the targets at their current versions ---

const holidayTarget = (id: string): Target => ({ type: 'Holiday', fields: { id } });

/** A holiday on a day no other has (2031 onwards, one day per call). */
async function holidayOf(): Promise<{ id: string; version: number }> {
  unique += 1;
  return db()
    .insertInto('holidays')
    .values({
      date: new Date(Date.UTC(2031, 0, unique)).toISOString().slice(0, 10),
      nameFa: 'تعطیل آزمون',
      nameEn: 'Matrix holiday',
      kind: 'other',
      createdBy: null,
      updatedBy: null,
    })
    .returning(['id', 'version'])
    .executeTakeFirstOrThrow();
}

function holidayBody() {
  unique += 1;
  return {
    date: new Date(Date.UTC(2032, 0, unique)).toISOString().slice(0, 10),
    nameFa: 'تعطیل رسمی',
    nameEn: 'Official holiday',
    kind: 'other',
  };
}

const weekVersion = async () =>
  (await db().selectFrom('workingCalendar').select('version').executeTakeFirstOrThrow()).version;
const targetVersion = async () =>
  (
    await db()
      .selectFrom('stageTargets')
      .select('version')
      .where('office', '=', 'graduate_officer')
      .where('stage', '=', 'ready')
      .executeTakeFirstOrThrow()
  ).version;
const targetsBody = (version: number, office = 'graduate_officer', stage = 'ready') => ({
  targets: [{ office, stage, targetDays: 8 + (version % 5), version }],
});

// --- How to call each entry of the table ---

const fixed =
  (url: string, more: Omit<Call, 'url'> = {}): Spec['prepare'] =>
  async () => ({ url, ...more });
/** A list's export: the whole list; a filter the list does not take is refused before any byte. */
const exportSpec = (url: string): Record<string, Spec> => ({
  '': {
    prepare: fixed(url),
    probes: { 'a filter the list does not take': fixed(`${url}?filter=%7B%22nope%22%3A1%7D`) },
  },
});
const simple = (url: string, more: Omit<Call, 'url'> = {}): Record<string, Spec> => ({
  '': { prepare: fixed(url, more) },
});

const requestTarget = (): Target => ({ type: 'Request', fields: { graduateId: A.graduateId } });
const graduateTarget = (): Target => ({ type: 'Graduate', fields: { id: A.graduateId } });
const accountTarget = (): Target => ({ type: 'User', fields: { id: A.userId, role: 'graduate' } });
const documentTarget = (kind: DocumentKind): Target => ({
  type: 'Document',
  fields: { graduateId: A.graduateId, kind },
});

function actionSpec(action: WorkflowAction): Spec {
  const body = (version: number) => ({ version, ...(action === 'return' ? { note: 'تصویر مدرک خوانا نیست.' } : {}) });
  const call = (r: { id: string; version: number }, version = r.version): Call => ({
    url: `/api/requests/${r.id}/actions/${action}`,
    payload: body(version),
    target: requestTarget(),
  });
  return {
    prepare: async () => call(await requestOfA(ACTION_SPECS[action].from[0]!)),
    probes: {
      'a stale version': async () => {
        const r = await requestOfA(ACTION_SPECS[action].from[0]!);
        return call(r, r.version + 5);
      },
      'a stage the action does not start from': async () => call(await requestOfA('withdrawn')),
    },
  };
}

function tickSpec(kind: 'cancellation' | 'welfare'): Spec {
  const call = (id: string, payload: object): Call => ({
    url: `/api/requests/${id}/ticks/${kind}`,
    payload,
    target: requestTarget(),
  });
  return {
    prepare: async () => call((await requestOfA('draft', false)).id, { set: true }),
    probes: {
      'a stale version': async () => {
        const r = await requestOfA('draft', false);
        return call(r.id, { set: true, version: r.version + 5 });
      },
      'a tick already set': async () => call((await requestOfA('draft', true)).id, { set: true }),
      'a revocation without a reason': async () => call((await requestOfA('draft', true)).id, { set: false }),
      'ticks frozen by approval': async () => call((await requestOfA('approved', false)).id, { set: true }),
    },
  };
}

/**
 * A bulk call naming one request of A in the stage the action starts from. No target: the call is refused or
 * allowed as a whole by role (the probes show the refusal is the same whatever state the request is in).
 */
function bulkSpec(action: string): Spec {
  const from: Record<string, Stage> = {
    'start-review': 'submitted',
    'mark-ready': 'signing',
    deliver: 'ready',
    'set-cancellation-tick': 'draft',
    'set-welfare-tick': 'draft',
  };
  const ticks = action.endsWith('-tick');
  const call = (r: { id: string; version: number }, version = r.version): Call => ({
    url: '/api/requests/bulk',
    payload: { action, items: [{ id: r.id, version }] },
  });
  return {
    prepare: async () => call(await requestOfA(from[action]!, !ticks)),
    probes: {
      'a stale version': async () => {
        const r = await requestOfA(from[action]!, !ticks);
        return call(r, r.version + 5);
      },
      'a stage the action does not start from': async () => call(await requestOfA('withdrawn', !ticks)),
    },
  };
}

function casePartSpec(part: 'cancellation' | 'welfare'): Record<string, Spec> {
  const body = part === 'cancellation' ? cancellationBody : welfareBody;
  const call = (r: { id: string; version: number }, version = r.version): Call => ({
    url: `/api/requests/${r.id}/${part}`,
    payload: body(version),
    target: requestTarget(),
  });
  // Ticks unset: a change that would pull the ground from under a set tick is refused whoever makes it.
  return {
    '': {
      prepare: async () => call(await requestOfA('draft', false)),
      probes: {
        'a stale version': async () => {
          const r = await requestOfA('draft', false);
          return call(r, r.version + 5);
        },
        'a record frozen by approval': async () => call(await requestOfA('approved')),
      },
    },
  };
}

const staffId = async (caller: keyof typeof STAFF) =>
  (await db().selectFrom('users').select('id').where('username', '=', STAFF[caller]).executeTakeFirstOrThrow()).id;

/**
 * A's request waiting on all three offices at once (submitted, no tick yet, the Welfare Fund not yet checked);
 * when `held`, each office's holding is its demo officer's.
 */
async function requestInEveryQueue(held = false): Promise<string> {
  const { id } = await requestOfA('submitted', false);
  await db().updateTable('welfareRecords').set({ hasDebt: null }).where('requestId', '=', id).execute();
  for (const office of held ? OFFICES : []) {
    const userId = await staffId(office);
    await db().insertInto('requestAssignments').values({ requestId: id, office, userId, assignedBy: userId }).execute();
  }
  return id;
}

const holdingCall = (op: string, id: string, payload?: object): Call => ({
  url: `/api/requests/${id}/${op}`,
  ...(payload ? { payload } : {}),
  target: requestTarget(),
});

function claimSpec(): Spec {
  return {
    prepare: async () => holdingCall('claim', await requestInEveryQueue()),
    probes: {
      'a request every office holds': async () => holdingCall('claim', await requestInEveryQueue(true)),
      'a request in no queue': async () => holdingCall('claim', (await requestOfA('delivered')).id),
    },
  };
}

function releaseSpec(): Spec {
  return {
    prepare: async () => holdingCall('release', await requestInEveryQueue(true)),
    probes: { 'a request nobody holds': async () => holdingCall('release', await requestInEveryQueue()) },
  };
}

/** Assigning A's request to the demo officer of `office`: the callers of that office assign it to a colleague. */
function assignSpec(office: Office): Spec {
  const call = async (id: string, currentAssigneeId: string | null = null) =>
    holdingCall('assign', id, { userId: await staffId(office), currentAssigneeId });
  return {
    prepare: async () => call(await requestInEveryQueue()),
    probes: {
      'a holder other than the one named': async () => call(await requestInEveryQueue(true)),
      'a request in no queue': async () => call((await requestOfA('delivered')).id),
    },
  };
}

function reviewSpec(kind: DocumentKind): Spec {
  const call = (id: string, payload: object): Call => ({
    url: `/api/documents/${id}/review`,
    payload,
    target: documentTarget(kind),
  });
  return {
    prepare: async () => call(await pendingDocumentOfA('draft', kind), { decision: 'accepted' }),
    probes: {
      'a stale version': async () =>
        call(await pendingDocumentOfA('draft', kind), { decision: 'accepted', version: 99 }),
      'a rejection without a note': async () => call(await pendingDocumentOfA('draft', kind), { decision: 'rejected' }),
      'a request already approved': async () =>
        call(await pendingDocumentOfA('approved', kind), { decision: 'accepted' }),
    },
  };
}

function fileSpec(kind: FileKind): Spec {
  return {
    prepare: async () => ({ url: `/api/documents/${A.documents[kind]}/file`, target: documentTarget(kind) }),
  };
}

function specs(): Record<string, Record<string, Spec>> {
  const upload = (id: string, data = pdfBytes(), ifMatch?: string): Call => {
    const { payload, headers } = uploadBody('lower_degree_diploma', data);
    return {
      url: `/api/requests/${id}/documents`,
      payload,
      headers: { ...headers, ...(ifMatch ? { 'if-match': ifMatch } : {}) },
      target: requestTarget(),
    };
  };
  return {
    'GET /api/docs': simple('/api/docs'),
    'HEAD /api/docs/': simple('/api/docs/'),
    'GET /api/docs/static/index.html': simple('/api/docs/static/index.html'),
    'GET /api/docs/static/swagger-initializer.js': simple('/api/docs/static/swagger-initializer.js'),
    'GET /api/docs/json': simple('/api/docs/json'),
    'GET /api/docs/yaml': simple('/api/docs/yaml'),
    'GET /api/docs/static/*': simple('/api/docs/static/swagger-ui.css'),
    'GET /api/openapi.json': simple('/api/openapi.json'),
    'GET /api/health': simple('/api/health'),

    'POST /api/auth/login': {
      '': { prepare: fixed('/api/auth/login', { payload: LOGIN_ACCOUNT }), endsSessions: true },
    },
    'POST /api/auth/logout': { '': { prepare: fixed('/api/auth/logout'), endsSessions: true } },
    // Each caller changes their own password: every account is first given one shared password, so that one
    // call serves them all, and gets its own back afterwards. A change renews the caller's session.
    'POST /api/auth/password': {
      '': {
        prepare: async () => {
          await sharePassword();
          return {
            url: '/api/auth/password',
            payload: { currentPassword: SHARED_PASSWORD, newPassword: 'a changed matrix passphrase' },
          };
        },
        after: restorePasswords,
        endsSessions: true,
      },
    },
    'GET /api/auth/session': simple('/api/auth/session'),

    'GET /api/users': simple('/api/users'),
    'GET /api/users/:id': {
      '': { prepare: async () => ({ url: `/api/users/${A.userId}`, target: accountTarget() }) },
    },
    'POST /api/users': {
      '': {
        prepare: async () => ({ url: '/api/users', payload: staffAccountBody() }),
        probes: {
          'a username in use': async () => ({ url: '/api/users', payload: staffAccountBody('auditor') }),
          'a common password': async () => ({
            url: '/api/users',
            payload: { ...staffAccountBody(), password: 'password123' },
          }),
        },
      },
    },
    'PUT /api/users/:id': {
      '': {
        prepare: async () => ({
          url: `/api/users/${A.userId}`,
          payload: { version: await userVersion(A.userId), displayName: 'سارا کریمی' },
          target: accountTarget(),
        }),
        probes: {
          'a stale version': async () => ({
            url: `/api/users/${A.userId}`,
            payload: { version: (await userVersion(A.userId)) + 5, displayName: 'سارا' },
            target: accountTarget(),
          }),
        },
      },
    },

    'DELETE /api/users/:id/sessions': {
      '': {
        prepare: async () => ({ url: `/api/users/${A.userId}/sessions`, target: accountTarget() }),
        endsSessions: true,
      },
    },

    'GET /api/graduates': simple('/api/graduates'),
    'GET /api/graduates/export.csv': exportSpec('/api/graduates/export.csv'),
    'GET /api/graduates/export.xlsx': exportSpec('/api/graduates/export.xlsx'),
    'GET /api/graduates/:id': {
      '': { prepare: async () => ({ url: `/api/graduates/${A.graduateId}`, target: graduateTarget() }) },
    },
    'POST /api/graduates': {
      '': {
        prepare: async () => ({ url: '/api/graduates', payload: graduateBody() }),
        probes: {
          'a national ID already recorded': async () => ({
            url: '/api/graduates',
            payload: graduateBody(A.nationalId),
          }),
          'a national ID with a wrong check digit': async () => ({
            url: '/api/graduates',
            payload: graduateBody('0499370898'),
          }),
        },
      },
    },
    'POST /api/graduates/:id/corrections': {
      '': {
        prepare: async () => ({
          url: `/api/graduates/${A.graduateId}/corrections`,
          payload: { changes: { fatherName: 'رضا' }, note: 'در شناسنامه رضا است.' },
          target: graduateTarget(),
        }),
      },
    },
    'POST /api/corrections/:id/review': {
      '': {
        prepare: async () => ({
          url: `/api/corrections/${await pendingCorrectionOfA()}/review`,
          payload: { decision: 'rejected', note: 'با شناسنامه نمی‌خواند.' },
          target: { type: 'Correction', fields: { graduateId: A.graduateId } },
        }),
        probes: {
          'a rejection without a note': async () => ({
            url: `/api/corrections/${await pendingCorrectionOfA()}/review`,
            payload: { decision: 'rejected' },
            target: { type: 'Correction', fields: { graduateId: A.graduateId } },
          }),
          'a correction already reviewed': async () => {
            const url = `/api/corrections/${await pendingCorrectionOfA()}/review`;
            const payload = { decision: 'rejected', note: 'با شناسنامه نمی‌خواند.' };
            expectStatus(await as('graduate_officer', 'POST', { url, payload }), 200, 'review a correction');
            return { url, payload, target: { type: 'Correction', fields: { graduateId: A.graduateId } } };
          },
        },
      },
    },

    'GET /api/requests': simple('/api/requests'),
    'GET /api/requests/export.csv': exportSpec('/api/requests/export.csv'),
    'GET /api/requests/export.xlsx': exportSpec('/api/requests/export.xlsx'),
    'GET /api/requests/:id': {
      '': { prepare: async () => ({ url: `/api/requests/${A.requestId}`, target: requestTarget() }) },
    },
    'POST /api/requests': {
      '': {
        prepare: async () => {
          await closeOpenRequestsOfA();
          return { url: '/api/requests', payload: { graduateId: A.graduateId }, target: graduateTarget() };
        },
        probes: {
          'a request already open': async () => {
            await requestOfA('draft');
            return { url: '/api/requests', payload: { graduateId: A.graduateId }, target: graduateTarget() };
          },
        },
      },
    },
    'POST /api/requests/:id/actions/:action': Object.fromEntries(
      Object.keys(ACTION_SPECS).map((action) => [action, actionSpec(action as WorkflowAction)]),
    ),
    'POST /api/requests/:id/ticks/:kind': { cancellation: tickSpec('cancellation'), welfare: tickSpec('welfare') },
    'PUT /api/requests/:id/cancellation': casePartSpec('cancellation'),
    'PUT /api/requests/:id/welfare': casePartSpec('welfare'),
    'POST /api/requests/bulk': Object.fromEntries(
      Object.keys(ACCESS['POST /api/requests/bulk']!).map((action) => [action, bulkSpec(action)]),
    ),
    'POST /api/requests/:id/claim': { '': claimSpec() },
    'POST /api/requests/:id/release': { '': releaseSpec() },
    'POST /api/requests/:id/assign': Object.fromEntries(OFFICES.map((office) => [office, assignSpec(office)])),
    'GET /api/colleagues': simple('/api/colleagues'),
    'GET /api/dashboard': simple('/api/dashboard'),

    'POST /api/requests/:id/documents': {
      '': {
        prepare: async () => upload((await requestOfA('draft')).id),
        probes: {
          'uploads closed by approval': async () => upload((await requestOfA('approved')).id),
          'a file of another type': async () => upload((await requestOfA('draft')).id, GIF),
          'a stale If-Match': async () => upload((await requestOfA('draft')).id, pdfBytes(), '"99"'),
        },
      },
    },
    'GET /api/documents': simple('/api/documents'),
    'GET /api/documents/:id': {
      '': {
        prepare: async () => ({
          url: `/api/documents/${A.documents.cancellation_sheet}`,
          target: documentTarget('cancellation_sheet'),
        }),
      },
    },
    'GET /api/documents/:id/file': {
      transcript: fileSpec('transcript'),
      national_id_card: fileSpec('national_id_card'),
    },
    'POST /api/documents/:id/review': {
      provisional_certificate: reviewSpec('provisional_certificate'),
      insurance_record: reviewSpec('insurance_record'),
    },

    'GET /api/audit-events': simple('/api/audit-events'),
    'GET /api/audit-events/verify': simple('/api/audit-events/verify'),
    'GET /api/audit-events/export.csv': {
      '': {
        prepare: fixed('/api/audit-events/export.csv'),
        probes: { 'a filter it does not know': fixed('/api/audit-events/export.csv?filter=%7B%22nope%22%3A1%7D') },
      },
    },
    'GET /api/audit-events/:id': Object.fromEntries(
      Object.keys(ACCESS['GET /api/audit-events/:id']!).map((action) => [
        action,
        { prepare: async () => ({ url: `/api/audit-events/${A.events[action]}` }) },
      ]),
    ),

    'GET /api/saved-views': simple('/api/saved-views'),
    'POST /api/saved-views': { requests: viewCreateSpec('requests'), 'audit-events': viewCreateSpec('audit-events') },
    'GET /api/saved-views/:id': {
      own: viewReadSpec('own'),
      'shared by a colleague': viewReadSpec('shared by a colleague'),
      'private of a colleague': viewReadSpec('private of a colleague'),
    },
    'PUT /api/saved-views/:id': {
      own: viewUpdateSpec('own'),
      'shared by a colleague': viewUpdateSpec('shared by a colleague'),
    },
    'DELETE /api/saved-views/:id': {
      own: viewDeleteSpec('own'),
      'shared by a colleague': viewDeleteSpec('shared by a colleague'),
    },

    'GET /api/graduate-imports': simple('/api/graduate-imports'),
    'POST /api/graduate-imports': {
      '': {
        prepare: async () => ({ url: '/api/graduate-imports', ...importBody(importFile()) }),
        probes: {
          'a workbook instead of CSV': async () => ({
            url: '/api/graduate-imports',
            ...importBody(Buffer.from('PK\u0003\u0004 a workbook', 'latin1'), 'graduates.xlsx'),
          }),
          'a file without the required columns': async () => ({
            url: '/api/graduate-imports',
            ...importBody(Buffer.from('نام,نام خانوادگی\nسارا,کریمی\n')),
          }),
        },
      },
    },
    'GET /api/graduate-imports/:id': { '': importReadSpec('') },
    'GET /api/graduate-imports/:id/rows': { '': importReadSpec('/rows') },
    'GET /api/holidays': simple('/api/holidays'),
    'GET /api/holidays/:id': {
      '': {
        prepare: async () => {
          const { id } = await holidayOf();
          return { url: `/api/holidays/${id}`, target: holidayTarget(id) };
        },
      },
    },
    'POST /api/holidays': {
      '': {
        prepare: async () => ({ url: '/api/holidays', payload: holidayBody() }),
        probes: {
          'a day that is already a holiday': async () => ({
            url: '/api/holidays',
            payload: { ...holidayBody(), date: '2026-03-21' },
          }),
        },
      },
    },
    'PUT /api/holidays/:id': {
      '': {
        prepare: async () => {
          const { id, version } = await holidayOf();
          return { url: `/api/holidays/${id}`, payload: { version, nameEn: 'Renamed' }, target: holidayTarget(id) };
        },
        probes: {
          'a stale version': async () => {
            const { id, version } = await holidayOf();
            return {
              url: `/api/holidays/${id}`,
              payload: { version: version + 5, nameEn: 'x' },
              target: holidayTarget(id),
            };
          },
          'a day that is already a holiday': async () => {
            const { id, version } = await holidayOf();
            return { url: `/api/holidays/${id}`, payload: { version, date: '2026-03-21' }, target: holidayTarget(id) };
          },
        },
      },
    },
    'DELETE /api/holidays/:id': {
      '': {
        prepare: async () => {
          const { id } = await holidayOf();
          return { url: `/api/holidays/${id}`, target: holidayTarget(id) };
        },
        probes: {
          'a stale If-Match': async () => {
            const { id } = await holidayOf();
            return { url: `/api/holidays/${id}`, headers: { 'if-match': '"9"' }, target: holidayTarget(id) };
          },
        },
      },
    },
    'GET /api/working-week': simple('/api/working-week'),
    'PUT /api/working-week': {
      '': {
        prepare: async () => ({
          url: '/api/working-week',
          payload: { version: await weekVersion(), thursday: 'half' },
        }),
        probes: {
          'a stale version': async () => ({
            url: '/api/working-week',
            payload: { version: (await weekVersion()) + 5, thursday: 'off' },
          }),
        },
      },
    },
    'GET /api/stage-targets': simple('/api/stage-targets'),
    'PUT /api/stage-targets': {
      '': {
        prepare: async () => ({ url: '/api/stage-targets', payload: targetsBody(await targetVersion()) }),
        probes: {
          'a stale version': async () => ({
            url: '/api/stage-targets',
            payload: targetsBody((await targetVersion()) + 5),
          }),
          'a stage that counts against no office': async () => ({
            url: '/api/stage-targets',
            payload: targetsBody(await targetVersion(), 'free_education_officer', 'approved'),
          }),
        },
      },
    },

    'POST /api/graduate-imports/:id/commit': {
      '': {
        prepare: async () => {
          const id = await importOf();
          return { url: `/api/graduate-imports/${id}/commit`, target: importTarget(id) };
        },
        probes: {
          'an import already committed': async () => {
            const id = await importOf();
            const url = `/api/graduate-imports/${id}/commit`;
            expectStatus(await as('graduate_officer', 'POST', { url }), 200, 'commit an import');
            return { url, target: importTarget(id) };
          },
        },
      },
    },
  };
}
const SPECS = specs();

/** A HEAD route is called like the GET route beside it. */
function specFor(key: string, variant: string): Spec | undefined {
  const [method, url] = key.split(' ') as [string, string];
  return SPECS[key]?.[variant] ?? (method === 'HEAD' ? SPECS[`GET ${url}`]?.[variant] : undefined);
}

// --- Running the table ---

function judge(problems: string[], label: string, caller: Caller, expected: Outcome, got: string, call: Call) {
  if (got !== expected) problems.push(`${label}: expected ${expected}, got ${got}`);
  const ability = abilities[caller];
  if (!call.target || !ability) return;
  const readable = ability.can('read', subject(call.target.type, { ...call.target.fields }) as never);
  if (got === 'forbidden' && !readable)
    problems.push(`${label}: a 403 tells the caller a record exists it may not see`);
  if (got === 'hidden' && readable) problems.push(`${label}: a 404 for a record the caller may see`);
}

const lastAuditEventId = async () =>
  (
    await db()
      .selectFrom('auditEvents')
      .select((eb) => eb.fn.max('id').as('id'))
      .executeTakeFirstOrThrow()
  ).id ?? '0';

/**
 * Calls one entry of the table: the refused callers first, one after another against the same records, each
 * leaving the audit log's last id as it was and all of them together every table, session and file; then
 * each authorised caller (with the records prepared afresh when the call changes them); then the probes.
 */
async function runEntry(key: string, variant: string, row: Row, spec: Spec): Promise<string[]> {
  const method = key.split(' ')[0]!;
  const name = `${key}${variant ? ` [${variant}]` : ''}`;
  const problems: string[] = [];
  const refused = CALLERS.filter((c) => row[c] !== 'allow');

  async function refuseAll(call: Call, why: string) {
    const before = await snapshot();
    // A caller without a session is refused before any route runs: the probes are for those who have one.
    for (const caller of why ? refused.filter((c) => c !== 'anonymous') : refused) {
      const label = `${name}${why} as ${caller}`;
      const lastEvent = await lastAuditEventId();
      judge(problems, label, caller, row[caller], outcomeOf(await as(caller, method, call), method), call);
      if ((await lastAuditEventId()) !== lastEvent) problems.push(`${label}: refused, yet wrote an audit event`);
    }
    const changed = changes(before, await snapshot());
    if (changed.length > 0) problems.push(`${name}${why} as ${refused.join(', ')}: refused, yet changed ${changed}`);
  }

  let call = await spec.prepare();
  await refuseAll(call, '');
  const mutating = method !== 'GET' && method !== 'HEAD';
  for (const [i, caller] of CALLERS.filter((c) => row[c] === 'allow').entries()) {
    if (i > 0 && mutating) call = await spec.prepare();
    judge(problems, `${name} as ${caller}`, caller, 'allow', outcomeOf(await as(caller, method, call), method), call);
  }
  for (const [why, prepare] of Object.entries(spec.probes ?? {})) await refuseAll(await prepare(), ` with ${why}`);
  await spec.after?.();
  if (spec.endsSessions) await loginWhereEnded();
  return problems;
}

function cell(key: string, variant: string, caller: Caller): Outcome {
  const row = ACCESS[key]?.[variant];
  if (!row) throw new Error(`The table has no row for ${key} [${variant}]`);
  return row[caller];
}

describe('the authorisation matrix', () => {
  it('names every route in the route table, and only those', () => {
    const routes = [...new Set(h.app.routeList.map((r) => `${r.method} ${r.url}`))].sort();
    expect(routes.length).toBeGreaterThan(40);
    const table = Object.keys(ACCESS).sort();
    expect({ missingFromTable: routes.filter((r) => !table.includes(r)) }).toEqual({ missingFromTable: [] });
    expect({ noLongerRoutes: table.filter((r) => !routes.includes(r)) }).toEqual({ noLongerRoutes: [] });
  });

  it('knows how to call every entry of the table', () => {
    const uncallable = Object.entries(ACCESS).flatMap(([key, variants]) =>
      Object.keys(variants)
        .filter((v) => !specFor(key, v))
        .map((v) => `${key} [${v}]`),
    );
    expect(uncallable).toEqual([]);
    const extra = Object.entries(SPECS).flatMap(([key, variants]) =>
      Object.keys(variants)
        .filter((v) => ACCESS[key]?.[v] === undefined)
        .map((v) => `${key} [${v}]`),
    );
    expect(extra).toEqual([]);
  });

  for (const [key, variants] of Object.entries(ACCESS)) {
    it(key, async () => {
      const problems: string[] = [];
      for (const [variant, row] of Object.entries(variants)) {
        const spec = specFor(key, variant);
        if (spec) problems.push(...(await runEntry(key, variant, row, spec)));
      }
      expect(problems).toEqual([]);
    });
  }

  it('lists show a record to exactly the callers who may open it', async () => {
    const lists: Array<[list: string, detail: string, variant: string, id: string]> = [
      ['/api/users', 'GET /api/users/:id', '', A.userId],
      ['/api/graduates', 'GET /api/graduates/:id', '', A.graduateId],
      ['/api/requests', 'GET /api/requests/:id', '', A.requestId],
      ['/api/documents', 'GET /api/documents/:id', '', A.documents.cancellation_sheet],
      ...Object.entries(A.events).map(
        ([action, id]) =>
          ['/api/audit-events', 'GET /api/audit-events/:id', action, id] as [string, string, string, string],
      ),
    ];
    for (const kind of Object.keys(VIEW_KINDS) as ViewKind[]) {
      lists.push(['/api/saved-views', 'GET /api/saved-views/:id', kind, (await fixedView(kind)).id]);
    }
    lists.push(['/api/graduate-imports', 'GET /api/graduate-imports/:id', '', await fixedImport()]);
    const problems: string[] = [];
    for (const [list, detail, variant, id] of lists) {
      for (const caller of CALLERS) {
        if (cell(`GET ${list}`, '', caller) !== 'allow') continue;
        const filter = encodeURIComponent(JSON.stringify({ id: [id] }));
        const res = await as(caller, 'GET', { url: `${list}?filter=${filter}` });
        const listed = (res.json() as Array<{ id: string }>).map((x) => x.id).includes(id);
        const shouldList = cell(detail, variant, caller) === 'allow';
        if (res.statusCode !== 200 || listed !== shouldList) {
          problems.push(`${list} as ${caller}: ${res.statusCode}, ${variant || 'the record'} listed: ${listed}`);
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it('a graduate record embeds pending corrections only for callers who may read corrections', async () => {
    await pendingCorrectionOfA();
    const problems: string[] = [];
    for (const caller of CALLERS) {
      if (cell('GET /api/graduates/:id', '', caller) !== 'allow') continue;
      const res = await as(caller, 'GET', { url: `/api/graduates/${A.graduateId}` });
      const shown = ((res.json().pendingCorrections as unknown[] | undefined) ?? []).length > 0;
      const may = abilities[caller]!.can('read', subject('Correction', { graduateId: A.graduateId }));
      if (shown !== may) problems.push(`${caller}: corrections shown ${shown}, may read them ${may}`);
    }
    expect(problems).toEqual([]);
  });
});

// --- Field by field ---

/** A multipart body with the given text parts, then one PDF file part. */
function multipartWith(parts: Array<[string, string]>) {
  const boundary = `----dd${Math.random().toString(16).slice(2)}`;
  const text = parts.map(
    ([name, value]) => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`,
  );
  const payload = Buffer.concat([
    Buffer.from(text.join('')),
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="scan.pdf"\r\nContent-Type: application/pdf\r\n\r\n`,
    ),
    pdfBytes(),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

/**
 * The call is refused with `status` as problem+json, naming `field` when it is a 400, and changes nothing:
 * a field a role may not write is never silently dropped or kept.
 */
async function refuses(caller: Caller, method: string, call: Call, status: 400 | 403 | 404, field?: string) {
  const before = await snapshot();
  const res = await as(caller, method, call);
  const what = `${caller} ${method} ${call.url} ${typeof call.payload === 'object' && !Buffer.isBuffer(call.payload) ? JSON.stringify(call.payload) : ''}`;
  expect(res.statusCode, `${what}: ${res.body.slice(0, 300)}`).toBe(status);
  expect(String(res.headers['content-type']), what).toMatch(/^application\/problem\+json/);
  if (field !== undefined) {
    expect(
      (res.json().errors as Array<{ field: string }>).map((e) => e.field),
      what,
    ).toContain(field);
  }
  expect(changes(before, await snapshot()), what).toEqual([]);
}

async function accepts(caller: Caller, method: string, call: Call): Promise<Res> {
  const res = await as(caller, method, call);
  expect(res.statusCode, `${caller} ${method} ${call.url}: ${res.body.slice(0, 300)}`).toBeLessThan(300);
  return res;
}

describe('fields a role may not write are refused, never dropped', () => {
  it('accounts: an admin cannot change their own role or active flag, nor anyone write what is not an account field', async () => {
    const self = (await db().selectFrom('users').select('id').where('username', '=', 'admin').executeTakeFirstOrThrow())
      .id;
    const put = async (id: string, fields: object): Promise<Call> => ({
      url: `/api/users/${id}`,
      payload: { version: await userVersion(id), ...fields },
    });
    await refuses('admin', 'PUT', await put(self, { role: 'auditor' }), 403);
    await refuses('admin', 'PUT', await put(self, { role: 'admin' }), 403);
    await refuses('admin', 'PUT', await put(self, { active: false }), 403);
    await refuses('admin', 'PUT', await put(self, { active: true }), 403);
    await refuses('admin', 'PUT', await put(self, { graduateId: A.graduateId }), 400, 'graduateId');
    await refuses('admin', 'PUT', await put(self, { username: 'root' }), 400, 'username');
    await refuses('admin', 'PUT', await put(A.userId, { passwordHash: 'x' }), 400, 'passwordHash');
    await refuses('admin', 'PUT', await put(A.userId, { createdAt: new Date().toISOString() }), 400, 'createdAt');
    // Graduates and offices do not see accounts at all, their own included.
    await refuses('own', 'PUT', await put(A.userId, { role: 'admin' }), 404);
    await refuses('own', 'PUT', await put(A.userId, { active: true, graduateId: B.graduateId }), 404);
    await refuses('graduate_officer', 'PUT', await put(A.userId, { active: false }), 404);
    for (const field of [{ active: false }, { id: A.userId }, { passwordHash: 'x' }, { version: 3 }]) {
      await refuses('admin', 'POST', { url: '/api/users', payload: { ...staffAccountBody(), ...field } }, 400);
    }
    // Changing one's own password names nothing else about the account.
    const change = { currentPassword: GRADUATE_PASSWORD, newPassword: 'another long graduate passphrase' };
    for (const [field, value] of [
      ['role', 'admin'],
      ['username', 'root'],
      ['active', true],
      ['graduateId', B.graduateId],
      ['userId', B.userId],
    ] as const) {
      await refuses('own', 'POST', { url: '/api/auth/password', payload: { ...change, [field]: value } }, 400, field);
    }
    await accepts('admin', 'PUT', await put(self, { displayName: 'مدیر سامانه' }));
    await accepts('admin', 'PUT', await put(A.userId, { displayName: 'سارا کریمی' }));
  });

  it('graduates and corrections: only the details a correction may change, and nothing the record keeps itself', async () => {
    for (const field of [{ id: A.graduateId }, { version: 4 }, { searchText: 'x' }, { createdAt: '2020-01-01' }]) {
      await refuses(
        'graduate_officer',
        'POST',
        { url: '/api/graduates', payload: { ...graduateBody(), ...field } },
        400,
      );
    }
    await accepts('graduate_officer', 'POST', { url: '/api/graduates', payload: graduateBody() });

    const url = `/api/graduates/${A.graduateId}/corrections`;
    const asked = { fatherName: 'رضا' };
    const refusedChanges: Array<[string, unknown]> = [
      ['nationalId', A.nationalId],
      ['studentNumber', '40300001'],
      ['gender', 'male'],
      ['degreeLevel', 'phd'],
      ['scholarship', true],
      ['faculty', 'فیزیک'],
    ];
    for (const [field, value] of refusedChanges) {
      await refuses('own', 'POST', { url, payload: { changes: { [field]: value } } }, 400, `changes.${field}`);
    }
    for (const [field, value] of [
      ['status', 'accepted'],
      ['graduateId', B.graduateId],
      ['reviewedBy', A.userId],
    ] as const) {
      await refuses('own', 'POST', { url, payload: { changes: asked, [field]: value } }, 400, field);
    }
    await refuses('graduate_officer', 'POST', { url, payload: { changes: asked } }, 403);
    await accepts('own', 'POST', { url, payload: { changes: asked } });

    const review = `/api/corrections/${await pendingCorrectionOfA()}/review`;
    await refuses(
      'graduate_officer',
      'POST',
      { url: review, payload: { decision: 'accepted', changes: asked } },
      400,
      'changes',
    );
    await refuses(
      'graduate_officer',
      'POST',
      { url: review, payload: { decision: 'accepted', status: 'accepted' } },
      400,
      'status',
    );
    await refuses('own', 'POST', { url: review, payload: { decision: 'accepted' } }, 403);
    await accepts('graduate_officer', 'POST', { url: review, payload: { decision: 'rejected', note: 'نادرست' } });
  });

  it('requests: a graduate opens and confirms, and writes no stage, tick, number or snapshot', async () => {
    await closeOpenRequestsOfA();
    const open = (fields: object): Call => ({ url: '/api/requests', payload: { graduateId: A.graduateId, ...fields } });
    for (const [field, value] of [
      ['stage', 'approved'],
      ['diplomaNumber', '1405-000001'],
      ['cancellationTick', true],
      ['welfareTick', true],
      ['detailsConfirmedAt', new Date().toISOString()],
      ['confirmedDetails', { firstName: 'x' }],
      ['version', 9],
      ['createdBy', A.userId],
    ] as const) {
      await refuses('own', 'POST', open({ [field]: value }), 400, field);
    }
    await refuses('own', 'POST', { url: '/api/requests', payload: { graduateId: B.graduateId } }, 404);
    await accepts('own', 'POST', open({ provisionalCertificateIssued: false }));

    const r = await requestOfA('draft');
    const act = (action: string, fields: object): Call => ({
      url: `/api/requests/${r.id}/actions/${action}`,
      payload: { version: r.version, ...fields },
    });
    for (const [field, value] of [
      ['confirmedDetails', { firstName: 'x' }],
      ['stage', 'approved'],
      ['diplomaNumber', '1405-000001'],
      ['cancellationTick', true],
    ] as const) {
      await refuses('own', 'POST', act('confirm-details', { [field]: value }), 400, field);
      await refuses('own', 'POST', act('submit', { [field]: value }), 400, field);
    }
    // The details are the graduate's to confirm, and submitting is their final word.
    await refuses('graduate_officer', 'POST', act('confirm-details', {}), 403);
    await refuses('graduate_officer', 'POST', act('submit', {}), 403);
    await accepts('own', 'POST', act('confirm-details', {}));
  });

  it('ticks and case records: each office writes only its own, nobody through another field', async () => {
    const r = await requestOfA('draft', false);
    const tick = (kind: string, payload: object): Call => ({ url: `/api/requests/${r.id}/ticks/${kind}`, payload });
    for (const caller of ['own', 'graduate_officer', 'welfare_officer', 'auditor'] as const) {
      await refuses(caller, 'POST', tick('cancellation', { set: true }), 403);
    }
    for (const caller of ['own', 'graduate_officer', 'free_education_officer', 'auditor'] as const) {
      await refuses(caller, 'POST', tick('welfare', { set: true }), 403);
    }
    for (const [field, value] of [
      ['stage', 'approved'],
      ['kind', 'welfare'],
      ['welfareTick', true],
    ] as const) {
      await refuses('free_education_officer', 'POST', tick('cancellation', { set: true, [field]: value }), 400, field);
    }

    const part = (name: string, payload: object): Call => ({ url: `/api/requests/${r.id}/${name}`, payload });
    for (const caller of ['own', 'graduate_officer', 'welfare_officer', 'auditor'] as const) {
      await refuses(caller, 'PUT', part('cancellation', cancellationBody(r.version)), 403);
    }
    for (const caller of ['own', 'graduate_officer', 'free_education_officer', 'auditor'] as const) {
      await refuses(caller, 'PUT', part('welfare', welfareBody(r.version)), 403);
    }
    for (const [field, value] of [
      ['cancellationTick', true],
      ['hasDebt', false],
      ['stage', 'approved'],
      ['updatedBy', A.userId],
    ] as const) {
      const payload = { ...cancellationBody(r.version), [field]: value };
      await refuses('free_education_officer', 'PUT', part('cancellation', payload), 400, field);
    }
    for (const [field, value] of [
      ['welfareTick', true],
      ['route', 'employment'],
      ['amountPaid', 0],
    ] as const) {
      await refuses(
        'welfare_officer',
        'PUT',
        part('welfare', { ...welfareBody(r.version), [field]: value }),
        400,
        field,
      );
    }
    const afterCase = await accepts('free_education_officer', 'PUT', part('cancellation', cancellationBody(r.version)));
    await accepts('welfare_officer', 'PUT', part('welfare', welfareBody(afterCase.json().version)));
  });

  it('documents: uploads carry a kind and a file only; reviews are the owning office’s and write no status directly', async () => {
    const r = await requestOfA('draft');
    const url = `/api/requests/${r.id}/documents`;
    for (const field of ['reviewStatus', 'graduateId', 'requestId', 'uploadedBy']) {
      const body = multipartWith([
        ['kind', 'transcript'],
        [field, field === 'reviewStatus' ? 'accepted' : A.userId],
      ]);
      await refuses('own', 'POST', { url, ...body }, 400, field);
    }
    await accepts('own', 'POST', { url, ...multipartWith([['kind', 'transcript']]) });

    const officeKind = await pendingDocumentOfA('draft', 'provisional_certificate');
    const reviewOf = (id: string, payload: object): Call => ({ url: `/api/documents/${id}/review`, payload });
    for (const caller of ['own', 'free_education_officer', 'auditor'] as const) {
      await refuses(caller, 'POST', reviewOf(officeKind, { decision: 'accepted' }), 403);
    }
    for (const [field, value] of [
      ['reviewStatus', 'accepted'],
      ['kind', 'transcript'],
      ['graduateId', B.graduateId],
      ['reviewedBy', A.userId],
    ] as const) {
      await refuses(
        'graduate_officer',
        'POST',
        reviewOf(officeKind, { decision: 'accepted', [field]: value }),
        400,
        field,
      );
    }
    const inPerson = { presentedByGraduate: true, originalNationalIdChecked: true, originalSeen: true };
    await refuses(
      'graduate_officer',
      'POST',
      reviewOf(officeKind, { decision: 'accepted', inPerson }),
      400,
      'inPerson',
    );
    await accepts('graduate_officer', 'POST', reviewOf(officeKind, { decision: 'accepted' }));

    const cancellationKind = await pendingDocumentOfA('draft', 'insurance_record');
    for (const caller of ['own', 'graduate_officer', 'auditor'] as const) {
      await refuses(caller, 'POST', reviewOf(cancellationKind, { decision: 'accepted' }), 403);
    }
    await accepts('free_education_officer', 'POST', reviewOf(cancellationKind, { decision: 'accepted' }));
  });
});
