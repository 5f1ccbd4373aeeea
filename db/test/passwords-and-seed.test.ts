import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../src/audit.ts';
import { checkPasswordPolicy, hashPassword, verifyPassword } from '../src/passwords.ts';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, seedDemoData } from '../src/seed.ts';
import { LocalFileStorage } from '../src/storage/local-storage.ts';
import { createTestDb, type TestDb } from '../src/testing.ts';

describe('password policy', () => {
  it.each([
    ['short1234', 'too_short'],
    ['1234567890', 'common'],
    ['Password123', 'common'],
    ['sara.ahmadi-2026', 'contains_username'],
    ['x'.repeat(129), 'too_long'],
    ['گذرواژه‌ی بلند من', null],
    ['correct horse battery', null],
  ])('%s → %s', (password, problem) => {
    expect(checkPasswordPolicy(password, 'sara.ahmadi')).toBe(problem);
  });

  it('hashes with argon2id at 19 MiB, t=2, p=1 and verifies', async () => {
    const h = await hashPassword('correct horse battery');
    expect(h).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(await verifyPassword(h, 'correct horse battery')).toBe(true);
    expect(await verifyPassword(h, 'correct horse batterY')).toBe(false);
    expect(await verifyPassword('not a hash', 'x')).toBe(false);
  });
});

describe('demo seed', () => {
  let t: TestDb;
  let dir: string;
  beforeAll(async () => {
    t = await createTestDb(process.env.TEST_DATABASE_URL);
    dir = await mkdtemp(path.join(tmpdir(), 'dd-seed-'));
  });
  afterAll(async () => {
    await t.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('creates the demo accounts once, each audited (staff only with graduates: 0)', async () => {
    const options = { storage: new LocalFileStorage(dir), graduates: 0 };
    expect(await seedDemoData(t.db, options)).toBe(true);
    expect(await seedDemoData(t.db, options)).toBe(false);
    const users = await t.db.selectFrom('users').selectAll().orderBy('username').execute();
    expect(users.map((u) => u.username).sort()).toEqual(DEMO_ACCOUNTS.map((a) => a.username).sort());
    expect(await verifyPassword(users[0]!.passwordHash, DEMO_PASSWORD)).toBe(true);
    expect(await verifyAuditChain(t.db)).toEqual({ ok: true, checked: DEMO_ACCOUNTS.length });
  });
});
