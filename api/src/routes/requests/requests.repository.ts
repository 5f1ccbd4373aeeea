import type { Database, DiplomaRequestRow, DocumentKind, GraduateRow } from '@diploma-desk/db';
import type { Kysely, Transaction } from 'kysely';
import type { DocumentFact, RequestFacts } from '../../workflow/workflow.ts';

type Executor = Kysely<Database> | Transaction<Database>;

export function findRequestById(db: Executor, id: string): Promise<DiplomaRequestRow | undefined> {
  return db.selectFrom('diplomaRequests').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Locks the request row for the rest of the transaction: actions, ticks and reviews on it queue up. */
export function lockRequest(trx: Transaction<Database>, id: string): Promise<DiplomaRequestRow | undefined> {
  return trx.selectFrom('diplomaRequests').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

/** Every write to a request or its parts raises the request's version. */
export async function bumpRequestVersion(trx: Transaction<Database>, id: string): Promise<number> {
  const row = await trx
    .updateTable('diplomaRequests')
    .set((eb) => ({ version: eb('version', '+', 1), updatedAt: new Date() }))
    .where('id', '=', id)
    .returning('version')
    .executeTakeFirstOrThrow();
  return row.version;
}

export function findGraduateById(db: Executor, id: string): Promise<GraduateRow | undefined> {
  return db.selectFrom('graduates').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The current document of each kind: the newest upload that was not superseded. */
export async function currentDocuments(db: Executor, requestId: string) {
  return db
    .selectFrom('documents')
    .selectAll()
    .where('requestId', '=', requestId)
    .where('supersededAt', 'is', null)
    .orderBy('uploadedAt', 'desc')
    .execute();
}

/** Everything the workflow module needs to decide about one request. */
export async function loadFacts(db: Executor, request: DiplomaRequestRow): Promise<RequestFacts> {
  const [graduate, cancellation, welfare, docs, corrections] = await Promise.all([
    db.selectFrom('graduates').select(['gender']).where('id', '=', request.graduateId).executeTakeFirstOrThrow(),
    db.selectFrom('cancellationCases').selectAll().where('requestId', '=', request.id).executeTakeFirst(),
    db.selectFrom('welfareRecords').selectAll().where('requestId', '=', request.id).executeTakeFirst(),
    currentDocuments(db, request.id),
    db
      .selectFrom('corrections')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('graduateId', '=', request.graduateId)
      .where('status', '=', 'pending')
      .executeTakeFirstOrThrow(),
  ]);
  const documents: Partial<Record<DocumentKind, DocumentFact>> = {};
  for (const d of docs) {
    documents[d.kind] ??= {
      status: d.reviewStatus,
      inPerson: d.inPerson as DocumentFact['inPerson'],
    };
  }
  return {
    stage: request.stage,
    gender: graduate.gender,
    provisionalCertificateIssued: request.provisionalCertificateIssued,
    detailsConfirmed: request.detailsConfirmedAt !== null,
    pendingCorrections: Number(corrections.n),
    cancellationTick: request.cancellationTick,
    welfareTick: request.welfareTick,
    welfare: { hasDebt: welfare?.hasDebt ?? null, settled: welfare?.settled ?? false },
    cancellation: {
      route: cancellation?.route ?? null,
      amountOwed: BigInt(cancellation?.amountOwed ?? 0),
      amountPaid: BigInt(cancellation?.amountPaid ?? 0),
      paymentRef: cancellation?.paymentRef ?? null,
    },
    documents,
  };
}
