import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import { type Kysely, sql, type Transaction } from 'kysely';
import type { Database } from './database.ts';
import type { AuditEventRow, Json } from './tables/audit-events.table.ts';

export const GENESIS_HASH = '0'.repeat(64);
/** One application-wide key for pg_advisory_xact_lock: appends are serialised so the chain never forks. */
const AUDIT_CHAIN_LOCK = 4_711_2026;

export interface AuditInput {
  actorId: string | null;
  role: string | null;
  action: string;
  subjectType: string;
  subjectId: string | null;
  requestId?: string | null;
  before?: unknown;
  after?: unknown;
  ip?: string | null;
  userAgent?: string | null;
  at?: Date;
}

/** Dates become ISO strings and undefined disappears, exactly as jsonb will give them back. */
function toJson(value: unknown): Json | null {
  if (value === undefined || value === null) return null;
  return JSON.parse(JSON.stringify(value)) as Json;
}

export interface HashedContent {
  id: string;
  at: Date;
  actorId: string | null;
  role: string | null;
  action: string;
  subjectType: string;
  subjectId: string | null;
  requestId: string | null;
  before: Json | null;
  after: Json | null;
  ip: string | null;
  userAgent: string | null;
  prevHash: string;
}

/** SHA-256 over the RFC 8785 canonical JSON of the event: stable across key order and code changes. */
export function hashEvent(e: HashedContent): string {
  const canonical = canonicalize({
    id: e.id,
    at: e.at.toISOString(),
    actorId: e.actorId,
    role: e.role,
    action: e.action,
    subjectType: e.subjectType,
    subjectId: e.subjectId,
    requestId: e.requestId,
    before: e.before,
    after: e.after,
    ip: e.ip,
    userAgent: e.userAgent,
    prevHash: e.prevHash,
  });
  if (canonical === undefined) throw new Error('audit event cannot be canonicalised');
  return createHash('sha256').update(canonical, 'utf8').digest('hex');
}

/** The next event in the chain as a row to insert: its content, hashed onto `prevHash`. */
function chainedRow(input: AuditInput, id: bigint, prevHash: string, defaultAt: Date) {
  const content: HashedContent = {
    id: String(id),
    at: input.at ?? defaultAt,
    actorId: input.actorId,
    role: input.role,
    action: input.action,
    subjectType: input.subjectType,
    subjectId: input.subjectId,
    requestId: input.requestId ?? null,
    before: toJson(input.before),
    after: toJson(input.after),
    ip: input.ip ?? null,
    userAgent: input.userAgent ?? null,
    prevHash,
  };
  const hash = hashEvent(content);
  return {
    ...content,
    before: content.before === null ? null : JSON.stringify(content.before),
    after: content.after === null ? null : JSON.stringify(content.after),
    hash,
  };
}

/**
 * Appends one event to the hash chain. Must run inside the transaction of the change it records,
 * so a rolled-back change leaves no event.
 */
export async function appendAuditEvent(trx: Transaction<Database>, input: AuditInput): Promise<AuditEventRow> {
  await sql`SELECT pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK})`.execute(trx);
  const head = await trx
    .selectFrom('auditEvents')
    .select(['id', 'hash'])
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  const row = chainedRow(input, head ? BigInt(head.id) + 1n : 1n, head?.hash ?? GENESIS_HASH, new Date());
  return trx.insertInto('auditEvents').values(row).returningAll().executeTakeFirstOrThrow();
}

/**
 * Appends many events at once, in the given order, under one chain lock: the same chain appendAuditEvent
 * would build one by one, hashed in memory and written with multi-row inserts. For bulk writers (the data
 * generator, the demo seed) that would otherwise pay a lock and a head lookup per event.
 */
export async function appendAuditEvents(
  trx: Transaction<Database>,
  inputs: readonly AuditInput[],
  batchSize = 1_000,
): Promise<number> {
  if (inputs.length === 0) return 0;
  await sql`SELECT pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK})`.execute(trx);
  const head = await trx
    .selectFrom('auditEvents')
    .select(['id', 'hash'])
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  let nextId = head ? BigInt(head.id) + 1n : 1n;
  let prevHash = head?.hash ?? GENESIS_HASH;
  const now = new Date();
  for (let i = 0; i < inputs.length; i += batchSize) {
    const rows = inputs.slice(i, i + batchSize).map((input) => {
      const row = chainedRow(input, nextId, prevHash, now);
      nextId += 1n;
      prevHash = row.hash;
      return row;
    });
    await trx.insertInto('auditEvents').values(rows).execute();
  }
  return inputs.length;
}

export interface ChainVerification {
  ok: boolean;
  checked: number;
  firstBrokenId?: string;
}

/**
 * Walks the whole chain in id order, in pages, recomputing every hash and link. Ids are contiguous from 1
 * (each append takes the head's id + 1 under the lock), so a deleted event is reported by its own id.
 */
export async function verifyAuditChain(db: Kysely<Database>, pageSize = 5_000): Promise<ChainVerification> {
  let prevHash = GENESIS_HASH;
  let expectedId = 1n;
  let checked = 0;
  for (;;) {
    const rows = await db
      .selectFrom('auditEvents')
      .selectAll()
      .where('id', '>', String(expectedId - 1n))
      .orderBy('id', 'asc')
      .limit(pageSize)
      .execute();
    for (const row of rows) {
      checked += 1;
      if (BigInt(row.id) !== expectedId) return { ok: false, checked, firstBrokenId: String(expectedId) };
      if (row.prevHash !== prevHash || row.hash !== hashEvent({ ...row, prevHash })) {
        return { ok: false, checked, firstBrokenId: row.id };
      }
      prevHash = row.hash;
      expectedId += 1n;
    }
    if (rows.length < pageSize) return { ok: true, checked };
  }
}
