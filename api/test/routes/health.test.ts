import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers.ts';

let h: TestApp;
beforeAll(async () => {
  h = await createTestApp();
});
afterAll(() => h.close());

it('GET /api/health answers {ok: true} without a session', async () => {
  const res = await h.app.inject({ method: 'GET', url: '/api/health' });
  expect(res.statusCode).toBe(200);
  expect(res.json()).toEqual({ ok: true });
});

it('an unknown API route is a 404 problem, logged in or not', async () => {
  for (const cookie of [undefined, await h.login('admin')]) {
    const res = await h.call(cookie, { method: 'GET', url: '/api/no-such-thing' });
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.json()).toMatchObject({ type: '/api/problems/not-found', status: 404 });
  }
});

it('a path that does not percent-decode, or a path parameter too long to route, is a problem too', async () => {
  const admin = await h.login('admin');
  for (const [url, status, type] of [
    ['/api/users/%E0%A4%A', 400, '/api/problems/bad-request'],
    ['/api/requests/%/actions/submit', 400, '/api/problems/bad-request'],
    [`/api/users/${'a'.repeat(101)}`, 414, '/api/problems/uri-too-long'],
  ] as const) {
    const res = await h.call(admin, { method: 'GET', url });
    expect(res.statusCode, url).toBe(status);
    expect(res.headers['content-type'], url).toMatch(/^application\/problem\+json/);
    expect(res.json(), url).toMatchObject({ type, status });
    expect(res.body).not.toContain('FST_');
  }
});

it('serves the OpenAPI document listing the contract paths', async () => {
  const res = await h.app.inject({ method: 'GET', url: '/api/openapi.json' });
  expect(res.statusCode).toBe(200);
  const doc = res.json();
  expect(doc.openapi).toBe('3.1.0');
  for (const path of [
    '/api/auth/login',
    '/api/auth/logout',
    '/api/auth/session',
    '/api/users',
    '/api/users/{id}',
    '/api/health',
  ]) {
    expect(Object.keys(doc.paths)).toContain(path);
  }
  const docs = await h.app.inject({ method: 'GET', url: '/api/docs' });
  expect([200, 302]).toContain(docs.statusCode);
});

it('never leaks internals in a 5xx', async () => {
  const broken = await createTestApp();
  await broken.t.close();
  const res = await broken.app.inject({ method: 'GET', url: '/api/health' });
  expect(res.statusCode).toBe(503);
  expect(res.body).not.toMatch(/stack|SELECT|at .*\.ts/);
  await broken.app.close();
});
