import { type Kysely, type Migration, type MigrationResultSet, Migrator } from 'kysely';
import { type MigrationOptions, migrations } from './migrations/index.ts';

export type { MigrationOptions } from './migrations/index.ts';

function migrator(db: Kysely<any>, options: MigrationOptions): Migrator {
  const bound: Record<string, Migration> = Object.fromEntries(
    Object.entries(migrations).map(([name, m]) => {
      const { down } = m;
      return [name, { up: (d) => m.up(d, options), ...(down ? { down: (d) => down(d, options) } : {}) }];
    }),
  );
  return new Migrator({
    db,
    provider: { getMigrations: async () => bound },
    migrationTableName: 'kysely_migration',
    migrationLockTableName: 'kysely_migration_lock',
  });
}

function unwrap(result: MigrationResultSet): string[] {
  if (result.error) {
    const failed = result.results?.find((r) => r.status === 'Error');
    throw new Error(`migration ${failed?.migrationName ?? '?'} failed: ${String(result.error)}`, {
      cause: result.error,
    });
  }
  return (result.results ?? []).map((r) => `${r.direction} ${r.migrationName}`);
}

export async function migrateToLatest(db: Kysely<any>, options: MigrationOptions = {}): Promise<string[]> {
  return unwrap(await migrator(db, options).migrateToLatest());
}

/** Migrates up or down until `name` is the last migration run (down: every later one, newest first). */
export async function migrateTo(db: Kysely<any>, name: string, options: MigrationOptions = {}): Promise<string[]> {
  if (!(name in migrations)) throw new Error(`no migration named ${name}`);
  return unwrap(await migrator(db, options).migrateTo(name));
}

export async function migrateDown(db: Kysely<any>, options: MigrationOptions = {}): Promise<string[]> {
  return unwrap(await migrator(db, options).migrateDown());
}
