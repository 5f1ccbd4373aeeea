import { GENESIS_HASH, type HashedContent, hashEvent, type Json } from '@diploma-desk/db';
import type autocannon from 'autocannon';
import pg from 'pg';
import type { CapturedCall, StatementRecorder } from './capture.ts';
import type { BenchConfig } from './config.ts';
import { log } from './database.ts';
import { type LoadFigures, runApi, runBare } from './load.ts';
import { type ExplainedStatement, explainCall, replayCall } from './replay.ts';
import type { ApiServer } from './server.ts';

/** The Graduate Office's review work, as an officer opens it: its queue, two stages, oldest in stage first. */
export const LIST_FILTER = { queue: 'graduate_officer', stage: ['submitted', 'under_review'] } as const;
/** محمدی, the most common surname in db/src/demo/names.ts. */
export const SEARCH_NAME = 'محمدی';
const PRE_APPROVAL = ['draft', 'submitted', 'under_review', 'returned'];

const q = (value: unknown) => encodeURIComponent(JSON.stringify(value));
export const listPath = (filter: object) =>
  `/api/requests?filter=${q(filter)}&sort=${q(['stageEnteredAt', 'ASC'])}&range=${q([0, 24])}`;

export interface PairRun {
  connections: number;
  api: LoadFigures;
  bare: LoadFigures & { firstError?: string };
  /** API requests/s ÷ bare pg calls/s at the same concurrency. */
  ratio: number;
}

export interface ScenarioResult {
  name: string;
  title: string;
  what: string;
  user: string;
  call: { method: string; url: string };
  /** Statements the API ran for one call, and on how many pool checkouts (leases). */
  statements: number;
  leases: number;
  notes: string[];
  runs: PairRun[];
  explain: ExplainedStatement[];
  captured: CapturedCall[];
}

export interface BenchContext {
  config: BenchConfig;
  server: ApiServer;
  recorder: StatementRecorder;
  /** The bare baseline's pool: the same size as the API's. */
  pool: pg.Pool;
  /** Logged-in cookies of the running server, per username. */
  cookie(username: string): Promise<string>;
}

interface ScenarioPlan {
  name: string;
  title: string;
  what: string;
  user: string;
  call: { method: string; url: string };
  notes: string[];
  captured: CapturedCall[];
  /** The call to explain, and the values to put in for the captured ones. */
  explain: { call: CapturedCall; substitute?: Map<string, string> };
  api(connections: number, durationS: number): Promise<LoadFigures>;
  bare(worker: number, i: number): Promise<void>;
  /** Runs before each load run (warm-up and measured, API and bare). */
  before?(): Promise<void>;
  /** Notes known only once every run is done. */
  after?(): Promise<string[]>;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const fmt = (n: number) => (Number.isFinite(n) ? n.toFixed(n < 10 ? 2 : 1) : '–');

async function measure(ctx: BenchContext, plan: ScenarioPlan): Promise<ScenarioResult> {
  const { config } = ctx;
  const runs: PairRun[] = [];
  log(`\n## ${plan.title}: ${plan.call.method} ${decodeURIComponent(plan.call.url)} as ${plan.user}`);
  for (const connections of config.connections) {
    if (config.warmupS > 0) {
      await plan.before?.();
      await plan.api(connections, config.warmupS);
    }
    await plan.before?.();
    const api = await plan.api(connections, config.durationS);
    const bareLoad = { connections, call: (w: number, i: number) => plan.bare(w, i) };
    if (config.warmupS > 0) {
      await plan.before?.();
      await runBare({ ...bareLoad, durationS: config.warmupS });
    }
    await plan.before?.();
    const bare = await runBare({ ...bareLoad, durationS: config.durationS });
    const ratio = bare.rps > 0 ? Math.round((api.rps / bare.rps) * 100) / 100 : Number.NaN;
    runs.push({ connections, api, bare, ratio });
    log(
      `  ${String(connections).padStart(2)} conn  API ${fmt(api.rps)} req/s p50 ${fmt(api.p50)} p95 ${fmt(api.p95)} p99 ${fmt(api.p99)} ms` +
        ` (non-2xx ${api.non2xx}, errors ${api.errors})  |  bare pg ${fmt(bare.rps)}/s p50 ${fmt(bare.p50)} p95 ${fmt(bare.p95)} p99 ${fmt(bare.p99)} ms` +
        ` (errors ${bare.errors}${bare.firstError ? `: ${bare.firstError}` : ''})  |  API ÷ bare ${ratio}`,
    );
  }
  await plan.before?.();
  const explain = await explainCall(ctx.pool, plan.explain.call, plan.explain.substitute);
  for (const e of explain) {
    log(`\n  -- statement ${e.n}${e.repeats ? ` (the same as statement ${e.repeats})` : ''}: ${e.text}`);
    log(`  -- values: ${JSON.stringify(e.values)}`);
    log(e.plan.replace(/^/gm, '  '));
  }
  const first = plan.captured[0]!;
  return {
    name: plan.name,
    title: plan.title,
    what: plan.what,
    user: plan.user,
    call: plan.call,
    statements: first.leases.reduce((n, l) => n + l.statements.length, 0),
    leases: first.leases.length,
    notes: [...plan.notes, ...((await plan.after?.()) ?? [])],
    runs,
    explain,
    captured: plan.captured,
  };
}

/** A GET whose statements never depend on who calls or which row: the list and the search. */
async function listPlan(
  ctx: BenchContext,
  name: string,
  title: string,
  what: string,
  filter: object,
): Promise<ScenarioPlan> {
  const user = 'graduate.office';
  const url = listPath(filter);
  const cookie = await ctx.cookie(user);
  const check = await fetch(`${ctx.server.url}${url}`, { headers: { cookie } });
  if (check.status !== 200) throw new Error(`${name}: ${check.status} ${await check.text()}`);
  const range = check.headers.get('content-range') ?? '';
  const total = Number(/\/(\d+)$/.exec(range)?.[1] ?? Number.NaN);
  if (!Number.isFinite(total)) throw new Error(`${name}: no total in Content-Range (${range})`);
  const captured = await ctx.recorder.capture(await ctx.recorder.login(user), { method: 'GET', url });
  return {
    name,
    title,
    what,
    user,
    call: { method: 'GET', url },
    notes: [`Content-Range: ${range} (${total} matching requests, page of 25 with the total count)`],
    captured: [captured],
    explain: { call: captured },
    api: (connections, durationS) =>
      runApi({ url: `${ctx.server.url}${url}`, connections, durationS, headers: { cookie } }),
    bare: () => replayCall(ctx.pool, captured),
  };
}

async function detailPlan(ctx: BenchContext, admin: pg.Client): Promise<ScenarioPlan> {
  const user = 'graduate.office';
  const { rows } = await admin.query<{ id: string; graduate_id: string }>(
    'SELECT id, graduate_id FROM diploma_requests ORDER BY random() LIMIT 2000',
  );
  if (rows.length < 2) throw new Error('detail: the database holds too few requests');
  const [capturedRow, ...pool] = rows as [(typeof rows)[0], ...typeof rows];
  const url = `/api/requests/${capturedRow.id}`;
  const captured = await ctx.recorder.capture(await ctx.recorder.login(user), { method: 'GET', url });
  const cookie = await ctx.cookie(user);
  const pick = () => pool[Math.floor(Math.random() * pool.length)]!;
  const requests: autocannon.Request[] = [
    { method: 'GET', setupRequest: (req: autocannon.Request) => ({ ...req, path: `/api/requests/${pick().id}` }) },
  ];
  return {
    name: 'detail',
    title: 'Request page',
    what: `GET /api/requests/:id for a random one of ${pool.length} requests on each call`,
    user,
    call: { method: 'GET', url: '/api/requests/:id' },
    notes: [`ids drawn at random from ${pool.length} requests, per call, on every connection`],
    captured: [captured],
    explain: { call: captured },
    api: (connections, durationS) =>
      runApi({ url: ctx.server.url, connections, durationS, headers: { cookie }, requests }),
    bare: () => {
      const row = pick();
      return replayCall(
        ctx.pool,
        captured,
        new Map([
          [capturedRow.id, row.id],
          [capturedRow.graduate_id, row.graduate_id],
        ]),
      );
    },
  };
}

const TICK_REASON = 'bench: the welfare record was re-checked';

async function nextAuditId(admin: pg.Client): Promise<string> {
  const { rows } = await admin.query<{ id: string }>('SELECT (coalesce(max(id), 0) + 1)::text AS id FROM audit_events');
  return rows[0]!.id;
}

/**
 * Walks the audit events appended since `from` (by the API and by the bare replay), recomputing each hash
 * and link as verifyAuditChain does: the replayed appends must leave the chain as intact as the API's.
 */
async function checkChainSince(admin: pg.Client, from: string): Promise<string> {
  const start = BigInt(from);
  const { rows: before } = await admin.query<{ hash: string }>('SELECT hash FROM audit_events WHERE id = $1', [
    String(start - 1n),
  ]);
  let prevHash = before[0]?.hash ?? GENESIS_HASH;
  let expected = start;
  for (;;) {
    const { rows } = await admin.query<Record<string, unknown>>(
      'SELECT * FROM audit_events WHERE id >= $1 ORDER BY id LIMIT 5000',
      [String(expected)],
    );
    for (const r of rows) {
      const content: HashedContent = {
        id: String(r.id),
        at: r.at as Date,
        actorId: r.actor_id as string | null,
        role: r.role as string | null,
        action: r.action as string,
        subjectType: r.subject_type as string,
        subjectId: r.subject_id as string | null,
        requestId: r.request_id as string | null,
        before: r.before as Json | null,
        after: r.after as Json | null,
        ip: r.ip as string | null,
        userAgent: r.user_agent as string | null,
        prevHash,
      };
      if (BigInt(content.id) !== expected || r.prev_hash !== prevHash || r.hash !== hashEvent(content)) {
        throw new Error(`tick: the audit chain is broken at event ${content.id} (checked from ${from})`);
      }
      prevHash = r.hash as string;
      expected += 1n;
    }
    if (rows.length < 5000) break;
  }
  return `audit chain intact over the ${expected - start} events appended during the runs (API and bare replay), each hash and link recomputed`;
}

async function tickPlan(ctx: BenchContext, admin: pg.Client): Promise<ScenarioPlan> {
  const user = 'welfare.office';
  const needed = Math.max(...ctx.config.connections) + 1;
  // Requests whose welfare tick may be set and revoked: before approval, welfare record checked with no
  // debt or a settled one (api/src/workflow/workflow.ts decideTick).
  const { rows } = await admin.query<{ id: string; graduate_id: string }>(
    `SELECT r.id, r.graduate_id FROM diploma_requests r JOIN welfare_records w ON w.request_id = r.id
      WHERE r.stage = ANY($1) AND (w.has_debt = false OR (w.has_debt AND w.settled))
      ORDER BY r.id LIMIT $2`,
    [PRE_APPROVAL, needed],
  );
  if (rows.length < needed) throw new Error(`tick: only ${rows.length} requests may take the welfare tick`);
  const [capturedRow, ...owned] = rows as [(typeof rows)[0], ...typeof rows];
  const cookie = await ctx.cookie(user);
  const headers = { cookie, origin: ctx.server.origin, 'content-type': 'application/json' };
  const setBody = JSON.stringify({ set: true });
  const revokeBody = JSON.stringify({ set: false, reason: TICK_REASON });

  /**
   * What each owned request's tick is now, as the last answer about it said. Each call sets the tick when
   * it is unset and revokes it when set; a call cut off at the end of a run (its connection closed while the
   * server still committed it) is caught up by the next answer (409 tick_already_set / tick_not_set).
   */
  const ticked = new Map<string, boolean>();
  /** Non-200 answers by status and first unmet rule, over all runs. */
  const refused = new Map<string, number>();
  const tickPath = /\/api\/requests\/([0-9a-f-]{36})\/ticks\/welfare/;
  const tickRequest: autocannon.Request = {
    method: 'POST',
    setupRequest: (req: autocannon.Request) => {
      const id = tickPath.exec(req.path ?? '')?.[1] ?? '';
      return { ...req, body: ticked.get(id) ? revokeBody : setBody };
    },
    onResponse: (status: number, body: string) => {
      try {
        const json = JSON.parse(body) as { id?: string; ticks?: { welfare?: { set?: boolean } }; instance?: string };
        if (status === 200 && json.id) ticked.set(json.id, json.ticks?.welfare?.set === true);
        const id = tickPath.exec(json.instance ?? '')?.[1];
        if (status !== 200) {
          const code = /"code":"([a-z_]+)"/.exec(body)?.[1] ?? 'no code';
          const key = `${status} ${code}`;
          refused.set(key, (refused.get(key) ?? 0) + 1);
        }
        if (status === 409 && id) {
          if (body.includes('tick_already_set')) ticked.set(id, true);
          if (body.includes('tick_not_set')) ticked.set(id, false);
        }
      } catch {}
    },
  };

  /**
   * Waits until calls cut off at the end of a run (the server still runs them) are done: no new audit event
   * (every tick appends one) for 600 ms.
   */
  const settle = async () => {
    const head = async () =>
      (await admin.query<{ id: string | null }>('SELECT max(id)::text AS id FROM audit_events')).rows[0]?.id;
    let last = await head();
    for (let quiet = 0, i = 0; quiet < 3 && i < 300; i += 1) {
      await sleep(200);
      const now = await head();
      quiet = now === last ? quiet + 1 : 0;
      last = now;
    }
  };

  /** Every owned request back to "tick not set", through the API (a real revoke), so each run starts with set. */
  const untick = async (ids: string[]) => {
    await settle();
    const { rows: set } = await admin.query<{ id: string }>(
      'SELECT id FROM diploma_requests WHERE id = ANY($1) AND welfare_tick',
      [ids],
    );
    for (const { id } of set) {
      const res = await fetch(`${ctx.server.url}/api/requests/${id}/ticks/welfare`, {
        method: 'POST',
        headers,
        body: revokeBody,
      });
      const text = await res.text();
      // A call cut off at the end of the last run may have revoked it meanwhile: that is the state wanted.
      if (res.status !== 200 && !text.includes('tick_not_set'))
        throw new Error(`tick: resetting ${id}: ${res.status} ${text}`);
    }
    for (const id of ids) ticked.set(id, false);
  };
  await untick(rows.map((r) => r.id));

  const firstEvent = await nextAuditId(admin);
  const recorderCookie = await ctx.recorder.login(user);
  const tickUrl = `/api/requests/${capturedRow.id}/ticks/welfare`;
  const inject = (payload: object) =>
    ctx.recorder.capture(recorderCookie, {
      method: 'POST',
      url: tickUrl,
      payload,
      headers: { 'content-type': 'application/json' },
    });
  const capturedSet = await inject({ set: true });
  const capturedRevoke = await inject({ set: false, reason: TICK_REASON });
  const substitute = (row: { id: string; graduate_id: string }) =>
    new Map([
      [capturedRow.id, row.id],
      [capturedRow.graduate_id, row.graduate_id],
    ]);
  const substitutes = owned.map(substitute);

  return {
    name: 'tick',
    title: 'Welfare tick (mutation + audit append)',
    what: 'POST /api/requests/:id/ticks/welfare, each connection on its own request, set and revoke (with a reason) in turn',
    user,
    call: { method: 'POST', url: '/api/requests/:id/ticks/welfare' },
    notes: [
      'each connection owns one request (before approval, welfare checked with no or a settled debt) and alternates set / revoke (with a reason), so every call is a real 200; non-2xx are counted (a call cut off at the end of the previous run can cost one 409 per connection)',
      'bare pg replays the captured set and revoke transactions (BEGIN … advisory lock, audit head, insert … COMMIT) with the audit id and hashes completed as appendAuditEvent does',
    ],
    captured: [capturedSet, capturedRevoke],
    explain: { call: capturedSet },
    before: () => untick(owned.map((r) => r.id)),
    after: async () => [
      refused.size === 0
        ? 'every API call answered 200 (warm-up runs included)'
        : `non-200 answers over all runs, warm-up included: ${[...refused].map(([k, n]) => `${n} × ${k}`).join(', ')}`,
      await checkChainSince(admin, firstEvent),
    ],
    api: (connections, durationS) =>
      runApi({
        // One URL per connection: connection i always ticks owned[i].
        url: owned.slice(0, connections).map((r) => `${ctx.server.url}/api/requests/${r.id}/ticks/welfare`),
        connections,
        durationS,
        headers,
        requests: [tickRequest],
      }),
    bare: (worker, i) => replayCall(ctx.pool, i % 2 === 0 ? capturedSet : capturedRevoke, substitutes[worker]!),
  };
}

export async function runScenario(ctx: BenchContext, name: string): Promise<ScenarioResult> {
  const admin = new pg.Client({ connectionString: ctx.config.databaseUrl });
  await admin.connect();
  try {
    switch (name) {
      case 'list':
        return await measure(
          ctx,
          await listPlan(
            ctx,
            'list',
            'Request list (officer queue)',
            'the Graduate Office queue, stages submitted + under_review, oldest in stage first, page of 25 with the total',
            LIST_FILTER,
          ),
        );
      case 'search':
        return await measure(
          ctx,
          await listPlan(
            ctx,
            'search',
            'Name search',
            `the request list searched for the surname ${SEARCH_NAME}, page of 25 with the total`,
            { q: SEARCH_NAME },
          ),
        );
      case 'list-counted':
        return await measure(
          ctx,
          await listPlan(
            ctx,
            'list-counted',
            'Request list (officer queue), every page counted',
            'the list above on a server started with LIST_COUNT_CACHE_SECONDS=0: the total counted on every call, as the bare replay does',
            LIST_FILTER,
          ),
        );
      case 'search-counted':
        return await measure(
          ctx,
          await listPlan(
            ctx,
            'search-counted',
            'Name search, every page counted',
            `the search above (${SEARCH_NAME}) with LIST_COUNT_CACHE_SECONDS=0`,
            { q: SEARCH_NAME },
          ),
        );
      case 'detail':
        return await measure(ctx, await detailPlan(ctx, admin));
      case 'tick':
        return await measure(ctx, await tickPlan(ctx, admin));
      default:
        throw new Error(`unknown scenario ${name}`);
    }
  } finally {
    await admin.end();
  }
}
