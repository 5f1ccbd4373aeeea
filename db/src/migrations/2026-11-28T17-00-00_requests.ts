import { type Kysely, sql } from 'kysely';

const STAGES = [
  'draft',
  'submitted',
  'under_review',
  'returned',
  'approved',
  'printing',
  'signing',
  'ready',
  'delivered',
  'withdrawn',
];
const KINDS = [
  'cancellation_sheet',
  'lower_degree_diploma',
  'provisional_certificate',
  'military_status',
  'national_id_card',
  'birth_certificate',
  'transcript',
  'employment_certificate',
  'insurance_record',
  'employment_decree',
  'non_employment_letter',
  'scholarship_release',
  'payment_receipt',
];
const ROUTES = ['employment', 'government_employment', 'non_employment', 'scholarship'];
const list = (values: string[]) => sql.raw(values.map((v) => `'${v}'`).join(', '));

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('graduates')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('student_number', 'text', (c) => c.notNull().unique())
    .addColumn('national_id', 'text', (c) => c.notNull().unique().check(sql`national_id ~ '^[0-9]{10}$'`))
    .addColumn('first_name', 'text', (c) => c.notNull())
    .addColumn('last_name', 'text', (c) => c.notNull())
    .addColumn('father_name', 'text', (c) => c.notNull())
    .addColumn('birth_date', 'date', (c) => c.notNull())
    .addColumn('gender', 'text', (c) => c.notNull().check(sql`gender IN ('male', 'female')`))
    .addColumn('degree_level', 'text', (c) => c.notNull().check(sql`degree_level IN ('masters', 'phd')`))
    .addColumn('faculty', 'text', (c) => c.notNull())
    .addColumn('program', 'text', (c) => c.notNull())
    .addColumn('scholarship', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('search_text', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await sql`CREATE INDEX graduates_search_trgm_idx ON graduates USING gin (search_text gin_trgm_ops)`.execute(db);
  await db.schema
    .alterTable('users')
    .addForeignKeyConstraint('users_graduate_id_fkey', ['graduate_id'], 'graduates', ['id'])
    .execute();
  await sql`CREATE UNIQUE INDEX users_graduate_id_key ON users (graduate_id) WHERE graduate_id IS NOT NULL`.execute(db);

  await db.schema
    .createTable('diploma_requests')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('graduate_id', 'uuid', (c) => c.notNull().references('graduates.id'))
    .addColumn('stage', 'text', (c) =>
      c
        .notNull()
        .defaultTo('draft')
        .check(sql`stage IN (${list(STAGES)})`),
    )
    .addColumn('stage_entered_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('provisional_certificate_issued', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('cancellation_tick', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('welfare_tick', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('details_confirmed_at', 'timestamptz')
    .addColumn('confirmed_details', 'jsonb')
    .addColumn('diploma_number', 'text', (c) => c.unique())
    .addColumn('diploma_details', 'jsonb')
    .addColumn('created_by', 'uuid', (c) => c.references('users.id'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  // One open request per graduate; delivered and withdrawn ones stay as history.
  await sql`CREATE UNIQUE INDEX diploma_requests_open_key ON diploma_requests (graduate_id) WHERE stage NOT IN ('delivered', 'withdrawn')`.execute(
    db,
  );
  await db.schema
    .createIndex('diploma_requests_stage_idx')
    .on('diploma_requests')
    .columns(['stage', 'stage_entered_at'])
    .execute();

  // Diploma numbers come from one sequence: unique and gap-tolerant under concurrent printing.
  await sql`CREATE SEQUENCE diploma_number_seq`.execute(db);

  await db.schema
    .createTable('request_stage_history')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('request_id', 'uuid', (c) => c.notNull().references('diploma_requests.id'))
    .addColumn('from_stage', 'text')
    .addColumn('to_stage', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'uuid', (c) => c.references('users.id'))
    .addColumn('role', 'text')
    .addColumn('note', 'text')
    .addColumn('at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .createIndex('request_stage_history_request_idx')
    .on('request_stage_history')
    .columns(['request_id', 'id'])
    .execute();

  await db.schema
    .createTable('cancellation_cases')
    .addColumn('request_id', 'uuid', (c) => c.primaryKey().references('diploma_requests.id'))
    .addColumn('route', 'text', (c) => c.check(sql`route IN (${list(ROUTES)})`))
    .addColumn('saorg_tracking_code', 'text')
    .addColumn('amount_owed', 'bigint', (c) => c.notNull().defaultTo(0).check(sql`amount_owed >= 0`))
    .addColumn('amount_paid', 'bigint', (c) => c.notNull().defaultTo(0).check(sql`amount_paid >= 0`))
    .addColumn('payment_ref', 'text')
    .addColumn('updated_by', 'uuid', (c) => c.references('users.id'))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable('welfare_records')
    .addColumn('request_id', 'uuid', (c) => c.primaryKey().references('diploma_requests.id'))
    .addColumn('has_debt', 'boolean')
    .addColumn('settled', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('note', 'text')
    .addColumn('updated_by', 'uuid', (c) => c.references('users.id'))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable('tick_events')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('request_id', 'uuid', (c) => c.notNull().references('diploma_requests.id'))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind IN ('cancellation', 'welfare')`))
    .addColumn('set', 'boolean', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('actor_id', 'uuid', (c) => c.references('users.id'))
    .addColumn('role', 'text')
    .addColumn('at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('tick_events_request_idx').on('tick_events').columns(['request_id', 'id']).execute();

  await db.schema
    .createTable('documents')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('request_id', 'uuid', (c) => c.notNull().references('diploma_requests.id'))
    .addColumn('graduate_id', 'uuid', (c) => c.notNull().references('graduates.id'))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind IN (${list(KINDS)})`))
    .addColumn('storage_key', 'text', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('size_bytes', 'bigint', (c) => c.notNull())
    .addColumn('content_type', 'text', (c) =>
      c.notNull().check(sql`content_type IN ('application/pdf', 'image/jpeg', 'image/png')`),
    )
    .addColumn('original_name', 'text', (c) => c.notNull())
    .addColumn('uploaded_by', 'uuid', (c) => c.references('users.id'))
    .addColumn('uploaded_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('review_status', 'text', (c) =>
      c.notNull().defaultTo('pending').check(sql`review_status IN ('pending', 'accepted', 'rejected')`),
    )
    .addColumn('review_note', 'text')
    .addColumn('reviewed_by', 'uuid', (c) => c.references('users.id'))
    .addColumn('reviewed_at', 'timestamptz')
    .addColumn('in_person', 'jsonb')
    .addColumn('superseded_at', 'timestamptz')
    .execute();
  await db.schema.createIndex('documents_request_idx').on('documents').columns(['request_id', 'kind']).execute();

  await db.schema
    .createTable('next_actions')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('request_id', 'uuid', (c) => c.notNull().references('diploma_requests.id'))
    .addColumn('note', 'text', (c) => c.notNull())
    .addColumn('created_by', 'uuid', (c) => c.references('users.id'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('resolved_at', 'timestamptz')
    .addColumn('resolved_by', 'uuid', (c) => c.references('users.id'))
    .execute();
  await db.schema.createIndex('next_actions_request_idx').on('next_actions').column('request_id').execute();

  await db.schema
    .createTable('corrections')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('graduate_id', 'uuid', (c) => c.notNull().references('graduates.id'))
    .addColumn('changes', 'jsonb', (c) => c.notNull())
    .addColumn('status', 'text', (c) =>
      c.notNull().defaultTo('pending').check(sql`status IN ('pending', 'accepted', 'rejected')`),
    )
    .addColumn('requested_by', 'uuid', (c) => c.references('users.id'))
    .addColumn('requested_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('reviewed_by', 'uuid', (c) => c.references('users.id'))
    .addColumn('reviewed_at', 'timestamptz')
    .addColumn('review_note', 'text')
    .execute();
  await db.schema
    .createIndex('corrections_graduate_idx')
    .on('corrections')
    .columns(['graduate_id', 'status'])
    .execute();

  await db.schema
    .createTable('notification_outbox')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('graduate_id', 'uuid', (c) => c.notNull().references('graduates.id'))
    .addColumn('request_id', 'uuid', (c) => c.references('diploma_requests.id'))
    .addColumn('channel', 'text', (c) => c.notNull().check(sql`channel IN ('sms', 'email')`))
    .addColumn('template', 'text', (c) => c.notNull())
    .addColumn('payload', 'jsonb', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('sent_at', 'timestamptz')
    .addColumn('last_error', 'text')
    .execute();
  await sql`CREATE INDEX notification_outbox_due_idx ON notification_outbox (next_attempt_at) WHERE sent_at IS NULL`.execute(
    db,
  );
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'notification_outbox',
    'corrections',
    'next_actions',
    'documents',
    'tick_events',
    'welfare_records',
    'cancellation_cases',
    'request_stage_history',
    'diploma_requests',
  ]) {
    await db.schema.dropTable(table).execute();
  }
  await sql`DROP SEQUENCE diploma_number_seq`.execute(db);
  await sql`DROP INDEX users_graduate_id_key`.execute(db);
  await db.schema.alterTable('users').dropConstraint('users_graduate_id_fkey').execute();
  await db.schema.dropTable('graduates').execute();
}
