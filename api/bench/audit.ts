/**
 * The audit log measured on PostgreSQL (docs/BENCHMARKS.md): appends per second under 20 concurrent writers
 * and what the chain adds to a mutation; verification of 1M events; the CSV export's rate and memory.
 * Works in a database of its own, created and dropped here: BENCH_DATABASE_URL names the server
 * (default postgres://postgres@127.0.0.1:5432/postgres). BENCH_EVENTS changes the 1M.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  AUDIT_HEADS_FILE,
  appendAuditEvent,
  appendAuditHead,
  createDb,
  GENESIS_HASH,
  generateNationalId,
  hashEvent,
  hashPassword,
  type Json,
  migrateToLatest,
  signAuditHead,
  verifyAudit,
  verifyAuditChain,
} from '@diploma-desk/db';
import { sql } from 'kysely';
import { buildApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';

const serverUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const TOTAL = Number(process.env.BENCH_EVENTS ?? 1_000_000);
const RUN_MS = 5_000;
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

const log = (s: string) => process.stdout.write(`${s}\n`);
const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? 0;
const round = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits;
const mib = (bytes: number) => round(bytes / 1_048_576, 0);

const dbName = `dd_bench_audit_${randomBytes(4).toString('hex')}`;
const dbUrl = (() => {
  const u = new URL(serverUrl);
  u.pathname = `/${dbName}`;
  return u.toString();
})();

async function admin(query: string) {
  const server = await createDb({ databaseUrl: serverUrl, dataDir: '', poolSize: 1 });
  try {
    await sql.raw(query).execute(server.db);
  } finally {
    await server.close();
  }
}

const results: Record<string, unknown> = {};

async function main() {
  await admin(`CREATE DATABASE ${dbName}`);
  const handle = await createDb({ databaseUrl: dbUrl, dataDir: '', poolSize: 24 });
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'dd-bench-audit-'));
  try {
    const db = handle.db;
    await migrateToLatest(db);
    const { rows: version } = await sql<{ v: string }>`SELECT current_setting('server_version') AS v`.execute(db);
    results.machine = {
      cpu: os.cpus()[0]?.model,
      cores: os.cpus().length,
      memoryGiB: Math.round(os.totalmem() / 2 ** 30),
      node: process.version,
      postgres: version[0]?.v,
      date: new Date().toISOString().slice(0, 10),
    };

    // Cases to hang events on: graduates and requests, as the app's lists join them.
    const requestIds: string[] = [];
    for (let batch = 0; batch < 10; batch += 1) {
      const graduates = await db
        .insertInto('graduates')
        .values(
          Array.from({ length: 100 }, (_, i) => ({
            studentNumber: `40${batch}${String(i).padStart(5, '0')}`,
            nationalId: generateNationalId(),
            firstName: 'سارا',
            lastName: `محمدی ${batch}-${i}`,
            fatherName: 'علی',
            birthDate: '1996-03-21',
            gender: 'female' as const,
            degreeLevel: 'masters' as const,
            faculty: 'مهندسی کامپیوتر',
            program: 'هوش مصنوعی',
            searchText: `sara mohammadi ${batch} ${i}`,
          })),
        )
        .returning('id')
        .execute();
      const requests = await db
        .insertInto('diplomaRequests')
        .values(graduates.map((g) => ({ graduateId: g.id })))
        .returning('id')
        .execute();
      requestIds.push(...requests.map((r) => r.id));
    }
    const passwordHash = await hashPassword('bench passphrase 1405');
    const staff = await db
      .insertInto('users')
      .values([
        { username: 'bench.auditor', displayName: 'حسابرس', role: 'auditor', passwordHash, graduateId: null },
        {
          username: 'bench.office',
          displayName: 'کارشناس',
          role: 'free_education_officer',
          passwordHash,
          graduateId: null,
        },
      ])
      .returning(['id', 'role'])
      .execute();
    const graduateOfFirst = await db
      .selectFrom('diplomaRequests')
      .select('graduateId')
      .where('id', '=', requestIds[0]!)
      .executeTakeFirstOrThrow();
    await db
      .insertInto('users')
      .values({
        username: 'bench.graduate',
        displayName: 'سارا',
        role: 'graduate',
        passwordHash,
        graduateId: graduateOfFirst.graduateId,
      })
      .execute();
    const actorIds = staff.map((s) => s.id);

    const sampleEvent = (i: number) => {
      const requestId = requestIds[i % requestIds.length]!;
      const kinds = [
        {
          action: 'cancellation.update',
          subjectType: 'request',
          subjectId: requestId,
          before: { route: null, saorgTrackingCode: null, amountOwed: '0', amountPaid: '0', paymentRef: null },
          after: {
            route: 'employment',
            saorgTrackingCode: `1405${i}`,
            amountOwed: '125000000',
            amountPaid: '125000000',
            paymentRef: `PAY-${i}`,
            updatedAt: new Date(1_700_000_000_000 + i * 1000).toISOString(),
          },
        },
        {
          action: 'request.submit',
          subjectType: 'request',
          subjectId: requestId,
          before: { stage: 'draft', version: 4 },
          after: { stage: 'submitted', version: 5 },
        },
        {
          action: 'document.upload',
          subjectType: 'document',
          subjectId: randomUUID(),
          before: null,
          after: {
            kind: 'national_id_card',
            sha256: randomBytes(32).toString('hex'),
            sizeBytes: 184_223,
            contentType: 'image/jpeg',
            originalName: 'کارت ملی.jpg',
            supersedes: null,
          },
        },
        {
          action: 'tick.cancellation.set',
          subjectType: 'request',
          subjectId: requestId,
          before: { cancellation: false, version: 6 },
          after: { cancellation: true, version: 7, reason: 'مدارک کامل است' },
        },
      ] as const;
      const k = kinds[i % kinds.length]!;
      return { ...k, requestId };
    };

    // 1. Appends, and what the chain adds to a mutation.
    await sql`CREATE TABLE bench_rows (id int PRIMARY KEY, n int NOT NULL)`.execute(db);
    await sql`INSERT INTO bench_rows SELECT g, 0 FROM generate_series(1, 20) g`.execute(db);
    await sql`CREATE TABLE bench_plain (LIKE audit_events INCLUDING ALL)`.execute(db);
    await sql`CREATE SEQUENCE bench_plain_id`.execute(db);
    let counter = 0;
    type Mode = 'mutation only' | 'mutation + plain insert' | 'mutation + chained append';
    const mutate = async (writer: number, mode: Mode) => {
      const i = counter++;
      await db.transaction().execute(async (trx) => {
        await sql`UPDATE bench_rows SET n = n + 1 WHERE id = ${writer + 1}`.execute(trx);
        const e = sampleEvent(i);
        const input = { actorId: actorIds[i % 2]!, role: 'free_education_officer', ip: '10.1.2.3', ...e };
        if (mode === 'mutation + chained append') await appendAuditEvent(trx, input);
        if (mode === 'mutation + plain insert') {
          const content = {
            ...input,
            id: String(i + 1),
            at: new Date(),
            userAgent: null,
            before: e.before as Json,
            after: e.after as Json,
            prevHash: GENESIS_HASH,
          };
          await sql`INSERT INTO bench_plain (id, at, actor_id, role, action, subject_type, subject_id, request_id,
                      before, after, ip, user_agent, prev_hash, hash)
                    VALUES (nextval('bench_plain_id'), ${content.at}, ${content.actorId}, ${content.role},
                      ${content.action}, ${content.subjectType}, ${content.subjectId}, ${content.requestId},
                      ${JSON.stringify(content.before)}::jsonb, ${JSON.stringify(content.after)}::jsonb,
                      ${content.ip}, NULL, ${GENESIS_HASH}, ${hashEvent(content)})`.execute(trx);
        }
      });
    };
    const load = async (writers: number, mode: Mode) => {
      const latencies: number[] = [];
      const warmUntil = performance.now() + 500;
      const end = warmUntil + RUN_MS;
      await Promise.all(
        Array.from({ length: writers }, async (_, w) => {
          while (performance.now() < end) {
            const t0 = performance.now();
            await mutate(w, mode);
            if (t0 >= warmUntil) latencies.push(performance.now() - t0);
          }
        }),
      );
      latencies.sort((a, b) => a - b);
      return {
        perSecond: Math.round(latencies.length / (RUN_MS / 1000)),
        p50ms: round(pct(latencies, 0.5), 2),
        p95ms: round(pct(latencies, 0.95), 2),
      };
    };
    const writes: Record<string, Record<Mode, unknown>> = {};
    for (const writers of [1, 20]) {
      writes[`${writers} writer${writers > 1 ? 's' : ''}`] = {} as Record<Mode, unknown>;
      for (const mode of ['mutation only', 'mutation + plain insert', 'mutation + chained append'] as Mode[]) {
        const r = await load(writers, mode);
        writes[`${writers} writer${writers > 1 ? 's' : ''}`]![mode] = r;
        log(`${writers} writers, ${mode}: ${JSON.stringify(r)}`);
      }
    }
    results.writes = writes;
    const appended = await verifyAuditChain(db);
    if (!appended.ok) throw new Error(`chain broken after the write benchmark: ${JSON.stringify(appended)}`);

    // 2. A million events, chained in JS and inserted in batches.
    const head = await db
      .selectFrom('auditEvents')
      .select(['id', 'hash'])
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirstOrThrow();
    let prevHash = head.hash;
    let nextId = BigInt(head.id) + 1n;
    const startAt = Date.now() - TOTAL * 1000;
    const BATCH = 10_000;
    const heads: { id: string; hash: string; at: string }[] = [];
    const t0 = performance.now();
    let hashingMs = 0;
    for (let done = 0; done < TOTAL; done += BATCH) {
      const n = Math.min(BATCH, TOTAL - done);
      const cols: unknown[][] = Array.from({ length: 14 }, () => []);
      const h0 = performance.now();
      for (let j = 0; j < n; j += 1) {
        const i = done + j;
        const e = sampleEvent(i);
        const content = {
          id: String(nextId),
          at: new Date(startAt + i * 1000),
          actorId: actorIds[i % 2]!,
          role: i % 2 ? 'free_education_officer' : 'auditor',
          action: e.action,
          subjectType: e.subjectType,
          subjectId: e.subjectId,
          requestId: e.requestId,
          before: e.before as Json,
          after: e.after as Json,
          ip: `10.0.${i % 255}.${(i >> 8) % 255}`,
          userAgent:
            'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36',
          prevHash,
        };
        const hash = hashEvent(content);
        const values = [
          content.id,
          content.at,
          content.actorId,
          content.role,
          content.action,
          content.subjectType,
          content.subjectId,
          content.requestId,
          content.before === null ? null : JSON.stringify(content.before),
          JSON.stringify(content.after),
          content.ip,
          content.userAgent,
          prevHash,
          hash,
        ];
        values.forEach((v, c) => {
          cols[c]!.push(v);
        });
        prevHash = hash;
        nextId += 1n;
        if ((i + 1) % 1000 === 0) heads.push({ id: content.id, hash, at: content.at.toISOString() });
      }
      hashingMs += performance.now() - h0;
      const types = ['bigint', 'timestamptz', 'uuid', 'text', 'text', 'text', 'text', 'text', 'jsonb', 'jsonb']
        .concat(['text', 'text', 'text', 'text'])
        .map((t, c) => sql`${cols[c]}::${sql.raw(t)}[]`);
      await sql`INSERT INTO audit_events (id, at, actor_id, role, action, subject_type, subject_id, request_id,
                  before, after, ip, user_agent, prev_hash, hash)
                SELECT * FROM unnest(${sql.join(types)})`.execute(db);
      if ((done / BATCH) % 10 === 0) log(`generated ${done + n}`);
    }
    const genMs = performance.now() - t0;
    await sql`VACUUM ANALYZE audit_events`.execute(db);
    const { rows: size } = await sql<{ bytes: string; n: string }>`
      SELECT pg_total_relation_size('audit_events') AS bytes, count(*) AS n FROM audit_events`.execute(db);
    const total = Number(size[0]!.n);
    results.generation = {
      events: TOTAL,
      seconds: round(genMs / 1000),
      perSecond: Math.round(TOTAL / (genMs / 1000)),
      hashingSeconds: round(hashingMs / 1000),
      tableAndIndexesMiB: mib(Number(size[0]!.bytes)),
    };
    log(`generation: ${JSON.stringify(results.generation)}`);

    // 3. Verification of the whole chain, then with a head every 1000 events.
    const heapBefore = process.memoryUsage().rss;
    let peak = heapBefore;
    const sampler = setInterval(() => {
      peak = Math.max(peak, process.memoryUsage().rss);
    }, 50);
    const v0 = performance.now();
    const verified = await verifyAuditChain(db);
    const verifyMs = performance.now() - v0;
    clearInterval(sampler);
    if (!verified.ok || verified.checked !== total) throw new Error(`verification: ${JSON.stringify(verified)}`);
    const key = 'bench-key-'.repeat(4);
    const headsFile = path.join(dataDir, AUDIT_HEADS_FILE);
    for (const h of heads) {
      await appendAuditHead(headsFile, signAuditHead(key, { ...h, exportedAt: new Date().toISOString() }));
    }
    const w0 = performance.now();
    const withHeads = await verifyAudit(db, { file: headsFile, key });
    const withHeadsMs = performance.now() - w0;
    if (!withHeads.ok) throw new Error(`verification with heads: ${JSON.stringify(withHeads)}`);
    results.verification = {
      events: total,
      seconds: round(verifyMs / 1000),
      perSecond: Math.round(total / (verifyMs / 1000)),
      rssMiBBefore: mib(heapBefore),
      rssMiBPeak: mib(peak),
      withHeads: { heads: withHeads.headsChecked, seconds: round(withHeadsMs / 1000) },
    };
    log(`verification: ${JSON.stringify(results.verification)}`);

    // 4. The HTTP API on the million: lists and the CSV export.
    const config = loadConfig({
      DATABASE_URL: dbUrl,
      DATA_DIR: dataDir,
      LOG_LEVEL: 'silent',
      UI_DIR: '/nonexistent',
      NOTIFICATION_INTERVAL_SECONDS: '0',
      AUDIT_HEAD_INTERVAL_SECONDS: '0',
    });
    const app = await buildApp({ config, db, logger: false });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const address = app.server.address();
    const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    const login = async (username: string) => {
      const res = await fetch(`${base}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: base },
        body: JSON.stringify({ username, password: 'bench passphrase 1405' }),
      });
      if (!res.ok) throw new Error(`login ${username}: ${res.status}`);
      return res.headers.getSetCookie()[0]!.split(';')[0]!;
    };
    const cookies = {
      auditor: await login('bench.auditor'),
      office: await login('bench.office'),
      graduate: await login('bench.graduate'),
    };
    const q = (params: Record<string, unknown>) =>
      new URLSearchParams(Object.entries(params).map(([k, v]): [string, string] => [k, JSON.stringify(v)])).toString();
    const timeList = async (who: keyof typeof cookies, params: Record<string, unknown>) => {
      const times: number[] = [];
      let range = '';
      for (let i = 0; i < 3; i += 1) {
        const s = performance.now();
        const res = await fetch(`${base}/api/audit-events?${q({ range: [0, 24], ...params })}`, {
          headers: { cookie: cookies[who] },
        });
        await res.arrayBuffer();
        if (!res.ok) throw new Error(`list ${res.status}`);
        times.push(performance.now() - s);
        range = res.headers.get('content-range') ?? '';
      }
      times.sort((a, b) => a - b);
      return { ms: Math.round(times[1]!), total: Number(range.split('/')[1]) };
    };
    const lists: Record<string, unknown> = {
      'auditor, no filter (first page + count of all)': await timeList('auditor', {}),
      'auditor, one request': await timeList('auditor', { filter: { requestId: requestIds[7] } }),
      'auditor, one actor, one day': await timeList('auditor', {
        filter: {
          actorId: actorIds[0],
          from: new Date(startAt + 100_000 * 1000).toISOString(),
          to: new Date(startAt + (100_000 + 86_400) * 1000).toISOString(),
        },
      }),
      'auditor, action prefix tick.*': await timeList('auditor', { filter: { action: 'tick.*' } }),
      'auditor, q (free text)': await timeList('auditor', { filter: { q: 'document.up' } }),
      'auditor, sorted by at': await timeList('auditor', { sort: ['at', 'ASC'] }),
      'office (events of requests it reads)': await timeList('office', {}),
      'graduate (own request only)': await timeList('graduate', {}),
    };
    results.lists = lists;
    log(`lists: ${JSON.stringify(lists)}`);

    const rssBefore = process.memoryUsage().rss;
    let rssPeak = rssBefore;
    const exportSampler = setInterval(() => {
      rssPeak = Math.max(rssPeak, process.memoryUsage().rss);
    }, 50);
    const e0 = performance.now();
    const res = await fetch(`${base}/api/audit-events/export.csv`, { headers: { cookie: cookies.auditor } });
    const firstByteMs = performance.now() - e0;
    let bytes = 0;
    let lines = 0;
    for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
      bytes += chunk.length;
      for (let i = 0; i < chunk.length; i += 1) if (chunk[i] === 10) lines += 1;
    }
    const exportMs = performance.now() - e0;
    clearInterval(exportSampler);
    const rows = lines - 1;
    results.export = {
      rows,
      expectedRows: Number(res.headers.get('x-total-count')),
      mebibytes: mib(bytes),
      seconds: round(exportMs / 1000),
      rowsPerSecond: Math.round(rows / (exportMs / 1000)),
      mibPerSecond: round(bytes / 1_048_576 / (exportMs / 1000)),
      firstByteMs: Math.round(firstByteMs),
      rssMiBBefore: mib(rssBefore),
      rssMiBPeak: mib(rssPeak),
    };
    log(`export: ${JSON.stringify(results.export)}`);
    await app.close();

    const out = path.join(repoRoot, 'docs', 'benchmarks', 'audit.json');
    await mkdir(path.dirname(out), { recursive: true });
    await writeFile(out, `${JSON.stringify(results, null, 2)}\n`);
    log(`written to ${path.relative(repoRoot, out)}`);
  } finally {
    await handle.close();
    await admin(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
    await rm(dataDir, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
