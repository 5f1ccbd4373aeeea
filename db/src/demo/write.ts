import { type ColumnType, sql, type Transaction } from 'kysely';
import { type AuditInput, appendAuditEvents } from '../audit.ts';
import type { Database } from '../database.ts';
import type { GraduatesTable } from '../tables/graduates.table.ts';
import type { DiplomaRequestsTable } from '../tables/requests.table.ts';
import { type DemoPlan, type PlannedDocument, personalDetailsSnapshot } from './plan.ts';
import type { SampleKey, StoredSample } from './samples.ts';

/** The app never sets created_at; demo records need their past one. */
type WithCreatedAt<T> = Omit<T, 'createdAt'> & { createdAt: ColumnType<Date, Date, never> };
interface SeedTables extends Omit<Database, 'graduates' | 'diplomaRequests'> {
  graduates: WithCreatedAt<GraduatesTable>;
  diplomaRequests: WithCreatedAt<DiplomaRequestsTable>;
}

/** Rows per multi-row INSERT: well under PostgreSQL's 65,535 parameters for the widest table. */
const BATCH = 1_000;

async function inBatches<T>(rows: readonly T[], insert: (batch: T[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < rows.length; i += BATCH) await insert(rows.slice(i, i + BATCH));
}

/** Which stored file a planned document's row points at. */
export type FileForDocument = (document: PlannedDocument) => StoredSample;

export interface WriteDemoPlanOptions {
  /** The audit events' `after` gets these extra fields (the demo seed marks `demo: true`). */
  mark?: Record<string, unknown>;
  /** Whether to close with a `demo.seed.summary` event (default true). */
  summary?: boolean;
}

const json = (value: unknown) => (value === null || value === undefined ? null : JSON.stringify(value));

function countBy<T>(rows: readonly T[], key: (row: T) => string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const row of rows) counts.set(key(row), (counts.get(key(row)) ?? 0) + 1);
  return counts;
}

/**
 * Writes a demo plan inside the caller's transaction, with batched inserts. The audit log gets one
 * `demo.seed` event per graduate, request (naming it as requestId, with a summary of its parts) and
 * correction, a `user.create` per account, and a closing `demo.seed.summary` with the counts: all by the
 * system (actor null), so nobody mistakes seeded history for work done by staff.
 */
export async function writeDemoPlan(
  trx: Transaction<Database>,
  plan: DemoPlan,
  files: Record<SampleKey, StoredSample> | FileForDocument,
  passwordHash: string,
  { mark = { demo: true }, summary = true }: WriteDemoPlanOptions = {},
): Promise<number> {
  const seed = trx as unknown as Transaction<SeedTables>;
  const system = { actorId: null, role: 'system' } as const;
  const fileFor: FileForDocument = typeof files === 'function' ? files : (d) => files[d.sample];
  // Every event is hashed into the chain in memory and written in batches at the end, in this order.
  const events: AuditInput[] = [];

  await inBatches(plan.graduates, (batch) => seed.insertInto('graduates').values(batch).execute());
  for (const g of plan.graduates) {
    events.push({
      ...system,
      action: 'demo.seed',
      subjectType: 'graduate',
      subjectId: g.id,
      after: { ...personalDetailsSnapshot(g), scholarship: g.scholarship, ...mark },
    });
  }

  await inBatches(plan.accounts, (batch) =>
    trx
      .insertInto('users')
      .values(batch.map((a) => ({ ...a, role: 'graduate' as const, passwordHash })))
      .execute(),
  );
  for (const a of plan.accounts) {
    events.push({
      ...system,
      action: 'user.create',
      subjectType: 'user',
      subjectId: a.id,
      after: { ...a, role: 'graduate', active: true, version: 1, ...mark },
    });
  }

  await inBatches(plan.requests, (batch) =>
    seed
      .insertInto('diplomaRequests')
      .values(
        batch.map((r) => ({
          ...r,
          confirmedDetails: json(r.confirmedDetails),
          diplomaDetails: json(r.diplomaDetails),
        })),
      )
      .execute(),
  );
  // The API numbers diplomas from diploma_number_seq: it must go on after the highest seeded serial, or the
  // first diploma printed after the seed's would be refused as a duplicate number.
  const serials = plan.requests.map((r) => Number(r.diplomaNumber?.split('-')[1] ?? 0));
  const highest = Math.max(0, ...serials);
  if (highest > 0) {
    await sql`SELECT setval('diploma_number_seq', GREATEST(${highest}, (SELECT last_value FROM diploma_number_seq)))`.execute(
      trx,
    );
  }
  await inBatches(plan.stageHistory, (batch) => trx.insertInto('requestStageHistory').values(batch).execute());
  await inBatches(plan.cancellationCases, (batch) => trx.insertInto('cancellationCases').values(batch).execute());
  await inBatches(plan.welfareRecords, (batch) => trx.insertInto('welfareRecords').values(batch).execute());
  await inBatches(plan.tickEvents, (batch) => trx.insertInto('tickEvents').values(batch).execute());
  await inBatches(plan.documents, (batch) =>
    trx
      .insertInto('documents')
      .values(
        batch.map((planned) => {
          const { sample: _sample, inPerson, ...d } = planned;
          const file = fileFor(planned);
          return {
            ...d,
            storageKey: file.storageKey,
            sha256: file.sha256,
            sizeBytes: file.sizeBytes,
            contentType: file.contentType,
            inPerson: json(inPerson),
          };
        }),
      )
      .execute(),
  );
  await inBatches(plan.nextActions, (batch) => trx.insertInto('nextActions').values(batch).execute());
  await inBatches(plan.corrections, (batch) =>
    trx
      .insertInto('corrections')
      .values(batch.map((c) => ({ ...c, changes: JSON.stringify(c.changes) })))
      .execute(),
  );

  const documents = countBy(plan.documents, (d) => d.requestId);
  const history = countBy(plan.stageHistory, (h) => h.requestId);
  const ticks = countBy(plan.tickEvents, (t) => t.requestId);
  const openActions = countBy(
    plan.nextActions.filter((a) => a.resolvedAt === null),
    (a) => a.requestId,
  );
  const routes = new Map(plan.cancellationCases.map((c) => [c.requestId, c.route]));
  for (const r of plan.requests) {
    events.push({
      ...system,
      action: 'demo.seed',
      subjectType: 'request',
      subjectId: r.id,
      requestId: r.id,
      after: {
        graduateId: r.graduateId,
        stage: r.stage,
        stageEnteredAt: r.stageEnteredAt,
        cancellationTick: r.cancellationTick,
        welfareTick: r.welfareTick,
        route: routes.get(r.id) ?? null,
        diplomaNumber: r.diplomaNumber,
        documents: documents.get(r.id) ?? 0,
        stageChanges: history.get(r.id) ?? 0,
        tickEvents: ticks.get(r.id) ?? 0,
        openNextActions: openActions.get(r.id) ?? 0,
        ...mark,
      },
    });
  }
  for (const c of plan.corrections) {
    events.push({
      ...system,
      action: 'demo.seed',
      subjectType: 'correction',
      subjectId: c.id,
      after: { graduateId: c.graduateId, changes: c.changes, status: c.status, ...mark },
    });
  }
  if (summary) {
    events.push({
      ...system,
      action: 'demo.seed.summary',
      subjectType: 'system',
      subjectId: null,
      after: {
        graduates: plan.graduates.length,
        graduateAccounts: plan.accounts.length,
        requests: plan.requests.length,
        stageHistory: plan.stageHistory.length,
        cancellationCases: plan.cancellationCases.length,
        welfareRecords: plan.welfareRecords.length,
        tickEvents: plan.tickEvents.length,
        documents: plan.documents.length,
        sampleFiles: new Set(plan.documents.map((d) => fileFor(d).storageKey)).size,
        nextActions: plan.nextActions.length,
        corrections: plan.corrections.length,
      },
    });
  }
  return appendAuditEvents(trx, events);
}
