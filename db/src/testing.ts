import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { createDb, type DbHandle } from './create-db.ts';
import { migrateToLatest } from './migrate.ts';

export interface TestDb extends DbHandle {
  databaseUrl?: string;
}

/**
 * A fresh, migrated database for one test file: a new database on the real server when serverUrl is
 * given (so files run in parallel without sharing state), an in-memory PGlite otherwise.
 */
export async function createTestDb(serverUrl: string | undefined): Promise<TestDb> {
  if (!serverUrl) {
    const handle = await createDb({ dataDir: '', inMemory: true });
    await migrateToLatest(handle.db);
    return handle;
  }
  const name = `dd_test_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const databaseUrl = url.toString();
  const handle = await createDb({ databaseUrl, dataDir: '', poolSize: 20 });
  await migrateToLatest(handle.db);
  return {
    ...handle,
    databaseUrl,
    close: async () => {
      await handle.close();
      const cleanup = new pg.Client({ connectionString: serverUrl });
      await cleanup.connect();
      await cleanup.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await cleanup.end();
    },
  };
}
