import type { Kysely } from 'kysely';

/**
 * Indexes the benchmark at 100,000 requests asked for (issue 6, part 3; plans in bench/results/latest.md):
 * - the queue read oldest-in-stage first: (stage_entered_at, id) lets the list walk the requests in the order
 *   it shows them and stop after a page, whatever set of stages it filters on, instead of sorting them all;
 *   (stage, stage_entered_at, id) does the same within one stage and covers its count;
 * - a graduate's requests (name search joins the matching graduates to their requests; a graduate's own list):
 *   the only index on graduate_id so far was the partial "one open request" key;
 * - a document by its stored file (the start-up sweep and removal look files up by key) and a graduate's
 *   documents.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createIndex('diploma_requests_stage_entered_idx')
    .on('diploma_requests')
    .columns(['stage_entered_at', 'id'])
    .execute();
  await db.schema
    .createIndex('diploma_requests_stage_order_idx')
    .on('diploma_requests')
    .columns(['stage', 'stage_entered_at', 'id'])
    .execute();
  await db.schema.dropIndex('diploma_requests_stage_idx').execute();
  await db.schema.createIndex('diploma_requests_graduate_idx').on('diploma_requests').column('graduate_id').execute();
  await db.schema.createIndex('documents_storage_key_idx').on('documents').column('storage_key').execute();
  await db.schema.createIndex('documents_graduate_idx').on('documents').column('graduate_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('documents_graduate_idx').execute();
  await db.schema.dropIndex('documents_storage_key_idx').execute();
  await db.schema.dropIndex('diploma_requests_graduate_idx').execute();
  await db.schema
    .createIndex('diploma_requests_stage_idx')
    .on('diploma_requests')
    .columns(['stage', 'stage_entered_at'])
    .execute();
  await db.schema.dropIndex('diploma_requests_stage_order_idx').execute();
  await db.schema.dropIndex('diploma_requests_stage_entered_idx').execute();
}
