import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers.ts';

/**
 * ASVS 5.0 V3.3 Cookie setup, Level 2. The session cookie is the only cookie the application writes. Whether
 * it is Secure follows SESSION_COOKIE_SECURE: `true` always (a TLS deployment), `auto` (the default) when the
 * request came over HTTPS (directly, or through a proxy trusted with TRUST_PROXY), `false` never. Over plain
 * HTTP on a developer's machine a browser would drop a Secure cookie, so there the cookie is `dd_session`
 * without the prefix; docs/security.md records this.
 */
let tls: TestApp;
let proxied: TestApp;
let plain: TestApp;
beforeAll(async () => {
  tls = await createTestApp({ SESSION_COOKIE_SECURE: 'true', PUBLIC_ORIGIN: 'https://desk.example' });
  proxied = await createTestApp({ TRUST_PROXY: 'true' });
  plain = await createTestApp();
});
afterAll(async () => {
  await tls.close();
  await proxied.close();
  await plain.close();
});

const HTTPS = { host: 'desk.example', origin: 'https://desk.example' };
const PROXIED_HTTPS = { ...HTTPS, 'x-forwarded-proto': 'https' };
const HTTP = { host: 'localhost:80', origin: 'http://localhost:80' };

async function login(h: TestApp, headers: Record<string, string>, cookie?: string) {
  const res = await h.app.inject({
    method: 'POST',
    url: '/api/auth/login',
    headers: { ...headers, ...(cookie ? { cookie } : {}) },
    payload: { username: 'auditor', password: 'demo-pass-1405' },
  });
  expect(res.statusCode, res.body).toBe(200);
  return res;
}
const setCookies = (res: { headers: Record<string, unknown> }) => [res.headers['set-cookie'] ?? []].flat() as string[];
const session = (h: TestApp, headers: Record<string, string>, cookie: string) =>
  h.app.inject({ method: 'GET', url: '/api/auth/session', headers: { ...headers, cookie } });

describe('V3.3 Cookie setup', () => {
  it('ASVS 3.3.1 — over TLS the session cookie is Secure and carries the __Host- prefix', async () => {
    for (const [h, headers] of [
      [tls, HTTPS],
      [proxied, PROXIED_HTTPS],
    ] as const) {
      const res = await login(h, headers);
      const [header, ...others] = setCookies(res);
      expect(others).toEqual([]);
      expect(header).toMatch(/^__Host-dd_session=[A-Za-z0-9_-]{43};/);
      expect(header).toMatch(/; Secure(;|$)/);
      expect(res.cookies[0]).toMatchObject({ name: '__Host-dd_session', secure: true });
    }
    // Plain HTTP in auto mode (a developer's machine): no Secure flag, which the browser would refuse there.
    const local = await login(plain, HTTP);
    expect(local.cookies.map((c) => [c.name, c.secure])).toEqual([['dd_session', undefined]]);
  });

  it('ASVS 3.3.2 — the session cookie is SameSite=Strict (it is only ever sent by the app to itself)', async () => {
    for (const [h, headers] of [
      [tls, HTTPS],
      [proxied, PROXIED_HTTPS],
      [plain, HTTP],
    ] as const) {
      const res = await login(h, headers);
      expect(setCookies(res)[0]).toMatch(/; SameSite=Strict(;|$)/);
      const logout = await h.app.inject({
        method: 'POST',
        url: '/api/auth/logout',
        headers: { ...headers, cookie: `${res.cookies[0]!.name}=${res.cookies[0]!.value}` },
      });
      expect(logout.statusCode).toBe(204);
      // The cookie that clears it on logout has the same attributes, so the browser replaces the right one.
      expect(setCookies(logout)[0]).toMatch(/; SameSite=Strict(;|$)/);
      expect(setCookies(logout)[0]).toMatch(/; Path=\/(;|$)/);
    }
  });

  it('ASVS 3.3.3 — the __Host- cookie has Path=/ and no Domain, and only it is accepted over TLS', async () => {
    const res = await login(tls, HTTPS);
    const header = setCookies(res)[0]!;
    expect(header).toMatch(/; Path=\/(;|$)/);
    expect(header).not.toMatch(/; Domain=/i);
    const token = res.cookies[0]!.value;
    expect((await session(tls, HTTPS, `__Host-dd_session=${token}`)).statusCode).toBe(200);
    // A cookie without the prefix could have been set by a sibling host (cookie tossing); over TLS it is not
    // read, so no other host can log this browser in as someone else.
    expect((await session(tls, HTTPS, `dd_session=${token}`)).statusCode).toBe(401);
    const proxiedToken = (await login(proxied, PROXIED_HTTPS)).cookies[0]!.value;
    expect((await session(proxied, PROXIED_HTTPS, `dd_session=${proxiedToken}`)).statusCode).toBe(401);
    expect((await session(proxied, PROXIED_HTTPS, `__Host-dd_session=${proxiedToken}`)).statusCode).toBe(200);
    // A tossed cookie does not shadow the real one either.
    const both = `dd_session=not-a-session; __Host-dd_session=${token}`;
    expect((await session(tls, HTTPS, both)).statusCode).toBe(200);
  });

  it('ASVS 3.3.4 — the session token is HttpOnly and travels only in Set-Cookie, never in a body', async () => {
    for (const [h, headers] of [
      [tls, HTTPS],
      [plain, HTTP],
    ] as const) {
      const res = await login(h, headers);
      const cookie = res.cookies[0]!;
      expect(cookie.httpOnly).toBe(true);
      expect(setCookies(res)[0]).toMatch(/; HttpOnly(;|$)/);
      expect(res.body).not.toContain(cookie.value);
      const again = await session(h, headers, `${cookie.name}=${cookie.value}`);
      expect(again.statusCode).toBe(200);
      expect(again.body).not.toContain(cookie.value);
      expect(JSON.stringify(again.headers)).not.toContain(cookie.value);
    }
  });
});
