import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { createPgConfig } from '@electric-sql/pglite/node-postgres';
import { CamelCasePlugin, Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { Database } from './database.ts';

// bigint (int8) ids and counts arrive as strings: exact, and JSON-safe.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => v);
// Calendar dates stay ISO strings: a Date would shift them by the server's time zone.
pg.types.setTypeParser(pg.types.builtins.DATE, (v) => v);

export interface DbConfig {
  /** A real PostgreSQL server; when absent the embedded PGlite database under dataDir is used. */
  databaseUrl?: string | undefined;
  dataDir: string;
  /** Keep the embedded database in memory only (tests). */
  inMemory?: boolean;
  poolSize?: number;
  /** Sent to PostgreSQL as application_name. */
  applicationName?: string;
}

export interface DbHandle {
  db: Kysely<Database>;
  kind: 'postgres' | 'pglite';
  close(): Promise<void>;
}

export function pgliteDataPath(dataDir: string): string {
  return path.join(dataDir, 'pgdata');
}

export async function openPglite(config: Pick<DbConfig, 'dataDir' | 'inMemory'>): Promise<PGlite> {
  const extensions = { pg_trgm };
  if (config.inMemory) return PGlite.create({ extensions });
  // PGlite does not create parent folders itself.
  await mkdir(config.dataDir, { recursive: true });
  return PGlite.create(pgliteDataPath(config.dataDir), { extensions });
}

export async function createDb(config: DbConfig): Promise<DbHandle> {
  const plugins = [new CamelCasePlugin()];
  if (config.databaseUrl) {
    const pool = new pg.Pool({
      connectionString: config.databaseUrl,
      max: config.poolSize ?? 10,
      application_name: config.applicationName ?? 'diploma-desk',
      connectionTimeoutMillis: 5_000,
    });
    // An idle client losing its server (restart, failover) must not crash the process: the pool drops it.
    pool.on('error', () => {});
    // Nor may a checked-out one. When the server goes away, pg fails the client's query (which the caller
    // sees and answers 503) and also emits 'error' on the client, even between the queries of a transaction;
    // pg-pool listens for that only while the client is idle, and an unheard 'error' kills the process.
    // The broken client is not reused: the pool discards a client that is no longer queryable on release.
    pool.on('connect', (client) => {
      client.on('error', () => {});
    });
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }), plugins });
    return { db, kind: 'postgres', close: () => db.destroy() };
  }
  const pglite = await openPglite(config);
  // PGlite is one session: a pool of exactly one connection serialises transactions correctly.
  const pool = new pg.Pool({ ...createPgConfig(pglite), max: 1 });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }), plugins });
  return {
    db,
    kind: 'pglite',
    close: async () => {
      await db.destroy();
      await pglite.close();
    },
  };
}
