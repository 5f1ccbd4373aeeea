import { type Kysely, sql } from 'kysely';

/**
 * Graduate imports from the educational portal's CSV export (issue 7, part 6): the uploaded file (kept in file
 * storage, named here by its content hash), and the dry run's report, one row per line of the file. A commit
 * creates the `new` rows' graduates batch by batch; a row is done once `imported_at` is set, in the same
 * transaction as its graduate, so a commit cut off by a crash resumes with exactly the rows still to do.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('graduate_imports')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('storage_key', 'text', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull().check(sql`sha256 ~ '^[0-9a-f]{64}$'`))
    .addColumn('size_bytes', 'bigint', (c) => c.notNull())
    .addColumn('delimiter', 'text', (c) => c.notNull().check(sql`delimiter IN (',', ';')`))
    .addColumn('columns', 'jsonb', (c) => c.notNull())
    .addColumn('status', 'text', (c) =>
      c.notNull().defaultTo('ready').check(sql`status IN ('ready', 'committing', 'committed')`),
    )
    .addColumn('rows_total', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('rows_new', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('rows_unchanged', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('rows_conflict', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('rows_invalid', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('rows_warned', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('rows_imported', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_by', 'uuid', (c) => c.references('users.id'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('commit_started_at', 'timestamptz')
    .addColumn('committed_by', 'uuid', (c) => c.references('users.id'))
    .addColumn('committed_at', 'timestamptz')
    .execute();
  await db.schema
    .createIndex('graduate_imports_created_idx')
    .on('graduate_imports')
    .columns(['created_at', 'id'])
    .execute();
  // The start-up sweep asks whether a stored file is still referred to.
  await db.schema
    .createIndex('graduate_imports_storage_key_idx')
    .on('graduate_imports')
    .column('storage_key')
    .execute();

  await db.schema
    .createTable('graduate_import_rows')
    .addColumn('import_id', 'uuid', (c) => c.notNull().references('graduate_imports.id').onDelete('cascade'))
    .addColumn('line', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status IN ('new', 'unchanged', 'conflict', 'invalid')`))
    .addColumn('fields', 'jsonb', (c) => c.notNull())
    .addColumn('issues', 'jsonb', (c) => c.notNull())
    .addColumn('warned', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('graduate_id', 'uuid', (c) => c.references('graduates.id'))
    .addColumn('imported_at', 'timestamptz')
    .addPrimaryKeyConstraint('graduate_import_rows_pkey', ['import_id', 'line'])
    .execute();
  await db.schema
    .createIndex('graduate_import_rows_status_idx')
    .on('graduate_import_rows')
    .columns(['import_id', 'status', 'line'])
    .execute();
  await db.schema
    .createIndex('graduate_import_rows_graduate_idx')
    .on('graduate_import_rows')
    .column('graduate_id')
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('graduate_import_rows').execute();
  await db.schema.dropTable('graduate_imports').execute();
}
