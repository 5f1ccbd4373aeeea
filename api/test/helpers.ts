import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DEMO_PASSWORD, LocalFileStorage, seedDemoData } from '@diploma-desk/db';
import { createTestDb, type TestDb } from '@diploma-desk/db/testing';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { type App, buildApp } from '../src/app.ts';
import { type Config, loadConfig } from '../src/config.ts';

export const ORIGIN = 'http://localhost:80';

export interface TestApp {
  app: App;
  t: TestDb;
  config: Config;
  /** Logs in and returns the cookie header value. */
  login(username: string, password?: string): Promise<string>;
  /** A browser-like request: same-origin Origin header, with the given session cookie. */
  call(cookie: string | undefined, options: InjectOptions): Promise<LightMyRequestResponse>;
  close(): Promise<void>;
}

/**
 * A fresh app on a fresh database (real PostgreSQL when TEST_DATABASE_URL is set, in-memory PGlite otherwise)
 * with its own DATA_DIR for uploaded files, removed again by close().
 */
export async function createTestApp(env: Record<string, string> = {}): Promise<TestApp> {
  const t = await createTestDb(process.env.TEST_DATABASE_URL);
  const dataDir = await mkdtemp(path.join(tmpdir(), 'dd-test-'));
  // The staff accounts only: each test sets up the graduates and requests it needs.
  await seedDemoData(t.db, { storage: new LocalFileStorage(path.join(dataDir, 'files')), graduates: 0 });
  const config = loadConfig({
    UI_DIR: '/nonexistent',
    LOG_LEVEL: 'silent',
    DATA_DIR: dataDir,
    NOTIFICATION_INTERVAL_SECONDS: '0',
    // Tests write behind the API's back (fixtures); a kept list total would hide those writes for seconds.
    LIST_COUNT_CACHE_SECONDS: '0',
    AUDIT_HEAD_INTERVAL_SECONDS: '0',
    ...env,
  });
  const app = await buildApp({ config, db: t.db, logger: false });
  await app.ready();
  const call: TestApp['call'] = (cookie, options) =>
    app.inject({
      ...options,
      headers: { host: 'localhost:80', origin: ORIGIN, ...(cookie ? { cookie } : {}), ...options.headers },
    });
  return {
    app,
    t,
    config,
    call,
    async login(username, password = DEMO_PASSWORD) {
      const res = await call(undefined, { method: 'POST', url: '/api/auth/login', payload: { username, password } });
      if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
      const cookie = res.cookies.find((c) => c.name === 'dd_session');
      if (!cookie) throw new Error('no session cookie');
      return `dd_session=${cookie.value}`;
    },
    async close() {
      await app.close();
      await t.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

export async function auditEvents(t: TestDb) {
  return t.db.selectFrom('auditEvents').selectAll().orderBy('id').execute();
}
