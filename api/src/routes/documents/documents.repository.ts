import { type Database, type DocumentRow, documentOffice, type NewDocumentRow } from '@diploma-desk/db';
import { type Expression, type ExpressionBuilder, type Kysely, type SqlBool, sql, type Transaction } from 'kysely';
import type { ListParams } from '../../lib/simple-rest.ts';
import type {
  DOCUMENT_SORTABLE,
  DocumentDto,
  DocumentListFilter,
  ReviewDocumentBody,
} from '../../schemas/documents.ts';

type Executor = Kysely<Database> | Transaction<Database>;
type Where = (eb: ExpressionBuilder<Database, 'documents'>) => Expression<SqlBool>;

/** The rule fields of a Document subject (abilities.ts) and the columns that hold them. */
export const DOCUMENT_COLUMNS = { graduateId: 'documents.graduateId', kind: 'documents.kind' } as const;

/** Namespace for the advisory locks that keep a shared, content-addressed file and its rows in step. */
const FILE_LOCK_CLASS = 4_712;

export function toDocumentDto(row: DocumentRow): DocumentDto {
  return {
    id: row.id,
    requestId: row.requestId,
    graduateId: row.graduateId,
    kind: row.kind,
    sha256: row.sha256,
    sizeBytes: Number(row.sizeBytes),
    contentType: row.contentType,
    originalName: row.originalName,
    uploadedBy: row.uploadedBy,
    uploadedAt: row.uploadedAt.toISOString(),
    reviewStatus: row.reviewStatus,
    reviewNote: row.reviewNote,
    reviewedBy: row.reviewedBy,
    reviewedAt: row.reviewedAt?.toISOString() ?? null,
    inPerson: row.inPerson as DocumentDto['inPerson'],
    supersededAt: row.supersededAt?.toISOString() ?? null,
    office: documentOffice(row.kind),
  };
}

/** What the audit log keeps of a document: everything but where its bytes are stored. */
export function auditedDocument(row: DocumentRow) {
  const { storageKey: _, ...rest } = row;
  return rest;
}

export function findDocumentById(db: Executor, id: string, forUpdate = false): Promise<DocumentRow | undefined> {
  const q = db.selectFrom('documents').selectAll().where('id', '=', id);
  return (forUpdate ? q.forUpdate() : q).executeTakeFirst();
}

export async function listDocuments(
  db: Executor,
  visible: Where,
  params: ListParams<DocumentListFilter, (typeof DOCUMENT_SORTABLE)[number]>,
): Promise<{ rows: DocumentRow[]; total: number }> {
  const { filter } = params;
  let q = db.selectFrom('documents').where(visible);
  if (filter.id !== undefined) {
    const ids = Array.isArray(filter.id) ? filter.id : [filter.id];
    q = ids.length === 0 ? q.where((eb) => eb.val(false)) : q.where('id', 'in', ids);
  }
  if (filter.requestId) q = q.where('requestId', '=', filter.requestId);
  if (filter.graduateId) q = q.where('graduateId', '=', filter.graduateId);
  if (filter.kind !== undefined) {
    const kinds = Array.isArray(filter.kind) ? filter.kind : [filter.kind];
    q = kinds.length === 0 ? q.where((eb) => eb.val(false)) : q.where('kind', 'in', kinds);
  }
  if (filter.reviewStatus) q = q.where('reviewStatus', '=', filter.reviewStatus);
  // Asked for by id (react-admin's getMany), a superseded document is still returned.
  if (!filter.includeSuperseded && filter.id === undefined) q = q.where('supersededAt', 'is', null);
  const [rows, count] = await Promise.all([
    q
      .selectAll()
      .orderBy(params.sort.field, params.sort.order)
      .orderBy('uploadedAt', 'desc')
      .orderBy('id')
      .offset(params.offset)
      .limit(params.limit)
      .execute(),
    q.select((eb) => eb.fn.countAll<string>().as('total')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.total) };
}

/** Marks the current document(s) of this kind on the request as replaced; returns their ids. */
export async function supersedeCurrent(
  trx: Transaction<Database>,
  requestId: string,
  kind: DocumentRow['kind'],
  at: Date,
): Promise<string[]> {
  const rows = await trx
    .updateTable('documents')
    .set({ supersededAt: at })
    .where('requestId', '=', requestId)
    .where('kind', '=', kind)
    .where('supersededAt', 'is', null)
    .returning('id')
    .execute();
  return rows.map((r) => r.id);
}

export function insertDocument(trx: Transaction<Database>, values: NewDocumentRow): Promise<DocumentRow> {
  return trx.insertInto('documents').values(values).returningAll().executeTakeFirstOrThrow();
}

export function recordReview(
  trx: Transaction<Database>,
  id: string,
  review: { decision: ReviewDocumentBody['decision']; note: string | null; inPerson: unknown; reviewedBy: string },
): Promise<DocumentRow> {
  return trx
    .updateTable('documents')
    .set({
      reviewStatus: review.decision,
      reviewNote: review.note,
      reviewedBy: review.reviewedBy,
      reviewedAt: new Date(),
      inPerson: review.inPerson === null ? null : JSON.stringify(review.inPerson),
    })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/**
 * Identical bytes are stored once, so several rows may share a storage key. Whoever inserts a row for a
 * key, and whoever removes an unused file, first takes this lock: a file is never removed under a new row.
 */
export async function lockStorageKey(trx: Transaction<Database>, key: string): Promise<void> {
  await sql`SELECT pg_advisory_xact_lock(${FILE_LOCK_CLASS}::int, hashtext(${key}))`.execute(trx);
}

export async function storageKeyInUse(db: Executor, key: string): Promise<boolean> {
  const row = await db.selectFrom('documents').select('id').where('storageKey', '=', key).limit(1).executeTakeFirst();
  if (row !== undefined) return true;
  // Graduate imports keep their uploaded CSV files in the same storage.
  const kept = await db
    .selectFrom('graduateImports')
    .select('id')
    .where('storageKey', '=', key)
    .limit(1)
    .executeTakeFirst();
  return kept !== undefined;
}
