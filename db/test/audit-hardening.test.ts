import { randomBytes } from 'node:crypto';
import { appendFile, mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Kysely, sql } from 'kysely';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { appendAuditEvent, GENESIS_HASH, hashEvent, verifyAuditChain } from '../src/audit.ts';
import {
  AUDIT_HEAD_KEY_FILE,
  AUDIT_HEADS_FILE,
  exportAuditHead,
  loadAuditHeadKey,
  signAuditHead,
  verifyAudit,
  verifyAuditHeads,
} from '../src/audit-heads.ts';
import { createDb, type DbHandle } from '../src/create-db.ts';
import type { Database } from '../src/database.ts';
import { migrateTo, migrateToLatest } from '../src/migrate.ts';

/** The migration before audit-hardening: migrating to it takes audit-hardening (and every later one) down. */
const BEFORE_HARDENING = '2026-11-28T17-00-00_requests';

import type { AuditEventRow } from '../src/tables/audit-events.table.ts';
import { createTestDb, type TestDb } from '../src/testing.ts';

const serverUrl = process.env.TEST_DATABASE_URL;
const KEY = 'k'.repeat(40);

const event = (n: number) => ({
  actorId: null,
  role: 'system',
  action: 'test.event',
  subjectType: 'test',
  subjectId: String(n),
  after: { n, note: 'دانشنامه, "quoted"' },
});

async function appendEvents(db: Kysely<Database>, count: number) {
  for (let i = 1; i <= count; i += 1) await db.transaction().execute((trx) => appendAuditEvent(trx, event(i)));
}

/** What a superuser (or the owner) can do: switch the triggers off around a change. */
async function tamper(db: Kysely<Database>, change: () => Promise<unknown>) {
  await sql`ALTER TABLE audit_events DISABLE TRIGGER USER`.execute(db);
  try {
    await change();
  } finally {
    await sql`ALTER TABLE audit_events ENABLE TRIGGER USER`.execute(db);
  }
}

const refused = (p: Promise<unknown>) => expect(p).rejects.toMatchObject({ code: '42501' });

const dirs: string[] = [];
async function tempDir() {
  const dir = await mkdtemp(path.join(tmpdir(), 'dd-heads-'));
  dirs.push(dir);
  return dir;
}
afterAll(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

describe('append-only audit_events, as the app connection', () => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb(serverUrl);
    await appendEvents(t.db, 3);
  });
  afterAll(() => t.close());

  it('refuses UPDATE, DELETE and TRUNCATE, and still appends and reads', async () => {
    await refused(sql`UPDATE audit_events SET action = 'x' WHERE id = 1`.execute(t.db));
    await refused(sql`DELETE FROM audit_events WHERE id = 3`.execute(t.db));
    await refused(sql`TRUNCATE audit_events`.execute(t.db));
    await refused(t.db.deleteFrom('auditEvents').execute());
    await t.db.transaction().execute((trx) => appendAuditEvent(trx, event(4)));
    expect(await verifyAuditChain(t.db)).toEqual({ ok: true, checked: 4 });
  });

  it('names the refused operation', async () => {
    await expect(sql`DELETE FROM audit_events`.execute(t.db)).rejects.toThrow(/append-only: DELETE refused/);
  });

  it('down removes the triggers and up puts them back', async () => {
    const triggers = async () =>
      (
        await sql<{ tgname: string }>`
          SELECT tgname FROM pg_trigger WHERE tgrelid = 'audit_events'::regclass AND NOT tgisinternal
          ORDER BY 1`.execute(t.db)
      ).rows.map((r) => r.tgname);
    expect(await triggers()).toEqual(['audit_events_no_truncate', 'audit_events_no_update_delete']);
    expect((await migrateTo(t.db, BEFORE_HARDENING)).at(-1)).toBe('Down 2026-11-28T18-00-00_audit-hardening');
    expect(await triggers()).toEqual([]);
    await sql`UPDATE audit_events SET role = role WHERE id = 1`.execute(t.db);
    await migrateToLatest(t.db);
    expect(await triggers()).toHaveLength(2);
    await refused(sql`UPDATE audit_events SET role = role WHERE id = 1`.execute(t.db));
  });
});

describe('tampering by a superuser', () => {
  let t: TestDb;
  afterEach(() => t.close());
  const fresh = async (count = 10) => {
    t = await createTestDb(serverUrl);
    await appendEvents(t.db, count);
  };

  it('a changed row is reported by its id', async () => {
    await fresh();
    await tamper(t.db, () => sql`UPDATE audit_events SET actor_id = gen_random_uuid() WHERE id = 7`.execute(t.db));
    expect(await verifyAuditChain(t.db, 3)).toEqual({ ok: false, checked: 7, firstBrokenId: '7' });
  });

  it('a deleted row is reported by its id, the first one too', async () => {
    await fresh();
    await tamper(t.db, () => sql`DELETE FROM audit_events WHERE id = 4`.execute(t.db));
    expect(await verifyAuditChain(t.db)).toEqual({ ok: false, checked: 4, firstBrokenId: '4' });
    await tamper(t.db, () => sql`DELETE FROM audit_events WHERE id = 1`.execute(t.db));
    expect(await verifyAuditChain(t.db)).toEqual({ ok: false, checked: 1, firstBrokenId: '1' });
  });

  it('two rows swapped are reported at the first of them', async () => {
    await fresh();
    await tamper(t.db, async () => {
      await sql`UPDATE audit_events SET id = -1 WHERE id = 5`.execute(t.db);
      await sql`UPDATE audit_events SET id = 5 WHERE id = 6`.execute(t.db);
      await sql`UPDATE audit_events SET id = 6 WHERE id = -1`.execute(t.db);
    });
    expect(await verifyAuditChain(t.db)).toEqual({ ok: false, checked: 5, firstBrokenId: '5' });
  });

  it('a whole chain rewritten consistently passes the walk, but not the heads exported before', async () => {
    await fresh(6);
    const file = path.join(await tempDir(), AUDIT_HEADS_FILE);
    const exported = await exportAuditHead(t.db, { file, key: KEY });
    expect(exported).toMatchObject({ id: '6' });
    await appendEvents(t.db, 2);
    await exportAuditHead(t.db, { file, key: KEY });
    expect(await verifyAudit(t.db, { file, key: KEY })).toEqual({ ok: true, checked: 8, headsChecked: 2 });

    // Event 3 changed, and every hash after it recomputed: the chain itself is consistent again.
    const rows = await t.db.selectFrom('auditEvents').selectAll().orderBy('id').execute();
    await tamper(t.db, async () => {
      let prevHash = GENESIS_HASH;
      for (const row of rows) {
        const content: AuditEventRow = { ...row, prevHash, after: row.id === '3' ? { n: 300 } : row.after };
        const hash = Number(row.id) >= 3 ? hashEvent(content) : row.hash;
        if (hash !== row.hash) {
          await sql`UPDATE audit_events SET after = ${JSON.stringify(content.after)}::jsonb,
                    prev_hash = ${prevHash}, hash = ${hash} WHERE id = ${row.id}`.execute(t.db);
        }
        prevHash = hash;
      }
    });
    expect(await verifyAuditChain(t.db)).toEqual({ ok: true, checked: 8 });
    expect(await verifyAudit(t.db, { file, key: KEY })).toEqual({
      ok: false,
      checked: 8,
      headsChecked: 1,
      headMismatch: { line: 1, id: '6', reason: 'hash' },
    });
  });

  it('a cut-off tail, a forged line and an unreadable line are each reported with their line', async () => {
    await fresh(5);
    const file = path.join(await tempDir(), AUDIT_HEADS_FILE);
    await exportAuditHead(t.db, { file, key: KEY });
    const check = () => verifyAuditHeads(t.db, { file, key: KEY }, 2);

    const forged = signAuditHead('another key of at least 32 chars!!', {
      id: '5',
      hash: 'f'.repeat(64),
      at: new Date().toISOString(),
      exportedAt: new Date().toISOString(),
    });
    await appendFile(file, `${JSON.stringify(forged)}\n`);
    expect(await check()).toEqual({ headsChecked: 2, headMismatch: { line: 2, id: '5', reason: 'signature' } });

    await rm(file);
    await exportAuditHead(t.db, { file, key: KEY });
    await appendFile(file, '{"id": "5", "hash": \n');
    expect(await check()).toEqual({ headsChecked: 2, headMismatch: { line: 2, id: null, reason: 'malformed' } });

    await rm(file);
    await exportAuditHead(t.db, { file, key: KEY });
    await tamper(t.db, () => sql`DELETE FROM audit_events WHERE id = 5`.execute(t.db));
    // The walk alone cannot see a cut-off tail; the head can.
    expect(await verifyAuditChain(t.db)).toEqual({ ok: true, checked: 4 });
    expect(await check()).toEqual({ headsChecked: 1, headMismatch: { line: 1, id: '5', reason: 'missing' } });
    expect(await verifyAuditHeads(t.db, { file, key: undefined })).toEqual({
      headsChecked: 1,
      headMismatch: { line: 1, id: '5', reason: 'no-key' },
    });
  });

  it('has nothing to check without a heads file', async () => {
    await fresh(1);
    const file = path.join(await tempDir(), AUDIT_HEADS_FILE);
    expect(await verifyAuditHeads(t.db, { file, key: KEY })).toEqual({ headsChecked: 0 });
  });
});

describe('the head key', () => {
  it('is generated once, readable by its owner only, and reused', async () => {
    const dir = path.join(await tempDir(), 'nested');
    expect(await loadAuditHeadKey(dir, undefined, false)).toBeUndefined();
    const key = await loadAuditHeadKey(dir, undefined, true);
    expect(key).toMatch(/^[0-9a-f]{64}$/);
    const file = path.join(dir, AUDIT_HEAD_KEY_FILE);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(await loadAuditHeadKey(dir, undefined, true)).toBe(key);
    expect(await loadAuditHeadKey(dir, undefined, false)).toBe(key);
    expect((await readFile(file, 'utf8')).trim()).toBe(key);
  });

  it('is the configured one when given', async () => {
    const dir = await tempDir();
    expect(await loadAuditHeadKey(dir, KEY, true)).toBe(KEY);
    await expect(stat(path.join(dir, AUDIT_HEAD_KEY_FILE))).rejects.toMatchObject({ code: 'ENOENT' });
  });
});

// The shipped role script, with names of this test's own, so that it is what gets tested.
const rolesScript = path.join(path.dirname(fileURLToPath(import.meta.url)), '../postgres/init-roles.sql');

function statements(text: string): string[] {
  return text
    .split('\n')
    .filter((l) => !l.trim().startsWith('--'))
    .join('\n')
    .split(/;\s*$/m)
    .map((s) => s.trim())
    .filter(Boolean);
}

describe.skipIf(!serverUrl)(
  'separate owner and app roles on PostgreSQL (skipped: TEST_DATABASE_URL is not set)',
  () => {
    const suffix = randomBytes(4).toString('hex');
    const owner = `dd_owner_${suffix}`;
    const app = `dd_app_${suffix}`;
    const other = `dd_other_${suffix}`;
    const dbName = `dd_roles_${suffix}`;
    const urlFor = (user: string | undefined, database: string) => {
      const url = new URL(serverUrl!);
      if (user) url.username = user;
      url.pathname = `/${database}`;
      return url.toString();
    };
    const superuser = async (database: string, queries: string[]) => {
      const client = new pg.Client({ connectionString: urlFor(undefined, database) });
      await client.connect();
      try {
        for (const q of queries) await client.query(q);
      } finally {
        await client.end();
      }
    };
    let ownerDb: DbHandle;
    let appDb: DbHandle;

    beforeAll(async () => {
      const script = (await readFile(rolesScript, 'utf8'))
        .replaceAll('diploma_owner', owner)
        .replaceAll('diploma_app', app)
        .replaceAll('diploma_desk', dbName);
      const [server, database] = script.split(/^\\connect .*$/m);
      await superuser(new URL(serverUrl!).pathname.slice(1) || 'postgres', statements(server!));
      await superuser(dbName, [...statements(database!), `CREATE ROLE ${other} LOGIN`]);
      ownerDb = await createDb({ databaseUrl: urlFor(owner, dbName), dataDir: '', poolSize: 2 });
      await migrateToLatest(ownerDb.db, { appRole: app });
      appDb = await createDb({ databaseUrl: urlFor(app, dbName), dataDir: '', poolSize: 2 });
    });

    afterAll(async () => {
      await appDb?.close();
      await ownerDb?.close();
      await superuser('postgres', [
        `DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`,
        `DROP ROLE IF EXISTS ${app}`,
        `DROP ROLE IF EXISTS ${other}`,
        `DROP ROLE IF EXISTS ${owner}`,
      ]);
    });

    const rights = async (role: string, table = 'audit_events') => {
      const { rows } = await sql<Record<string, boolean>>`
        SELECT ${sql.join(
          ['SELECT', 'INSERT', 'UPDATE', 'DELETE', 'TRUNCATE', 'REFERENCES', 'TRIGGER'].map(
            (p) => sql`has_table_privilege(${role}, ${table}, ${p}) AS ${sql.raw(`"${p}"`)}`,
          ),
        )}`.execute(ownerDb.db);
      return Object.entries(rows[0]!)
        .filter(([, v]) => v)
        .map(([k]) => k);
    };

    it('the app role holds only SELECT and INSERT on audit_events, and its usual rights elsewhere', async () => {
      expect(await rights(app)).toEqual(['SELECT', 'INSERT']);
      expect(await rights(app, 'users')).toEqual(['SELECT', 'INSERT', 'UPDATE', 'DELETE']);
      const { rows } = await sql<{ owner: string }>`
        SELECT pg_get_userbyid(relowner) AS owner FROM pg_class WHERE oid = 'audit_events'::regclass`.execute(appDb.db);
      expect(rows[0]?.owner).toBe(owner);
    });

    it('the app role appends and reads, but cannot UPDATE, DELETE, TRUNCATE or switch the triggers off', async () => {
      await appendEvents(appDb.db, 3);
      expect(await verifyAuditChain(appDb.db)).toEqual({ ok: true, checked: 3 });
      await refused(sql`UPDATE audit_events SET action = 'x' WHERE id = 1`.execute(appDb.db));
      await refused(sql`DELETE FROM audit_events WHERE id = 3`.execute(appDb.db));
      await refused(sql`TRUNCATE audit_events`.execute(appDb.db));
      await refused(sql`ALTER TABLE audit_events DISABLE TRIGGER USER`.execute(appDb.db));
      await refused(sql`DROP TABLE audit_events`.execute(appDb.db));
    });

    it('the owner too is refused by the triggers', async () => {
      await expect(sql`DELETE FROM audit_events WHERE id = 3`.execute(ownerDb.db)).rejects.toThrow(/append-only/);
      await expect(sql`TRUNCATE audit_events`.execute(ownerDb.db)).rejects.toThrow(/append-only/);
    });

    it('grants a named app role SELECT and INSERT even without default privileges, never to the owner', async () => {
      expect(await rights(other)).toEqual([]);
      await migrateTo(ownerDb.db, BEFORE_HARDENING);
      await expect(migrateToLatest(ownerDb.db, { appRole: owner })).rejects.toThrow(/owns audit_events/);
      await expect(migrateToLatest(ownerDb.db, { appRole: 'dd_no_such_role' })).rejects.toThrow(/does not exist/);
      await migrateToLatest(ownerDb.db, { appRole: other });
      expect(await rights(other)).toEqual(['SELECT', 'INSERT']);
      expect(await rights(other, 'users')).toEqual([]);
      expect(await rights(app)).toEqual(['SELECT', 'INSERT']);
    });
  },
);
