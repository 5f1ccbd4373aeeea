import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Database } from '../src/database.ts';
import { createTestDb, type TestDb } from '../src/testing.ts';

/**
 * The Database interface must name exactly the columns the migrations create. `satisfies` makes the
 * compiler check each list against its table interface; the test checks each list against the database.
 */
type Columns<T> = { [K in keyof T]-?: true };
const COLUMNS = {
  users: {
    id: true,
    username: true,
    passwordHash: true,
    role: true,
    displayName: true,
    graduateId: true,
    active: true,
    version: true,
    passwordChangedAt: true,
    createdAt: true,
    updatedAt: true,
  } satisfies Columns<Database['users']>,
  sessions: {
    id: true,
    userId: true,
    createdAt: true,
    lastSeenAt: true,
    expiresAt: true,
    endedAt: true,
    endedReason: true,
    ip: true,
    userAgent: true,
  } satisfies Columns<Database['sessions']>,
  auditEvents: {
    id: true,
    at: true,
    actorId: true,
    role: true,
    action: true,
    subjectType: true,
    subjectId: true,
    requestId: true,
    before: true,
    after: true,
    ip: true,
    userAgent: true,
    prevHash: true,
    hash: true,
  } satisfies Columns<Database['auditEvents']>,
  graduates: {
    id: true,
    studentNumber: true,
    nationalId: true,
    firstName: true,
    lastName: true,
    fatherName: true,
    birthDate: true,
    gender: true,
    degreeLevel: true,
    faculty: true,
    program: true,
    scholarship: true,
    searchText: true,
    version: true,
    createdAt: true,
    updatedAt: true,
  } satisfies Columns<Database['graduates']>,
  diplomaRequests: {
    id: true,
    graduateId: true,
    stage: true,
    stageEnteredAt: true,
    version: true,
    provisionalCertificateIssued: true,
    cancellationTick: true,
    welfareTick: true,
    detailsConfirmedAt: true,
    confirmedDetails: true,
    diplomaNumber: true,
    diplomaDetails: true,
    createdBy: true,
    createdAt: true,
    updatedAt: true,
  } satisfies Columns<Database['diplomaRequests']>,
  requestAssignments: {
    requestId: true,
    office: true,
    userId: true,
    assignedAt: true,
    assignedBy: true,
  } satisfies Columns<Database['requestAssignments']>,
  requestStageHistory: {
    id: true,
    requestId: true,
    fromStage: true,
    toStage: true,
    action: true,
    actorId: true,
    role: true,
    note: true,
    at: true,
  } satisfies Columns<Database['requestStageHistory']>,
  cancellationCases: {
    requestId: true,
    route: true,
    saorgTrackingCode: true,
    amountOwed: true,
    amountPaid: true,
    paymentRef: true,
    updatedBy: true,
    updatedAt: true,
  } satisfies Columns<Database['cancellationCases']>,
  welfareRecords: {
    requestId: true,
    hasDebt: true,
    settled: true,
    note: true,
    updatedBy: true,
    updatedAt: true,
  } satisfies Columns<Database['welfareRecords']>,
  tickEvents: {
    id: true,
    requestId: true,
    kind: true,
    set: true,
    reason: true,
    actorId: true,
    role: true,
    at: true,
  } satisfies Columns<Database['tickEvents']>,
  documents: {
    id: true,
    requestId: true,
    graduateId: true,
    kind: true,
    storageKey: true,
    sha256: true,
    sizeBytes: true,
    contentType: true,
    originalName: true,
    uploadedBy: true,
    uploadedAt: true,
    reviewStatus: true,
    reviewNote: true,
    reviewedBy: true,
    reviewedAt: true,
    inPerson: true,
    supersededAt: true,
  } satisfies Columns<Database['documents']>,
  nextActions: {
    id: true,
    requestId: true,
    note: true,
    createdBy: true,
    createdAt: true,
    resolvedAt: true,
    resolvedBy: true,
  } satisfies Columns<Database['nextActions']>,
  corrections: {
    id: true,
    graduateId: true,
    changes: true,
    status: true,
    requestedBy: true,
    requestedAt: true,
    reviewedBy: true,
    reviewedAt: true,
    reviewNote: true,
  } satisfies Columns<Database['corrections']>,
  notificationOutbox: {
    id: true,
    graduateId: true,
    requestId: true,
    channel: true,
    template: true,
    payload: true,
    createdAt: true,
    attempts: true,
    nextAttemptAt: true,
    sentAt: true,
    lastError: true,
  } satisfies Columns<Database['notificationOutbox']>,
  holidays: {
    id: true,
    date: true,
    nameFa: true,
    nameEn: true,
    kind: true,
    version: true,
    createdBy: true,
    updatedBy: true,
    createdAt: true,
    updatedAt: true,
  } satisfies Columns<Database['holidays']>,
  workingCalendar: {
    id: true,
    thursday: true,
    version: true,
    updatedBy: true,
    updatedAt: true,
  } satisfies Columns<Database['workingCalendar']>,
  stageTargets: {
    office: true,
    stage: true,
    targetDays: true,
    version: true,
    updatedBy: true,
    updatedAt: true,
  } satisfies Columns<Database['stageTargets']>,
} satisfies Record<keyof Database, object>;

const snake = (s: string) => s.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb(process.env.TEST_DATABASE_URL);
});
afterAll(() => t.close());

it('every table and column of the Database interface exists, and nothing else', async () => {
  const { rows } = await sql<{ tableName: string; columnName: string }>`
    SELECT table_name, column_name FROM information_schema.columns
    WHERE table_schema = 'public' AND table_name NOT LIKE 'kysely_%'`.execute(t.db);
  const actual: Record<string, string[]> = {};
  // The CamelCasePlugin hands result keys back in camelCase.
  for (const r of rows) actual[r.tableName] = [...(actual[r.tableName] ?? []), r.columnName];
  const expected = Object.fromEntries(
    Object.entries(COLUMNS).map(([table, cols]) => [snake(table), Object.keys(cols).map(snake).sort()]),
  );
  expect(Object.fromEntries(Object.entries(actual).map(([k, v]) => [k, v.sort()]))).toEqual(expected);
});
