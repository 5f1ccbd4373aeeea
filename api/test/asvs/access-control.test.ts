import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGraduate, pdfBytes, uploadBody } from '../fixtures.ts';
import { createTestApp, type TestApp } from '../helpers.ts';

/**
 * ASVS 5.0 V8 Authorization, Level 2: one focused proof per requirement. The full proof, every route against
 * every kind of caller with no change left behind by a refusal, is the authorisation matrix in
 * `test/auth/access-matrix.test.ts` (table in `test/auth/access-matrix.ts`).
 */
let h: TestApp;
let admin = '';
let office = '';
let freeEd = '';
let welfare = '';
let auditor = '';
beforeAll(async () => {
  h = await createTestApp();
  admin = await h.login('admin');
  office = await h.login('graduate.office');
  freeEd = await h.login('free.education');
  welfare = await h.login('welfare.office');
  auditor = await h.login('auditor');
});
afterAll(() => h.close());

const q = (params: Record<string, unknown>) =>
  `?${new URLSearchParams(Object.entries(params).map(([k, v]): [string, string] => [k, JSON.stringify(v)])).toString()}`;
const get = (cookie: string | undefined, url: string) => h.call(cookie, { method: 'GET', url });
const post = (cookie: string | undefined, url: string, payload: object = {}) =>
  h.call(cookie, { method: 'POST', url, payload });
const put = (cookie: string | undefined, url: string, payload: object) =>
  h.call(cookie, { method: 'PUT', url, payload });
const userOf = async (username: string) =>
  h.t.db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirstOrThrow();

async function graduateWithRequest() {
  const g = await createGraduate(h, office, admin);
  const r = await post(g.cookie, '/api/requests');
  expect(r.statusCode).toBe(201);
  const doc = await h.call(g.cookie, {
    method: 'POST',
    url: `/api/requests/${r.json().id}/documents`,
    ...uploadBody('transcript', pdfBytes()),
  });
  expect(doc.statusCode).toBe(201);
  return { ...g, requestId: r.json().id as string, version: r.json().version as number, documentId: doc.json().id };
}

describe('V8.2 General authorization design', () => {
  it('ASVS 8.2.1 — each function is open only to the roles given it explicitly', async () => {
    const graduate = await createGraduate(h, office, admin);
    const account = { username: 'not.created', password: 'a long enough passphrase', role: 'admin', displayName: 'x' };
    const cases: Array<[string, string | undefined, () => Promise<{ statusCode: number }>, number]> = [
      ['anyone logged out, any private route', undefined, () => get(undefined, '/api/requests'), 401],
      ['the Graduate Office, accounts', office, () => get(office, '/api/users'), 403],
      ['a graduate, accounts', graduate.cookie, () => get(graduate.cookie, '/api/users'), 403],
      ['the auditor, creating an account', auditor, () => post(auditor, '/api/users', account), 403],
      ['the Welfare Office, verifying the audit chain', welfare, () => get(welfare, '/api/audit-events/verify'), 403],
      ['the admin, the case files', admin, () => get(admin, '/api/requests'), 403],
      ['the admin, the audit export', admin, () => get(admin, '/api/audit-events/export.csv'), 403],
      ['the auditor, the audit export', auditor, () => get(auditor, '/api/audit-events/export.csv'), 200],
      ['the admin, accounts', admin, () => get(admin, '/api/users'), 200],
    ];
    for (const [who, , call, status] of cases) expect([who, (await call()).statusCode]).toEqual([who, status]);
  });

  it('ASVS 8.2.2 — a graduate reaches only their own records, whatever id they send (no IDOR)', async () => {
    const a = await graduateWithRequest();
    const b = await graduateWithRequest();
    for (const url of [
      `/api/graduates/${a.id}`,
      `/api/requests/${a.requestId}`,
      `/api/documents/${a.documentId}`,
      `/api/documents/${a.documentId}/file`,
    ]) {
      expect([url, (await get(b.cookie, url)).statusCode]).toEqual([url, 404]);
      expect([url, (await get(a.cookie, url)).statusCode]).toEqual([url, 200]);
    }
    // Lists are filtered in SQL: asking for A's records by id or by graduate shows B nothing of A's.
    for (const url of [
      `/api/requests${q({ filter: { graduateId: a.id } })}`,
      `/api/requests${q({ filter: { id: [a.requestId] } })}`,
      `/api/documents${q({ filter: { requestId: a.requestId } })}`,
      `/api/graduates${q({ filter: { id: [a.id] } })}`,
    ]) {
      const res = await get(b.cookie, url);
      expect([url, res.statusCode, res.json()]).toEqual([url, 200, []]);
    }
    // Writes on A's records by B are refused as if they did not exist, and change nothing.
    const before = (await get(a.cookie, `/api/requests/${a.requestId}`)).json().version;
    expect(
      (await post(b.cookie, `/api/requests/${a.requestId}/actions/withdraw`, { version: before })).statusCode,
    ).toBe(404);
    expect(
      (
        await h.call(b.cookie, {
          method: 'POST',
          url: `/api/requests/${a.requestId}/documents`,
          ...uploadBody('transcript', pdfBytes()),
        })
      ).statusCode,
    ).toBe(404);
    expect(
      (await post(b.cookie, `/api/graduates/${a.id}/corrections`, { changes: { fatherName: 'x' } })).statusCode,
    ).toBe(404);
    expect((await post(b.cookie, '/api/requests', { graduateId: a.id })).statusCode).toBe(404);
    expect((await get(a.cookie, `/api/requests/${a.requestId}`)).json().version).toBe(before);
  });

  it('ASVS 8.2.3 — fields are written and read only as each role is allowed (no mass assignment, no leaks)', async () => {
    const me = await userOf('admin');
    const url = `/api/users/${me.id}`;
    // The admin may rename themselves, but not change their own role or lock themselves out.
    expect((await put(admin, url, { version: me.version, role: 'auditor' })).statusCode).toBe(403);
    expect((await put(admin, url, { version: me.version, active: false })).statusCode).toBe(403);
    const renamed = await put(admin, url, { version: me.version, displayName: 'مدیر سامانه' });
    expect(renamed.statusCode).toBe(200);
    expect(renamed.json()).toMatchObject({ role: 'admin', active: true });
    // Fields no one writes through the API are refused by the schema, not silently taken.
    for (const field of ['passwordHash', 'createdAt', 'passwordChangedAt', 'id', 'username']) {
      const res = await put(admin, url, { version: renamed.json().version, [field]: 'x' });
      expect([field, res.statusCode]).toEqual([field, 400]);
      expect(res.json().errors[0].field).toBe(field);
    }
    // A request's parts: each office writes only its own.
    const r = await graduateWithRequest();
    const cancellation = {
      route: 'employment',
      saorgTrackingCode: null,
      amountOwed: 0,
      amountPaid: 0,
      paymentRef: null,
      version: r.version + 1,
    };
    expect((await put(welfare, `/api/requests/${r.requestId}/cancellation`, cancellation)).statusCode).toBe(403);
    expect(
      (
        await put(freeEd, `/api/requests/${r.requestId}/welfare`, {
          hasDebt: false,
          settled: false,
          version: r.version + 1,
        })
      ).statusCode,
    ).toBe(403);
    expect((await post(welfare, `/api/requests/${r.requestId}/ticks/cancellation`, { set: true })).statusCode).toBe(
      403,
    );
    // Reads never carry secrets: no password hash in any account shape the API returns.
    for (const res of [await get(admin, '/api/users'), await get(admin, url)]) {
      expect(res.statusCode).toBe(200);
      expect(res.body).not.toMatch(/passwordHash|argon2/);
    }
    const session = await get(admin, '/api/auth/session');
    expect(session.body).not.toMatch(/passwordHash|argon2/);
  });
});

describe('V8.3 Operation level authorization', () => {
  it('ASVS 8.3.1 — the server decides on every request from its own records, never from what the client holds', async () => {
    const res = await h.call(undefined, {
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'welfare.office', password: 'demo-pass-1405' },
    });
    const cookie = `dd_session=${res.cookies.find((c) => c.name === 'dd_session')!.value}`;
    // The packed rules the UI gets are a copy for drawing buttons; sending them back, or a role, changes nothing.
    expect((await get(cookie, '/api/users')).statusCode).toBe(403);
    const forged = await h.call(cookie, {
      method: 'GET',
      url: '/api/users',
      headers: { 'x-role': 'admin', 'x-rules': JSON.stringify([['manage', 'all']]) },
    });
    expect(forged.statusCode).toBe(403);
    expect(
      (await post(cookie, '/api/auth/login', { username: 'welfare.office', password: 'x', role: 'admin' })).statusCode,
    ).toBe(400);
    // The role is read from the database on each request: a change by the admin applies to the open session at
    // once, both ways, with no new login.
    const welfareUser = await userOf('welfare.office');
    const changed = await put(admin, `/api/users/${welfareUser.id}`, { version: welfareUser.version, role: 'auditor' });
    expect(changed.statusCode).toBe(200);
    expect((await get(cookie, '/api/audit-events/verify')).statusCode).toBe(200);
    const r = await graduateWithRequest();
    expect(
      (
        await put(cookie, `/api/requests/${r.requestId}/welfare`, {
          hasDebt: false,
          settled: false,
          version: r.version + 1,
        })
      ).statusCode,
    ).toBe(403);
    const back = await put(admin, `/api/users/${welfareUser.id}`, {
      version: changed.json().version,
      role: 'welfare_officer',
    });
    expect(back.statusCode).toBe(200);
    expect((await get(cookie, '/api/audit-events/verify')).statusCode).toBe(403);
  });
});
