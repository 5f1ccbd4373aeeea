import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents, createTestApp, type TestApp } from '../helpers.ts';

let h: TestApp;
let cookie: string;
beforeAll(async () => {
  h = await createTestApp();
  cookie = await h.login('admin');
});
afterAll(() => h.close());

const newUser = { username: 'csrf.victim', password: 'a long enough passphrase', role: 'auditor', displayName: 'X' };

describe('CSRF defence', () => {
  it.each([
    ['a foreign Origin', { origin: 'https://evil.example' }],
    ['no Origin with a session cookie', {}],
    ['a cross-site fetch', { 'sec-fetch-site': 'cross-site' }],
  ] as Array<[string, Record<string, string>]>)(
    'refuses a state-changing request with %s and writes nothing',
    async (_name, headers) => {
      const before = (await auditEvents(h.t)).length;
      const res = await h.app.inject({
        method: 'POST',
        url: '/api/users',
        headers: { host: 'localhost:80', cookie, ...headers },
        payload: newUser,
      });
      expect(res.statusCode).toBe(403);
      expect(res.json().type).toBe('/api/problems/csrf-rejected');
      expect(await h.t.db.selectFrom('users').where('username', '=', newUser.username).selectAll().execute()).toEqual(
        [],
      );
      expect((await auditEvents(h.t)).length).toBe(before);
    },
  );

  it('accepts the same request from the app itself', async () => {
    const res = await h.call(cookie, { method: 'POST', url: '/api/users', payload: newUser });
    expect(res.statusCode).toBe(201);
  });

  it('lets GET through without Origin', async () => {
    const res = await h.app.inject({ method: 'GET', url: '/api/auth/session', headers: { cookie } });
    expect(res.statusCode).toBe(200);
  });
});
