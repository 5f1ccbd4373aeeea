import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { auditEvents, createTestApp, type TestApp } from '../helpers.ts';

let h: TestApp;
afterEach(() => h?.close());

const login = (username: string, password: string, headers: Record<string, string> = {}) =>
  h.call(undefined, { method: 'POST', url: '/api/auth/login', payload: { username, password }, headers });

describe('POST /api/auth/login', () => {
  it('sets an httpOnly SameSite=Strict session cookie and returns the user with packed CASL rules', async () => {
    h = await createTestApp();
    const res = await login('admin', 'demo-pass-1405');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.user).toMatchObject({ username: 'admin', role: 'admin', graduateId: null });
    expect(body.user.passwordHash).toBeUndefined();
    expect(body.rules).toContainEqual(['read,create,update', 'User']);
    const cookie = res.cookies.find((c) => c.name === 'dd_session')!;
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/' });
    expect(cookie.secure).toBeUndefined();
    expect(cookie.value).toMatch(/^[A-Za-z0-9_-]{43}$/);
    // Only the token's hash is stored.
    const sessions = await h.t.db.selectFrom('sessions').selectAll().execute();
    expect(sessions.map((s) => s.id)).toEqual([createHash('sha256').update(cookie.value).digest('hex')]);
    const events = await auditEvents(h.t);
    expect(events.at(-1)).toMatchObject({ action: 'auth.login', subjectId: body.user.id, actorId: body.user.id });
  });

  it('uses a Secure __Host- cookie behind TLS', async () => {
    h = await createTestApp({ TRUST_PROXY: 'true' });
    const res = await h.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'x-forwarded-proto': 'https', host: 'desk.example', origin: 'https://desk.example' },
      payload: { username: 'auditor', password: 'demo-pass-1405' },
    });
    expect(res.statusCode).toBe(200);
    const cookie = res.cookies.find((c) => c.name === '__Host-dd_session');
    expect(cookie).toMatchObject({ secure: true, httpOnly: true, sameSite: 'Strict', path: '/' });
  });

  it('answers a wrong password and an unknown user identically, audits both and creates no session', async () => {
    h = await createTestApp();
    const wrong = await login('admin', 'not-the-password');
    const unknown = await login('nobody.here', 'not-the-password');
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(wrong.json()).toEqual(unknown.json());
    expect(await h.t.db.selectFrom('sessions').selectAll().execute()).toEqual([]);
    const events = (await auditEvents(h.t)).filter((e) => e.action === 'auth.login_failed');
    expect(events.map((e) => (e.after as { reason: string }).reason)).toEqual(['bad_password', 'unknown_user']);
  });

  it('refuses a deactivated account with the same generic answer', async () => {
    h = await createTestApp();
    await h.t.db.updateTable('users').set({ active: false }).where('username', '=', 'welfare.office').execute();
    const res = await login('welfare.office', 'demo-pass-1405');
    expect(res.statusCode).toBe(401);
    expect(res.json().type).toBe('/api/problems/invalid-credentials');
  });

  it('locks an account after too many failures, even for the right password (429 with Retry-After)', async () => {
    h = await createTestApp({ LOGIN_MAX_FAILURES_PER_ACCOUNT: '3' });
    for (let i = 0; i < 3; i++) expect((await login('auditor', `wrong-${i}-password`)).statusCode).toBe(401);
    const locked = await login('auditor', 'demo-pass-1405');
    expect(locked.statusCode).toBe(429);
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);
    expect(locked.json().type).toBe('/api/problems/too-many-attempts');
    // Other accounts are not affected by one account's lock.
    expect((await login('admin', 'demo-pass-1405')).statusCode).toBe(200);
  });

  it('limits failures per client address across accounts', async () => {
    h = await createTestApp({ LOGIN_MAX_FAILURES_PER_IP: '4' });
    for (let i = 0; i < 4; i++) await login(`user${i}.x`, 'wrong-password-1');
    expect((await login('admin', 'demo-pass-1405')).statusCode).toBe(429);
  });

  it('rejects malformed JSON, wrong types and unknown fields with 400 problem+json naming the field', async () => {
    h = await createTestApp();
    const bad = await h.call(undefined, {
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: '{"username": "admin",',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.headers['content-type']).toMatch(/^application\/problem\+json/);
    const wrongType = await h.call(undefined, {
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'admin', password: 12345678901 },
    });
    expect(wrongType.statusCode).toBe(400);
    expect(wrongType.json().errors).toContainEqual(expect.objectContaining({ field: 'password' }));
    const extra = await h.call(undefined, {
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'admin', password: 'demo-pass-1405', role: 'admin' },
    });
    expect(extra.statusCode).toBe(400);
    expect(extra.json().errors).toContainEqual(expect.objectContaining({ field: 'role' }));
    expect(await h.t.db.selectFrom('sessions').selectAll().execute()).toEqual([]);
  });

  it('refuses a username with control characters with 400, before any lookup or audit', async () => {
    h = await createTestApp();
    const before = (await auditEvents(h.t)).length;
    for (const username of ['admin\u0000', '\u0000', 'ad\nmin', 'x\u007f']) {
      const res = await login(username, 'demo-pass-1405');
      expect(res.statusCode, JSON.stringify(username)).toBe(400);
      expect(res.json().errors).toContainEqual(expect.objectContaining({ field: 'username', code: 'pattern' }));
    }
    expect(await auditEvents(h.t)).toHaveLength(before);
  });

  it('replaces a session the browser already had (no fixation)', async () => {
    h = await createTestApp();
    const first = await h.login('admin');
    const res = await h.call(first, {
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'admin', password: 'demo-pass-1405' },
    });
    expect(res.statusCode).toBe(200);
    expect((await h.call(first, { method: 'GET', url: '/api/auth/session' })).statusCode).toBe(401);
  });
});

describe('GET /api/auth/session and POST /api/auth/logout', () => {
  it('returns the user and rules while the session lives, 401 otherwise', async () => {
    h = await createTestApp();
    const cookie = await h.login('graduate.office');
    const res = await h.call(cookie, { method: 'GET', url: '/api/auth/session' });
    expect(res.statusCode).toBe(200);
    expect(res.json().user.role).toBe('graduate_officer');
    const anon = await h.call(undefined, { method: 'GET', url: '/api/auth/session' });
    expect(anon.statusCode).toBe(401);
    expect(anon.json()).toMatchObject({ type: '/api/problems/unauthorized', status: 401 });
  });

  it('ends the session server-side on logout and audits it', async () => {
    h = await createTestApp();
    const cookie = await h.login('free.education');
    const out = await h.call(cookie, { method: 'POST', url: '/api/auth/logout' });
    expect(out.statusCode).toBe(204);
    expect((await h.call(cookie, { method: 'GET', url: '/api/auth/session' })).statusCode).toBe(401);
    const session = await h.t.db.selectFrom('sessions').selectAll().executeTakeFirstOrThrow();
    expect(session.endedReason).toBe('logout');
    expect((await auditEvents(h.t)).at(-1)?.action).toBe('auth.logout');
  });

  it('expires a session after the idle timeout', async () => {
    h = await createTestApp({ SESSION_IDLE_MINUTES: '30' });
    const cookie = await h.login('auditor');
    await sql`UPDATE sessions SET last_seen_at = now() - interval '31 minutes'`.execute(h.t.db);
    expect((await h.call(cookie, { method: 'GET', url: '/api/auth/session' })).statusCode).toBe(401);
  });

  it('keeps an active session alive and refreshes last-seen', async () => {
    h = await createTestApp({ SESSION_IDLE_MINUTES: '30' });
    const cookie = await h.login('auditor');
    await sql`UPDATE sessions SET last_seen_at = now() - interval '29 minutes'`.execute(h.t.db);
    expect((await h.call(cookie, { method: 'GET', url: '/api/auth/session' })).statusCode).toBe(200);
    const { lastSeenAt } = await h.t.db.selectFrom('sessions').select('lastSeenAt').executeTakeFirstOrThrow();
    expect(Date.now() - lastSeenAt.getTime()).toBeLessThan(60_000);
  });

  it('expires a session at its absolute lifetime even when active', async () => {
    h = await createTestApp();
    const cookie = await h.login('auditor');
    await sql`UPDATE sessions SET expires_at = now() - interval '1 second'`.execute(h.t.db);
    expect((await h.call(cookie, { method: 'GET', url: '/api/auth/session' })).statusCode).toBe(401);
  });
});
