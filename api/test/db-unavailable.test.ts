import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createDb, type DbHandle } from '@diploma-desk/db';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type App, buildApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { ORIGIN } from './helpers.ts';

// The database not answering is a 503 problem+json with Retry-After on every path: the health check
// without a session, and any call with one (the session lookup is its first query). Here PostgreSQL is a
// port nobody listens on (connection refused, as while it restarts). The live outage, a real PostgreSQL
// stopped and started under load, is test/faults/pg-restart.test.ts.
let app: App;
let handle: DbHandle;
let dataDir = '';
beforeAll(async () => {
  const port = await new Promise<number>((resolve) => {
    const srv = createServer().listen(0, '127.0.0.1', () => {
      const address = srv.address();
      srv.close(() => resolve(typeof address === 'object' && address ? address.port : 1));
    });
  });
  dataDir = await mkdtemp(path.join(tmpdir(), 'dd-test-'));
  const databaseUrl = `postgres://nobody@127.0.0.1:${port}/none`;
  handle = await createDb({ databaseUrl, dataDir });
  const config = loadConfig({
    UI_DIR: '/nonexistent',
    LOG_LEVEL: 'silent',
    DATA_DIR: dataDir,
    DATABASE_URL: databaseUrl,
    NOTIFICATION_INTERVAL_SECONDS: '0',
    AUDIT_HEAD_INTERVAL_SECONDS: '0',
  });
  app = await buildApp({ config, db: handle.db, logger: false });
  await app.ready();
});
afterAll(async () => {
  await app.close();
  await handle.close();
  await rm(dataDir, { recursive: true, force: true });
});

it.each([
  ['GET /api/health without a session', 'GET', '/api/health', undefined],
  ['GET /api/health with one', 'GET', '/api/health', 'dd_session=x'],
  ['GET /api/requests', 'GET', '/api/requests', 'dd_session=x'],
  ['POST /api/auth/login', 'POST', '/api/auth/login', undefined],
])('%s: 503 service-unavailable with Retry-After', async (_name, method, url, cookie) => {
  const res = await app.inject({
    method: method as 'GET' | 'POST',
    url,
    headers: { host: 'localhost:80', origin: ORIGIN, ...(cookie ? { cookie } : {}) },
    ...(method === 'POST' ? { payload: { username: 'graduate.office', password: 'a long enough password' } } : {}),
  });
  expect(res.statusCode).toBe(503);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(res.headers['retry-after']).toMatch(/^[1-9][0-9]*$/);
  expect(res.json()).toMatchObject({ type: '/api/problems/service-unavailable', status: 503 });
  expect(res.body).not.toMatch(/ECONNREFUSED|127\.0\.0\.1|stack/);
});
