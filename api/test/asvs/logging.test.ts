import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { DEMO_PASSWORD, generateNationalId, LocalFileStorage, seedDemoData } from '@diploma-desk/db';
import { createTestDb, type TestDb } from '@diploma-desk/db/testing';
import type { InjectOptions } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type App, buildApp } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import { loggerOptions } from '../../src/lib/logger.ts';
import { pdfBytes, uploadBody } from '../fixtures.ts';
import { ORIGIN } from '../helpers.ts';

/**
 * ASVS 5.0 V16 Security logging, Level 2. Two logs: the application log (pino, JSON lines on stdout, with the
 * options `loggerOptions` gives the app in production) and the audit log (hash-chained rows, exported as
 * CSV). The application log is captured here for a whole working session.
 */
let t: TestDb;
let app: App;
let dataDir: string;
let raw = '';
/** The last audit event the seed wrote: the working session's events come after it. */
let seededUpTo = 0;
beforeAll(async () => {
  t = await createTestDb(process.env.TEST_DATABASE_URL);
  dataDir = await mkdtemp(path.join(tmpdir(), 'dd-asvs-log-'));
  await seedDemoData(t.db, { storage: new LocalFileStorage(path.join(dataDir, 'files')), graduates: 0 });
  const last = await t.db
    .selectFrom('auditEvents')
    .select((eb) => eb.fn.max('id').as('id'))
    .executeTakeFirstOrThrow();
  seededUpTo = Number(last.id);
  const config = loadConfig({
    UI_DIR: '/nonexistent',
    LOG_LEVEL: 'info',
    DATA_DIR: dataDir,
    NOTIFICATION_INTERVAL_SECONDS: '0',
    AUDIT_HEAD_INTERVAL_SECONDS: '0',
  });
  const stream = new Writable({
    write(chunk, _encoding, done) {
      raw += chunk.toString('utf8');
      done();
    },
  });
  app = await buildApp({ config, db: t.db, logger: { ...loggerOptions(config), stream } });
  // A defect that reaches the database with personal data in it: the kind of 500 whose log must still not
  // carry that data (PostgreSQL puts the clashing value in the error's `detail`).
  app.post('/api/asvs/defect', async (request) => {
    const { from, to } = request.body as { from: string; to: string };
    const copy = await t.db
      .selectFrom('graduates')
      .select('nationalId')
      .where('id', '=', from)
      .executeTakeFirstOrThrow();
    await sql`UPDATE graduates SET national_id = ${copy.nationalId} WHERE id = ${to}`.execute(t.db);
    return {};
  });
  await app.ready();
});
afterAll(async () => {
  await app.close();
  await t.close();
  await rm(dataDir, { recursive: true, force: true });
});

const call = (cookie: string | undefined, options: InjectOptions) =>
  app.inject({
    ...options,
    headers: { host: 'localhost:80', origin: ORIGIN, ...(cookie ? { cookie } : {}), ...options.headers },
  });
async function login(username: string, password = DEMO_PASSWORD) {
  const res = await call(undefined, { method: 'POST', url: '/api/auth/login', payload: { username, password } });
  expect(res.statusCode).toBe(200);
  const cookie = res.cookies.find((c) => c.name === 'dd_session')!;
  return { cookie: `dd_session=${cookie.value}`, token: cookie.value };
}
/** The C0 and C1 control characters in a text, as code points. */
const controlsIn = (text: string) =>
  [...text].map((c) => c.codePointAt(0)!).filter((n) => n < 0x20 || (n >= 0x7f && n <= 0x9f));
const lines = () => raw.split('\n').filter((line) => line !== '');
const records = () => lines().map((line) => JSON.parse(line) as Record<string, unknown>);

function graduateBody(nationalId: string, n: number) {
  return {
    studentNumber: `4019${n}0001`,
    nationalId,
    firstName: 'مهسا',
    lastName: 'رحیمی',
    fatherName: 'کاوه',
    birthDate: '1994-08-01',
    gender: 'female',
    degreeLevel: 'phd',
    faculty: 'دانشکده فیزیک',
    program: 'فیزیک ماده چگال',
  };
}

/** Everything a working day has, with the secrets and personal data it handles kept aside for the checks. */
const secrets = { passwords: [DEMO_PASSWORD], tokens: [] as string[], nationalIds: [] as string[] };
let sessionRun: Promise<void> | undefined;
function workingSession(): Promise<void> {
  sessionRun ??= (async () => {
    const admin = await login('admin');
    const office = await login('graduate.office');
    secrets.tokens.push(admin.token, office.token);
    // A failed login with a password that is someone's real one, typed for the wrong account.
    const wrongPassword = 'my real passphrase, typed into the wrong account';
    secrets.passwords.push(wrongPassword);
    const failed = await call(undefined, {
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'graduate.office', password: wrongPassword },
    });
    expect(failed.statusCode).toBe(401);
    // Two graduates with their national IDs, looked up by national ID as the office does at the counter.
    const ids: string[] = [];
    for (const n of [1, 2]) {
      const nationalId = generateNationalId();
      secrets.nationalIds.push(nationalId);
      const res = await call(office.cookie, {
        method: 'POST',
        url: '/api/graduates',
        payload: graduateBody(nationalId, n),
      });
      expect(res.statusCode, res.body).toBe(201);
      ids.push(res.json().id);
      const search = await call(office.cookie, {
        method: 'GET',
        url: `/api/graduates?filter=${encodeURIComponent(JSON.stringify({ q: nationalId }))}`,
      });
      expect(search.json()).toHaveLength(1);
    }
    // An account with its password, which then logs in and uploads a document.
    const password = 'a graduate’s own long passphrase';
    secrets.passwords.push(password);
    const account = await call(admin.cookie, {
      method: 'POST',
      url: '/api/users',
      payload: { username: 'mahsa.rahimi', password, role: 'graduate', displayName: 'مهسا', graduateId: ids[0] },
    });
    expect(account.statusCode, account.body).toBe(201);
    const graduate = await login('mahsa.rahimi', password);
    secrets.tokens.push(graduate.token);
    const request = await call(graduate.cookie, { method: 'POST', url: '/api/requests', payload: {} });
    expect(request.statusCode).toBe(201);
    const upload = await call(graduate.cookie, {
      method: 'POST',
      url: `/api/requests/${request.json().id}/documents`,
      ...uploadBody('national_id_card', pdfBytes(), `کارت ملی ${secrets.nationalIds[0]}.pdf`),
    });
    expect(upload.statusCode).toBe(201);
    // A server error with a national ID inside it.
    const defect = await call(office.cookie, {
      method: 'POST',
      url: '/api/asvs/defect',
      payload: { from: ids[0], to: ids[1] },
    });
    expect(defect.statusCode).toBe(500);
    expect(defect.body).not.toContain(secrets.nationalIds[0]);
    // A password reset by the admin, and logging out.
    const row = await t.db
      .selectFrom('users')
      .select(['id', 'version'])
      .where('username', '=', 'mahsa.rahimi')
      .executeTakeFirstOrThrow();
    const reset = 'a replacement passphrase for mahsa';
    secrets.passwords.push(reset);
    expect(
      (
        await call(admin.cookie, {
          method: 'PUT',
          url: `/api/users/${row.id}`,
          payload: { version: row.version, password: reset },
        })
      ).statusCode,
    ).toBe(200);
    expect((await call(office.cookie, { method: 'POST', url: '/api/auth/logout' })).statusCode).toBe(204);
  })();
  return sessionRun;
}

describe('V16.2 General logging', () => {
  it('ASVS 16.2.1 — log entries say when, where, who and what', async () => {
    await workingSession();
    // The application log: every request's lines carry the time, the request id, the method, URL and client
    // address, and once logged in, the user; its completion carries the status.
    const log = records();
    const completed = log.filter((r) => r.msg === 'request completed');
    expect(completed.length).toBeGreaterThan(10);
    for (const r of log) {
      expect(typeof r.time).toBe('number');
      expect(typeof r.level).toBe('number');
    }
    const incoming = log.filter((r) => r.msg === 'incoming request');
    for (const r of incoming) {
      expect(r.req).toMatchObject({
        method: expect.any(String),
        url: expect.any(String),
        remoteAddress: expect.any(String),
      });
      expect(typeof r.reqId).toBe('string');
    }
    const adminId = (
      await t.db.selectFrom('users').select('id').where('username', '=', 'admin').executeTakeFirstOrThrow()
    ).id;
    const byAdmin = completed.filter((r) => r.userId === adminId);
    expect(byAdmin.length).toBeGreaterThan(0);
    for (const r of completed) expect((r.res as { statusCode: number }).statusCode).toEqual(expect.any(Number));
    // The 500 is logged with what went wrong, tied to its request.
    const failure = log.find((r) => r.msg === 'unhandled error');
    expect(failure).toMatchObject({
      level: 50,
      reqId: expect.any(String),
      err: { type: expect.any(String), message: expect.any(String) },
    });

    // The audit log: every event has when (at), who (actor and role), where (IP and user agent) and what
    // (action, subject, before and after).
    const events = await t.db.selectFrom('auditEvents').selectAll().orderBy('id').execute();
    const session = events.filter((e) => Number(e.id) > seededUpTo);
    expect(session.map((e) => e.action)).toEqual(
      expect.arrayContaining([
        'auth.login',
        'auth.login_failed',
        'graduate.create',
        'user.create',
        'document.upload',
        'user.reset_password',
        'auth.logout',
      ]),
    );
    for (const e of session) {
      expect(e.at).toBeInstanceOf(Date);
      expect(e.ip).toEqual(expect.any(String));
      expect(e.userAgent).toEqual(expect.any(String));
      expect(e.action).toMatch(/^[a-z_.-]+$/);
      expect(e.subjectType).toEqual(expect.any(String));
      if (e.action !== 'auth.login_failed')
        expect([e.action, e.actorId, e.role]).toEqual([e.action, expect.any(String), expect.any(String)]);
    }
  });

  it('ASVS 16.2.5 — no password, session token or cookie, or national ID reaches the application log', async () => {
    await workingSession();
    expect(lines().length).toBeGreaterThan(20);
    const leaks = lines().flatMap((line, i) =>
      [
        ...secrets.passwords.map((s) => ['password', s] as const),
        ...secrets.tokens.map((s) => ['session token', s] as const),
        ...secrets.nationalIds.map((s) => ['national ID', s] as const),
        ['cookie header', 'dd_session='] as const,
        ['password hash', '$argon2'] as const,
      ]
        .filter(([, secret]) => line.includes(secret) || line.includes(JSON.stringify(secret).slice(1, -1)))
        .map(([what]) => `line ${i + 1}: ${what}: ${line.slice(0, 300)}`),
    );
    expect(leaks).toEqual([]);
  });
});

describe('V16.4 Log protection', () => {
  it('ASVS 16.4.1 — hostile text is encoded: one record stays one line, with no raw control characters', async () => {
    await workingSession();
    const before = lines().length;
    const hostile = [
      'admin\r\n{"level":30,"msg":"login ok","userId":"forged"}',
      '\u001b[2J\u001b[31mRED\u001b[0m',
      'csi\u009b31m c1-control',
      '=HYPERLINK("http://evil.example","click")',
    ];
    for (const username of hostile) {
      const res = await call(undefined, {
        method: 'POST',
        url: '/api/auth/login',
        payload: { username, password: 'not the password at all' },
        // Header values cannot hold CR or LF (HTTP refuses them); anything else may come.
        headers: { 'user-agent': `agent ${username.replace(/[\r\n]/g, ' ')}` },
      });
      // A C0 control character in a username is refused outright (400); the rest reach the audit log (401).
      expect(res.statusCode).toBe(controlsIn(username).some((c) => c < 0x20) ? 400 : 401);
      await call(undefined, {
        method: 'GET',
        url: `/api/nowhere/${encodeURIComponent(username)}?q=${encodeURIComponent(username)}`,
      });
    }
    // The application log: each record parses on its own line; nothing forged a record, nothing raw got through.
    const after = lines().slice(before);
    expect(after.length).toBeGreaterThanOrEqual(hostile.length * 4);
    for (const line of after) {
      expect(() => JSON.parse(line)).not.toThrow();
      expect(controlsIn(line)).toEqual([]);
      expect(JSON.parse(line).userId).not.toBe('forged');
    }
    // The audit log's CSV export: one record per event, every field's control characters escaped, and no
    // cell that a spreadsheet would run as a formula.
    const auditor = await login('auditor');
    const csv = await call(auditor.cookie, { method: 'GET', url: '/api/audit-events/export.csv' });
    expect(csv.statusCode).toBe(200);
    const body = csv.body.replace(/^\ufeff/, '');
    const rows = body.split('\r\n').filter((row) => row !== '');
    // Header, then one line per event, each starting with its id: no field broke a line.
    const [, ...events] = rows;
    for (const row of events) expect(row).toMatch(/^\d+,/);
    const last = Number(events.at(-1)!.split(',')[0]);
    const count = await t.db
      .selectFrom('auditEvents')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('id', '<=', String(last))
      .executeTakeFirstOrThrow();
    expect(events.length).toBe(Number(count.n));
    // Between the CRLFs that end records, no control character at all, CR and LF included.
    for (const row of rows) expect(controlsIn(row)).toEqual([]);
    for (const row of events) expect(row).not.toMatch(/(^|,)"?[=+@]/);
    const failedLogins = rows.filter((row) => row.includes('auth.login_failed'));
    expect(failedLogins.some((row) => row.includes('HYPERLINK'))).toBe(true);
  });
});
