import { type Kysely, sql } from 'kysely';

// Identifiers are quoted by hand: the app's CamelCasePlugin would rewrite sql.id() names.
const ident = (name: string) => sql.raw(`"${name.replaceAll('"', '""')}"`);

/**
 * audit_events becomes append-only: triggers refuse UPDATE, DELETE and TRUNCATE for every role (the owner
 * and superusers too, unless they first disable the triggers, which only they can), and no role but the
 * owner keeps any right on the table beyond SELECT and INSERT. The app role, when one is named, gets
 * exactly those two.
 */
export async function up(db: Kysely<any>, options: { appRole?: string | undefined } = {}): Promise<void> {
  await sql`
    CREATE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      RAISE EXCEPTION 'audit_events is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
    END
    $$`.execute(db);
  await sql`
    CREATE TRIGGER audit_events_no_update_delete BEFORE UPDATE OR DELETE ON audit_events
    FOR EACH ROW EXECUTE FUNCTION audit_events_append_only()`.execute(db);
  await sql`
    CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON audit_events
    FOR EACH STATEMENT EXECUTE FUNCTION audit_events_append_only()`.execute(db);

  await sql`REVOKE UPDATE, DELETE, TRUNCATE ON audit_events FROM PUBLIC`.execute(db);
  // Default privileges (db/postgres/init-roles.sql) gave the app role UPDATE and DELETE on every table
  // when this one was created: take back from every grantee all but reading and appending.
  const { rows } = await sql<{ grantee: string }>`
    SELECT DISTINCT r.rolname AS grantee
    FROM pg_class c CROSS JOIN LATERAL aclexplode(c.relacl) a JOIN pg_roles r ON r.oid = a.grantee
    WHERE c.oid = 'audit_events'::regclass AND a.grantee <> c.relowner`.execute(db);
  for (const { grantee } of rows) {
    await sql`REVOKE UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON audit_events FROM ${ident(grantee)}`.execute(db);
  }
  if (options.appRole) {
    const { rows: owner } = await sql<{ owns: boolean }>`
      SELECT pg_get_userbyid(relowner) = ${options.appRole} AS owns FROM pg_class
      WHERE oid = 'audit_events'::regclass`.execute(db);
    if (owner[0]?.owns) {
      throw new Error(`the app role ${options.appRole} owns audit_events: run migrations as a separate owner role`);
    }
    await sql`GRANT SELECT, INSERT ON audit_events TO ${ident(options.appRole)}`.execute(db);
  }
}

/** Removes the triggers; the rights taken from other roles are not given back. */
export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP TRIGGER audit_events_no_truncate ON audit_events`.execute(db);
  await sql`DROP TRIGGER audit_events_no_update_delete ON audit_events`.execute(db);
  await sql`DROP FUNCTION audit_events_append_only()`.execute(db);
}
