import { type Kysely, sql } from 'kysely';

/**
 * Saved views (issue 7, part 3): a list's filter, sort, page size and columns kept under a name, by its owner,
 * privately or shared with everyone of the owner's role. The API checks the filter and sort against the list
 * they belong to; the database keeps the shapes it can check without knowing the lists.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('saved_views')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('owner_id', 'uuid', (c) => c.notNull().references('users.id'))
    .addColumn('resource', 'text', (c) => c.notNull().check(sql`resource IN ('requests', 'graduates', 'audit-events')`))
    .addColumn('name', 'text', (c) => c.notNull().check(sql`char_length(name) BETWEEN 1 AND 100`))
    .addColumn('scope', 'text', (c) => c.notNull().defaultTo('private').check(sql`scope IN ('private', 'office')`))
    .addColumn('filter', 'jsonb', (c) =>
      c.notNull().defaultTo(sql`'{}'::jsonb`).check(sql`jsonb_typeof(filter) = 'object'`),
    )
    .addColumn('sort', 'jsonb', (c) => c.check(sql`sort IS NULL OR jsonb_typeof(sort) = 'object'`))
    .addColumn('per_page', 'integer', (c) => c.check(sql`per_page BETWEEN 1 AND 500`))
    .addColumn('columns', 'jsonb', (c) => c.check(sql`columns IS NULL OR jsonb_typeof(columns) = 'array'`))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('saved_views_owner_resource_name_key', ['owner_id', 'resource', 'name'])
    .execute();
  // The views an office shares, looked up per list by everyone of that role.
  await sql`CREATE INDEX saved_views_shared_idx ON saved_views (resource) WHERE scope = 'office'`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('saved_views').execute();
}
