import { type Kysely, sql } from 'kysely';

/**
 * Claim and assign (issue 7, part 7): who in each office holds a request. A request waits on several offices
 * at once (before approval the Free-Education and Welfare Offices work on it while the Graduate Office reviews
 * it), so a holding is per office, one row per (request, office); no row is "unassigned". A holding is not
 * part of the request's content: it has no version of its own and never raises the request's, and its history
 * is the audit log's.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('request_assignments')
    .addColumn('request_id', 'uuid', (c) => c.notNull().references('diploma_requests.id'))
    .addColumn('office', 'text', (c) =>
      c.notNull().check(sql`office IN ('graduate_officer', 'free_education_officer', 'welfare_officer')`),
    )
    .addColumn('user_id', 'uuid', (c) => c.notNull().references('users.id'))
    .addColumn('assigned_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('assigned_by', 'uuid', (c) => c.references('users.id'))
    .addPrimaryKeyConstraint('request_assignments_pkey', ['request_id', 'office'])
    .execute();
  // "Mine" in a queue: the holdings of one person in one office.
  await db.schema
    .createIndex('request_assignments_holder_idx')
    .on('request_assignments')
    .columns(['office', 'user_id'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('request_assignments').execute();
}
