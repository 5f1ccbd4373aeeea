import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../src/testing.ts';

// Needs a real server: the PGlite pool never loses its connection. Skipped on PGlite.
describe.skipIf(!process.env.TEST_DATABASE_URL)('the PostgreSQL pool when the server drops a connection', () => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb(process.env.TEST_DATABASE_URL);
  });
  afterAll(() => t.close());

  it('a connection terminated mid-transaction fails that transaction, not the process, and the pool goes on', async () => {
    const admin = new pg.Client({ connectionString: t.databaseUrl });
    await admin.connect();
    const uncaught: unknown[] = [];
    const onUncaught = (error: unknown) => uncaught.push(error);
    process.on('uncaughtException', onUncaught);
    try {
      const outcome = await t.db
        .transaction()
        .execute(async (trx) => {
          const { rows } = await sql<{ pid: number }>`SELECT pg_backend_pid() AS pid`.execute(trx);
          // The server ends this session while the transaction is between two queries (as on a restart):
          // pg emits 'error' on the checked-out client, which nobody but the pool's own listener hears.
          await admin.query('SELECT pg_terminate_backend($1)', [rows[0]!.pid]);
          await new Promise((r) => setTimeout(r, 300));
          await sql`SELECT 1`.execute(trx);
          return 'committed';
        })
        .catch((error: Error) => error.message);
      expect(outcome).not.toBe('committed');
      await new Promise((r) => setImmediate(r));
      expect(uncaught).toEqual([]);
      // The broken connection was dropped; new work gets a fresh one.
      const { rows } = await sql<{ one: number }>`SELECT 1 AS one`.execute(t.db);
      expect(rows[0]!.one).toBe(1);
    } finally {
      process.off('uncaughtException', onUncaught);
      await admin.end();
    }
  });
});
