import { GENESIS_HASH, hashEvent, type Json } from '@diploma-desk/db';
import type pg from 'pg';
import type { CapturedCall, Statement } from './capture.ts';

/**
 * Replays captured API statements through a bare `pg` pool. Values that identify the captured call's
 * request and graduate are swapped for the ones this call is about (`substitute`); the audit append, whose
 * id and hashes depend on the chain's head at that moment, is completed the way `appendAuditEvent` does it
 * (next id, previous hash, SHA-256 over the canonical event), so that every replayed tick really appends.
 */

const AUDIT_INSERT = /^insert into "audit_events" \(([^)]*)\) values \(([^)]*)\)/i;
const AUDIT_HEAD = /from "audit_events" order by "id" desc limit/i;
const TRANSACTION_CONTROL = /^(begin|commit|rollback|start transaction)\b/i;

interface AuditColumns {
  [column: string]: number;
}

const auditColumnsCache = new Map<string, AuditColumns | null>();

/** Column name → parameter index of a captured `insert into "audit_events"`, or null for other statements. */
function auditColumns(text: string): AuditColumns | null {
  const cached = auditColumnsCache.get(text);
  if (cached !== undefined) return cached;
  const match = AUDIT_INSERT.exec(text);
  let columns: AuditColumns | null = null;
  if (match) {
    const names = match[1]!.split(',').map((c) => c.trim().replace(/^"|"$/g, ''));
    const slots = match[2]!.split(',').map((v) => Number(/^\s*\$(\d+)\s*$/.exec(v)?.[1] ?? Number.NaN) - 1);
    if (names.length === slots.length && slots.every((s) => Number.isInteger(s) && s >= 0)) {
      columns = Object.fromEntries(names.map((n, i) => [n, slots[i]!]));
    }
  }
  auditColumnsCache.set(text, columns);
  return columns;
}

interface ReplayState {
  head: { id: string; hash: string } | undefined;
}

const parseJson = (v: unknown): Json | null => (v === null || v === undefined ? null : (JSON.parse(String(v)) as Json));

function completeAuditInsert(values: unknown[], cols: AuditColumns, state: ReplayState): unknown[] {
  const out = [...values];
  const get = (c: string) => (cols[c] === undefined ? null : out[cols[c]!]);
  const set = (c: string, v: unknown) => {
    if (cols[c] !== undefined) out[cols[c]!] = v;
  };
  const id = String(state.head ? BigInt(state.head.id) + 1n : 1n);
  const at = new Date();
  const prevHash = state.head?.hash ?? GENESIS_HASH;
  set('id', id);
  set('at', at);
  set('prev_hash', prevHash);
  set(
    'hash',
    hashEvent({
      id,
      at,
      actorId: get('actor_id') as string | null,
      role: get('role') as string | null,
      action: String(get('action')),
      subjectType: String(get('subject_type')),
      subjectId: get('subject_id') as string | null,
      requestId: get('request_id') as string | null,
      before: parseJson(get('before')),
      after: parseJson(get('after')),
      ip: get('ip') as string | null,
      userAgent: get('user_agent') as string | null,
      prevHash,
    }),
  );
  return out;
}

/** The values to send for one statement of this call. */
function valuesFor(st: Statement, substitute: ReadonlyMap<string, string>, state: ReplayState): unknown[] {
  const values = st.values.map((v) => (typeof v === 'string' ? (substitute.get(v) ?? v) : v));
  const cols = auditColumns(st.text);
  return cols ? completeAuditInsert(values, cols, state) : values;
}

function observe(st: Statement, result: pg.QueryResult, state: ReplayState) {
  if (AUDIT_HEAD.test(st.text)) state.head = result.rows[0] as ReplayState['head'];
}

async function runLease(
  pool: pg.Pool,
  statements: Statement[],
  substitute: ReadonlyMap<string, string>,
  state: ReplayState,
) {
  const client = await pool.connect();
  let inTransaction = false;
  let broken = false;
  try {
    for (const st of statements) {
      if (/^(begin|start transaction)\b/i.test(st.text)) inTransaction = true;
      const result = await client.query(st.text, valuesFor(st, substitute, state));
      observe(st, result, state);
      if (/^(commit|rollback)\b/i.test(st.text)) inTransaction = false;
    }
  } catch (error) {
    if (inTransaction) await client.query('ROLLBACK').catch(() => (broken = true));
    throw error;
  } finally {
    client.release(broken);
  }
}

/** Replays one captured call: each lease on its own checkout, once the leases it followed have ended. */
export async function replayCall(
  pool: pg.Pool,
  call: CapturedCall,
  substitute: ReadonlyMap<string, string> = new Map(),
): Promise<void> {
  const state: ReplayState = { head: undefined };
  const done: Promise<void>[] = [];
  call.leases.forEach((lease, i) => {
    done[i] = Promise.all(lease.after.map((j) => done[j])).then(() =>
      runLease(pool, lease.statements, substitute, state),
    );
  });
  await Promise.all(done);
}

export interface ExplainedStatement {
  /** 1-based position in the call, in the order the API ran them. */
  n: number;
  text: string;
  values: unknown[];
  /** The position of the first identical statement (same text and values), when this one repeats it. */
  repeats?: number;
  plan: string;
}

/**
 * EXPLAIN (ANALYZE, BUFFERS) of every statement of a call, in order, inside one transaction that is rolled
 * back: each statement is explained under a savepoint (undone), then run for real so that the next sees
 * the state it saw in the API (a locked row, the audit head).
 */
export async function explainCall(
  pool: pg.Pool,
  call: CapturedCall,
  substitute: ReadonlyMap<string, string> = new Map(),
): Promise<ExplainedStatement[]> {
  const client = await pool.connect();
  const state: ReplayState = { head: undefined };
  const out: ExplainedStatement[] = [];
  const seen = new Map<string, number>();
  try {
    await client.query('BEGIN');
    let n = 0;
    for (const st of call.leases.flatMap((l) => l.statements)) {
      if (TRANSACTION_CONTROL.test(st.text)) continue;
      n += 1;
      const values = valuesFor(st, substitute, state);
      await client.query('SAVEPOINT bench_explain');
      const { rows } = await client.query<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE, BUFFERS) ${st.text}`, values);
      await client.query('ROLLBACK TO SAVEPOINT bench_explain');
      observe(st, await client.query(st.text, values), state);
      const key = JSON.stringify([st.text, st.values]);
      out.push({
        n,
        text: st.text,
        values: st.values,
        ...(seen.has(key) ? { repeats: seen.get(key)! } : {}),
        plan: rows.map((r) => r['QUERY PLAN']).join('\n'),
      });
      if (!seen.has(key)) seen.set(key, n);
    }
  } finally {
    await client.query('ROLLBACK').catch(() => {});
    client.release();
  }
  return out;
}
