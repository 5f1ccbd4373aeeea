import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { migrateDown, migrateToLatest } from '../src/migrate.ts';
import { createTestDb, type TestDb } from '../src/testing.ts';

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb(process.env.TEST_DATABASE_URL);
});
afterAll(() => t.close());

const tables = async () =>
  (
    await sql<{ tablename: string }>`SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1`.execute(
      t.db,
    )
  ).rows.map((r) => r.tablename);

it('migrates down to nothing and up again', async () => {
  expect(await tables()).toEqual(expect.arrayContaining(['audit_events', 'sessions', 'users']));
  let steps: string[];
  do {
    steps = await migrateDown(t.db);
  } while (steps.length > 0);
  expect(await tables()).toEqual(['kysely_migration', 'kysely_migration_lock']);
  await migrateToLatest(t.db);
  expect(await tables()).toEqual(expect.arrayContaining(['audit_events', 'sessions', 'users']));
});

it('enables pg_trgm', async () => {
  const { rows } = await sql<{ s: number }>`SELECT similarity('دانشنامه', 'دانشنامه') AS s`.execute(t.db);
  expect(Number(rows[0]?.s)).toBe(1);
});
