import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newSessionToken } from '../../src/auth/sessions.repository.ts';
import { auditEvents, createTestApp, type TestApp } from '../helpers.ts';

/**
 * ASVS 5.0 V7 Session Management, Level 2. Time is moved by moving the session's own timestamps in the
 * database: the server compares them with its clock on every request, so this is what the passing of time
 * looks like to it.
 */
let h: TestApp;
beforeAll(async () => {
  h = await createTestApp();
});
afterAll(() => h.close());

const MINUTE = 60_000;
const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
const tokenOf = (cookie: string) => cookie.slice(cookie.indexOf('=') + 1);
const sessionStatus = async (cookie: string | undefined) =>
  (await h.call(cookie, { method: 'GET', url: '/api/auth/session' })).statusCode;
const sessionRow = (cookie: string) =>
  h.t.db
    .selectFrom('sessions')
    .selectAll()
    .where('id', '=', sha256(tokenOf(cookie)))
    .executeTakeFirstOrThrow();
const userId = async (username: string) =>
  (await h.t.db.selectFrom('users').select('id').where('username', '=', username).executeTakeFirstOrThrow()).id;
const liveSessions = async (username: string) =>
  (
    await h.t.db
      .selectFrom('sessions')
      .select('id')
      .where('userId', '=', await userId(username))
      .where('endedAt', 'is', null)
      .execute()
  ).length;

/** Moves a session's clock: its last activity and, optionally, its creation and absolute expiry. */
async function age(cookie: string, times: { idleMs?: number; expiresInMs?: number }) {
  const id = sha256(tokenOf(cookie));
  const now = Date.now();
  await h.t.db
    .updateTable('sessions')
    .set({
      ...(times.idleMs !== undefined ? { lastSeenAt: new Date(now - times.idleMs) } : {}),
      ...(times.expiresInMs !== undefined ? { expiresAt: new Date(now + times.expiresInMs) } : {}),
    })
    .where('id', '=', id)
    .execute();
}

describe('V7.2 Fundamental session management security', () => {
  it('ASVS 7.2.1 — the session token is verified by the server against its own store, never trusted as sent', async () => {
    const cookie = await h.login('auditor');
    expect(await sessionStatus(cookie)).toBe(200);
    const token = tokenOf(cookie);
    // The store keeps the token's SHA-256 only: a stolen database row is not a usable cookie.
    const row = await sessionRow(cookie);
    expect(row.id).toBe(sha256(token));
    expect(row.id).not.toBe(token);
    expect(await sessionStatus(`dd_session=${row.id}`)).toBe(401);
    // A well-formed token the server never issued, and a tampered one, are refused.
    expect(await sessionStatus(`dd_session=${newSessionToken().token}`)).toBe(401);
    const flipped = `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`;
    expect(await sessionStatus(`dd_session=${flipped}`)).toBe(401);
    // Nothing on the request but the cookie names a user: no header is trusted instead.
    const res = await h.call(undefined, {
      method: 'GET',
      url: '/api/auth/session',
      headers: { authorization: `Bearer ${token}`, 'x-user-id': await userId('admin') },
    });
    expect(res.statusCode).toBe(401);
  });

  it('ASVS 7.2.2 — session tokens are generated per login, not static keys', async () => {
    const first = await h.login('auditor');
    const second = await h.login('auditor');
    expect(tokenOf(first)).not.toBe(tokenOf(second));
    // Both are live sessions of their own, each one row in the store with its own expiry.
    expect(await sessionStatus(first)).toBe(200);
    expect(await sessionStatus(second)).toBe(200);
    expect((await sessionRow(first)).id).not.toBe((await sessionRow(second)).id);
    // The API knows no static key: a request with only an API-key-like header is not logged in.
    const res = await h.call(undefined, { method: 'GET', url: '/api/users', headers: { 'x-api-key': 'admin' } });
    expect(res.statusCode).toBe(401);
  });

  it('ASVS 7.2.3 — reference tokens are unique CSPRNG output with at least 128 bits of entropy', () => {
    const tokens = Array.from({ length: 2000 }, () => newSessionToken().token);
    expect(new Set(tokens).size).toBe(tokens.length);
    for (const token of tokens) {
      expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
      // 32 random bytes: 256 bits, twice the floor.
      expect(Buffer.from(token, 'base64url')).toHaveLength(32);
    }
    // A sanity check on the source (crypto.randomBytes): about half of all bits are set, in every position.
    const bytes = Buffer.concat(tokens.map((t) => Buffer.from(t, 'base64url')));
    const perBit = Array.from({ length: 256 }, (_, bit) => {
      let ones = 0;
      for (let i = 0; i < tokens.length; i++) ones += (bytes[i * 32 + (bit >> 3)]! >> (bit & 7)) & 1;
      return ones / tokens.length;
    });
    // 2000 samples: the standard deviation of each share is about 0.011, so 0.42..0.58 is over seven of them.
    expect(Math.min(...perBit)).toBeGreaterThan(0.42);
    expect(Math.max(...perBit)).toBeLessThan(0.58);
  });

  it('ASVS 7.2.4 — logging in again issues a new token and ends the one the browser had', async () => {
    const old = await h.login('welfare.office');
    const res = await h.call(old, {
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'welfare.office', password: 'demo-pass-1405' },
    });
    expect(res.statusCode).toBe(200);
    const fresh = res.cookies.find((c) => c.name === 'dd_session')!.value;
    expect(fresh).not.toBe(tokenOf(old));
    expect(await sessionStatus(old)).toBe(401);
    expect(await sessionStatus(`dd_session=${fresh}`)).toBe(200);
    expect(await sessionRow(old)).toMatchObject({ endedReason: 'replaced' });
    // The same holds when the browser's old session belonged to someone else (a shared computer).
    const before = await h.login('auditor');
    const other = await h.call(before, {
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'free.education', password: 'demo-pass-1405' },
    });
    expect(other.statusCode).toBe(200);
    expect(await sessionStatus(before)).toBe(401);
  });
});

describe('V7.3 Session timeout', () => {
  it('ASVS 7.3.1 — an idle session expires after 30 minutes', async () => {
    expect(h.config.session.idleMs).toBe(30 * MINUTE);
    const cookie = await h.login('auditor');
    await age(cookie, { idleMs: 29 * MINUTE });
    // Still alive at 29 minutes, and the request counts as activity: last-seen moves to now.
    expect(await sessionStatus(cookie)).toBe(200);
    expect(Date.now() - (await sessionRow(cookie)).lastSeenAt.getTime()).toBeLessThan(MINUTE);
    await age(cookie, { idleMs: 30 * MINUTE + 1000 });
    expect(await sessionStatus(cookie)).toBe(401);
    // The refused request did not count as activity.
    expect(Date.now() - (await sessionRow(cookie)).lastSeenAt.getTime()).toBeGreaterThan(30 * MINUTE);
  });

  it('ASVS 7.3.1 — the idle timeout is configurable (SESSION_IDLE_MINUTES)', async () => {
    const short = await createTestApp({ SESSION_IDLE_MINUTES: '5' });
    try {
      const cookie = await short.login('auditor');
      await short.t.db
        .updateTable('sessions')
        .set({ lastSeenAt: new Date(Date.now() - 6 * MINUTE) })
        .execute();
      expect((await short.call(cookie, { method: 'GET', url: '/api/auth/session' })).statusCode).toBe(401);
    } finally {
      await short.close();
    }
  });

  it('ASVS 7.3.2 — a session ends at its absolute lifetime of 12 hours, however active', async () => {
    expect(h.config.session.absoluteMs).toBe(12 * 60 * MINUTE);
    const cookie = await h.login('auditor');
    const row = await sessionRow(cookie);
    expect(row.expiresAt.getTime() - row.createdAt.getTime()).toBeGreaterThan(12 * 60 * MINUTE - MINUTE);
    expect(row.expiresAt.getTime() - row.createdAt.getTime()).toBeLessThanOrEqual(12 * 60 * MINUTE + MINUTE);
    // Activity does not push the absolute expiry.
    await age(cookie, { idleMs: 5 * MINUTE });
    expect(await sessionStatus(cookie)).toBe(200);
    expect((await sessionRow(cookie)).expiresAt).toEqual(row.expiresAt);
    // A second before the end it works; at the end it does not, though it was used a moment ago.
    await age(cookie, { idleMs: 0, expiresInMs: 5000 });
    expect(await sessionStatus(cookie)).toBe(200);
    await age(cookie, { idleMs: 0, expiresInMs: -1 });
    expect(await sessionStatus(cookie)).toBe(401);
  });
});

describe('V7.4 Session termination', () => {
  it('ASVS 7.4.1 — after logout the session cannot be used again', async () => {
    const cookie = await h.login('graduate.office');
    const logout = await h.call(cookie, { method: 'POST', url: '/api/auth/logout' });
    expect(logout.statusCode).toBe(204);
    // The browser is told to drop the cookie …
    const cleared = logout.cookies.find((c) => c.name === 'dd_session');
    expect(cleared?.value).toBe('');
    // … and the server refuses it even if it is kept and replayed.
    expect(await sessionStatus(cookie)).toBe(401);
    expect((await h.call(cookie, { method: 'GET', url: '/api/graduates' })).statusCode).toBe(401);
    expect(await sessionRow(cookie)).toMatchObject({ endedReason: 'logout' });
    expect((await sessionRow(cookie)).endedAt).not.toBeNull();
    // An expired session is as dead as a logged-out one (7.3), and is not revived by logging out of it.
    const expired = await h.login('graduate.office');
    await age(expired, { expiresInMs: -1 });
    expect((await h.call(expired, { method: 'POST', url: '/api/auth/logout' })).statusCode).toBe(401);
    expect(await sessionStatus(expired)).toBe(401);
  });

  it('ASVS 7.4.2 — deactivating an account ends all of its sessions at once', async () => {
    const admin = await h.login('admin');
    const created = await h.call(admin, {
      method: 'POST',
      url: '/api/users',
      payload: { username: 'leaving.officer', password: 'a long enough passphrase', role: 'auditor', displayName: 'x' },
    });
    expect(created.statusCode).toBe(201);
    const browsers = [
      await h.login('leaving.officer', 'a long enough passphrase'),
      await h.login('leaving.officer', 'a long enough passphrase'),
    ];
    for (const cookie of browsers) expect(await sessionStatus(cookie)).toBe(200);
    const res = await h.call(admin, {
      method: 'PUT',
      url: `/api/users/${created.json().id}`,
      payload: { version: created.json().version, active: false },
    });
    expect(res.statusCode).toBe(200);
    for (const cookie of browsers) {
      expect(await sessionStatus(cookie)).toBe(401);
      expect(await sessionRow(cookie)).toMatchObject({ endedReason: 'deactivated' });
    }
    expect(await liveSessions('leaving.officer')).toBe(0);
    const event = (await auditEvents(h.t)).at(-1)!;
    expect(event).toMatchObject({ action: 'user.deactivate', subjectId: created.json().id });
    expect(event.after).toMatchObject({ endedSessions: 2 });
    // Even a session row that somehow survived would not work: the account's state is checked per request.
    await h.t.db.updateTable('users').set({ active: true }).where('username', '=', 'leaving.officer').execute();
    const again = await h.login('leaving.officer', 'a long enough passphrase');
    await h.t.db.updateTable('users').set({ active: false }).where('username', '=', 'leaving.officer').execute();
    expect(await sessionStatus(again)).toBe(401);
  });

  it('ASVS 7.4.3 — changing one’s password ends every other session and renews this one', async () => {
    const admin = await h.login('admin');
    const created = await h.call(admin, {
      method: 'POST',
      url: '/api/users',
      payload: { username: 'many.browsers', password: 'the old passphrase here', role: 'auditor', displayName: 'x' },
    });
    expect(created.statusCode).toBe(201);
    const [here, laptop, phone] = [
      await h.login('many.browsers', 'the old passphrase here'),
      await h.login('many.browsers', 'the old passphrase here'),
      await h.login('many.browsers', 'the old passphrase here'),
    ] as [string, string, string];
    const res = await h.call(here, {
      method: 'POST',
      url: '/api/auth/password',
      payload: { currentPassword: 'the old passphrase here', newPassword: 'the new passphrase here' },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ endedSessions: 2 });
    for (const cookie of [laptop, phone]) {
      expect(await sessionStatus(cookie)).toBe(401);
      expect(await sessionRow(cookie)).toMatchObject({ endedReason: 'password_changed' });
    }
    // This browser goes on, with a new token (re-authentication gives a new session, 7.2.4): the old one is dead.
    const renewed = res.cookies.find((c) => c.name === 'dd_session')!.value;
    expect(renewed).not.toBe(tokenOf(here));
    expect(await sessionStatus(here)).toBe(401);
    expect(await sessionStatus(`dd_session=${renewed}`)).toBe(200);
    expect(await liveSessions('many.browsers')).toBe(1);
    const event = (await auditEvents(h.t)).at(-1)!;
    expect(event).toMatchObject({ action: 'user.change_password', subjectId: created.json().id });
    expect(event.after).toEqual({ endedSessions: 2 });
    // A reset by the admin ends them all, as it must: the holder's own session is among them.
    const again = await h.login('many.browsers', 'the new passphrase here');
    const row = await h.t.db
      .selectFrom('users')
      .select('version')
      .where('username', '=', 'many.browsers')
      .executeTakeFirstOrThrow();
    const reset = await h.call(admin, {
      method: 'PUT',
      url: `/api/users/${created.json().id}`,
      payload: { version: row.version, password: 'a reset passphrase here' },
    });
    expect(reset.statusCode).toBe(200);
    expect(await sessionStatus(again)).toBe(401);
    expect(await liveSessions('many.browsers')).toBe(0);
  });

  it('ASVS 7.4.5 — an admin ends all sessions of one user, and only theirs', async () => {
    const admin = await h.login('admin');
    const target = [await h.login('free.education'), await h.login('free.education')];
    const bystander = await h.login('welfare.office');
    const id = await userId('free.education');
    const live = await liveSessions('free.education');
    expect(live).toBeGreaterThanOrEqual(2);

    const res = await h.call(admin, { method: 'DELETE', url: `/api/users/${id}/sessions` });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ endedSessions: live });
    for (const cookie of target) {
      expect(await sessionStatus(cookie)).toBe(401);
      expect(await sessionRow(cookie)).toMatchObject({ endedReason: 'ended_by_admin' });
    }
    expect(await liveSessions('free.education')).toBe(0);
    expect(await sessionStatus(bystander)).toBe(200);
    expect(await sessionStatus(admin)).toBe(200);
    const event = (await auditEvents(h.t)).at(-1)!;
    expect(event).toMatchObject({
      action: 'user.end_sessions',
      subjectType: 'user',
      subjectId: id,
      actorId: await userId('admin'),
    });
    expect(event.after).toEqual({ username: 'free.education', endedSessions: live });
    // The account itself is untouched: its holder logs in again.
    expect(await sessionStatus(await h.login('free.education'))).toBe(200);

    // No one else may do it; to them the account does not exist.
    for (const username of ['graduate.office', 'welfare.office', 'auditor']) {
      const cookie = await h.login(username);
      const refused = await h.call(cookie, { method: 'DELETE', url: `/api/users/${await userId('admin')}/sessions` });
      expect([username, refused.statusCode]).toEqual([username, 404]);
    }
    expect(await sessionStatus(admin)).toBe(200);
  });
});
