import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendAuditEvent, appendAuditEvents, GENESIS_HASH, verifyAuditChain } from '../src/audit.ts';
import { createTestDb, type TestDb } from '../src/testing.ts';

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb(process.env.TEST_DATABASE_URL);
});
afterAll(() => t.close());

const event = (n: number) => ({
  actorId: null,
  role: 'system',
  action: 'test.event',
  subjectType: 'test',
  subjectId: String(n),
  before: { n, nested: { b: 2, a: 1 } },
  after: { n: n + 1, at: new Date('2026-11-28T10:00:00Z') },
});

describe('audit hash chain', () => {
  it('links each event to the previous one and verifies', async () => {
    const first = await t.db.transaction().execute((trx) => appendAuditEvent(trx, event(1)));
    const second = await t.db.transaction().execute((trx) => appendAuditEvent(trx, event(2)));
    expect(first.prevHash).toBe(GENESIS_HASH);
    expect(second.prevHash).toBe(first.hash);
    expect(Number(second.id)).toBe(Number(first.id) + 1);
    expect(await verifyAuditChain(t.db)).toEqual({ ok: true, checked: 2 });
  });

  it('leaves no event when the change rolls back', async () => {
    const before = await verifyAuditChain(t.db);
    await expect(
      t.db.transaction().execute(async (trx) => {
        await appendAuditEvent(trx, event(99));
        throw new Error('change failed');
      }),
    ).rejects.toThrow('change failed');
    expect(await verifyAuditChain(t.db)).toEqual(before);
  });

  it('never forks under concurrent appends', async () => {
    await Promise.all(
      Array.from({ length: 30 }, (_, i) => t.db.transaction().execute((trx) => appendAuditEvent(trx, event(100 + i)))),
    );
    const result = await verifyAuditChain(t.db, 7);
    expect(result.ok).toBe(true);
    expect(result.checked).toBe(32);
  });

  it('appends a batch as the same chain, interleaving safely with single appends', async () => {
    const at = new Date('2026-11-28T11:00:00Z');
    const batch = Array.from({ length: 25 }, (_, i) => ({ ...event(200 + i), at }));
    await Promise.all([
      t.db.transaction().execute((trx) => appendAuditEvents(trx, batch, 7)),
      t.db.transaction().execute((trx) => appendAuditEvent(trx, event(300))),
      t.db.transaction().execute((trx) => appendAuditEvents(trx, batch.slice(0, 3))),
    ]);
    const result = await verifyAuditChain(t.db, 11);
    expect(result).toEqual({ ok: true, checked: 32 + 25 + 1 + 3 });
    const rows = await t.db
      .selectFrom('auditEvents')
      .selectAll()
      .where('action', '=', 'test.event')
      .orderBy('id')
      .execute();
    const batched = rows.filter((r) => Number(r.subjectId) >= 200 && Number(r.subjectId) < 300);
    expect(batched).toHaveLength(28);
    // The batch is written in its own order, contiguously.
    const big = batched.filter((r) => r.at.getTime() === at.getTime());
    expect(big.map((r) => r.subjectId).slice(0, 3)).toEqual(['200', '201', '202']);
    expect(await t.db.transaction().execute((trx) => appendAuditEvents(trx, []))).toBe(0);
  });

  it('reports the first event whose content was changed', async () => {
    // Only the owner or a superuser can switch off the append-only triggers.
    await sql`ALTER TABLE audit_events DISABLE TRIGGER USER`.execute(t.db);
    await sql`UPDATE audit_events SET after = '{"n": 1000}' WHERE id = 5`.execute(t.db);
    await sql`ALTER TABLE audit_events ENABLE TRIGGER USER`.execute(t.db);
    expect(await verifyAuditChain(t.db)).toEqual({ ok: false, checked: 5, firstBrokenId: '5' });
  });
});
