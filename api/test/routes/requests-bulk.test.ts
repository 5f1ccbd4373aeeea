import { verifyAuditChain } from '@diploma-desk/db';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGraduate, putDocument } from '../fixtures.ts';
import { createTestApp, type TestApp } from '../helpers.ts';

/**
 * POST /api/requests/bulk: one action on many requests, each row through the single route's own code in a
 * transaction of its own. Every refused row must carry exactly what the single route answers for it (the test
 * asks the single route afterwards and compares), and only done rows leave an audit event.
 *
 * The races at the end run really in parallel on PostgreSQL (TEST_DATABASE_URL); RACE_ROUNDS (default 3)
 * repeats them on fresh requests.
 */
const ROUNDS = Number(process.env.RACE_ROUNDS ?? 3);
const UNKNOWN = '00000000-0000-4000-8000-00000000b01c';

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

type Res = LightMyRequestResponse;
type Item = { id: string; version: number };
interface RowResult {
  id: string;
  outcome: 'done' | 'refused';
  stage?: string;
  version?: number;
  problem?: Record<string, unknown> & { type: string; status: number; unmet?: Array<{ code: string }> };
}

const get = async (id: string) => (await h.call(office, { method: 'GET', url: `/api/requests/${id}` })).json();
const item = async (id: string): Promise<Item> => ({ id, version: (await get(id)).version });
const bulk = (cookie: string | undefined, action: string, items: unknown[]) =>
  h.call(cookie, { method: 'POST', url: '/api/requests/bulk', payload: { action, items } });

function expectStatus(res: Res, status: number): Res {
  expect(res.statusCode, res.body.slice(0, 500)).toBe(status);
  return res;
}

async function act(cookie: string, id: string, action: string, payload: object = {}) {
  const res = await h.call(cookie, {
    method: 'POST',
    url: `/api/requests/${id}/actions/${action}`,
    payload: { version: (await get(id)).version, ...payload },
  });
  return expectStatus(res, 200).json();
}

/** A graduate's draft request whose cancellation case and welfare record are complete: both ticks may be set. */
async function tickable() {
  const graduate = await createGraduate(h, office, admin, { gender: 'female' });
  const opened = expectStatus(
    await h.call(graduate.cookie, { method: 'POST', url: '/api/requests', payload: {} }),
    201,
  );
  const id = opened.json().id as string;
  expectStatus(
    await h.call(freeEd, {
      method: 'PUT',
      url: `/api/requests/${id}/cancellation`,
      payload: {
        version: (await get(id)).version,
        route: 'government_employment',
        saorgTrackingCode: null,
        amountOwed: 0,
        amountPaid: 0,
        paymentRef: null,
      },
    }),
    200,
  );
  expectStatus(
    await h.call(welfare, {
      method: 'PUT',
      url: `/api/requests/${id}/welfare`,
      payload: { version: (await get(id)).version, hasDebt: false, settled: false },
    }),
    200,
  );
  await putDocument(h, id, graduate.id, 'employment_decree');
  return { id, graduate };
}

/** A request the graduate has submitted with everything in order, then moved by the Graduate Office. */
async function requestIn(stage: 'submitted' | 'under_review' | 'signing' | 'ready') {
  const { id, graduate } = await tickable();
  for (const kind of ['cancellation_sheet', 'lower_degree_diploma'] as const)
    await putDocument(h, id, graduate.id, kind);
  for (const kind of ['cancellation', 'welfare'] as const) {
    const cookie = kind === 'cancellation' ? freeEd : welfare;
    const res = await h.call(cookie, {
      method: 'POST',
      url: `/api/requests/${id}/ticks/${kind}`,
      payload: { set: true },
    });
    expectStatus(res, 200);
  }
  await act(graduate.cookie, id, 'confirm-details');
  await act(graduate.cookie, id, 'submit');
  const path = {
    submitted: [],
    under_review: ['start-review'],
    signing: ['start-review', 'approve', 'start-printing', 'send-for-signature'],
    ready: ['start-review', 'approve', 'start-printing', 'send-for-signature', 'mark-ready'],
  }[stage];
  for (const action of path) await act(office, id, action);
  return { id, graduate };
}

async function lastEventId(): Promise<string> {
  const row = await h.t.db
    .selectFrom('auditEvents')
    .select((eb) => eb.fn.max('id').as('id'))
    .executeTakeFirst();
  return row?.id ?? '0';
}

const eventsSince = (id: string) =>
  h.t.db
    .selectFrom('auditEvents')
    .select(['action', 'subjectId', 'after'])
    .where('id', '>', id)
    .orderBy('id')
    .execute();

/** What the single route answers for the same request, version and action (asked after the bulk call). */
async function single(cookie: string, action: string, { id, version }: Item): Promise<Res> {
  const ticks: Record<string, string> = { 'set-cancellation-tick': 'cancellation', 'set-welfare-tick': 'welfare' };
  const kind = ticks[action];
  return kind
    ? h.call(cookie, { method: 'POST', url: `/api/requests/${id}/ticks/${kind}`, payload: { set: true, version } })
    : h.call(cookie, { method: 'POST', url: `/api/requests/${id}/actions/${action}`, payload: { version } });
}

/** Every refused row's problem is exactly the single route's answer, and that answer changes nothing either. */
async function expectSameRefusals(cookie: string, action: string, items: Item[], results: RowResult[]) {
  for (const [index, row] of results.entries()) {
    if (row.outcome !== 'refused') continue;
    const before = await lastEventId();
    const res = await single(cookie, action, items[index]!);
    expect(res.statusCode).toBe(row.problem!.status);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(row.problem).toEqual(res.json());
    expect(await lastEventId()).toBe(before);
  }
}

const codes = (row: RowResult) => (row.problem?.unmet ?? []).map((u) => u.code);

describe('mixed outcomes in one call', () => {
  it('start review: done, stale, wrong stage and unknown rows each answered in order; one event per done row', async () => {
    const a = await requestIn('submitted');
    const stale = await requestIn('submitted');
    const reviewing = await requestIn('under_review');
    const draft = await tickable();
    const b = await requestIn('submitted');
    // The officer saw `stale` before a colleague started its review: the version moved on since.
    const seenStale = await item(stale.id);
    await act(office, stale.id, 'start-review');
    const items = [
      await item(a.id),
      seenStale,
      await item(reviewing.id),
      await item(draft.id),
      { id: UNKNOWN, version: 1 },
      await item(b.id),
    ];
    const before = await lastEventId();
    const res = expectStatus(await bulk(office, 'start-review', items), 200);
    const body = res.json();
    const results = body.results as RowResult[];
    expect(results.map((r) => r.id)).toEqual(items.map((i) => i.id));
    expect(results.map((r) => r.outcome)).toEqual(['done', 'refused', 'refused', 'refused', 'refused', 'done']);
    expect(body).toMatchObject({ action: 'start-review', done: 2, refused: 4 });
    expect(results[0]).toEqual({ id: a.id, outcome: 'done', stage: 'under_review', version: items[0]!.version + 1 });
    expect(results[5]).toEqual({ id: b.id, outcome: 'done', stage: 'under_review', version: items[5]!.version + 1 });
    expect(results[1]!.problem).toMatchObject({
      type: '/api/problems/stale-version',
      status: 409,
      currentVersion: seenStale.version + 1,
    });
    expect(results[2]!.problem).toMatchObject({ type: '/api/problems/workflow-blocked', status: 409 });
    expect(codes(results[2]!)).toEqual(['wrong_stage']);
    expect(codes(results[3]!)).toEqual(['wrong_stage']);
    expect(results[4]!.problem).toMatchObject({ type: '/api/problems/not-found', status: 404 });

    const events = await eventsSince(before);
    expect(events.map((e) => [e.action, e.subjectId])).toEqual([
      ['request.start-review', a.id],
      ['request.start-review', b.id],
    ]);
    for (const e of events) expect(e.after).toMatchObject({ stage: 'under_review', bulk: body.bulkId });
    expect((await get(stale.id)).version).toBe(seenStale.version + 1);
    expect((await get(reviewing.id)).version).toBe(items[2]!.version);
    expect((await get(draft.id)).stage).toBe('draft');
    await expectSameRefusals(office, 'start-review', items, results);
    const chain = await verifyAuditChain(h.t.db);
    expect(chain.ok, JSON.stringify(chain)).toBe(true);
  });

  it('mark ready and deliver: the stage history, the graduate’s message and the event of each done row', async () => {
    const signing = await requestIn('signing');
    const ready = await requestIn('ready');
    const under = await requestIn('under_review');
    const items = [await item(signing.id), await item(ready.id), await item(under.id)];
    const before = await lastEventId();
    const marked = expectStatus(await bulk(office, 'mark-ready', items), 200).json();
    expect((marked.results as RowResult[]).map((r) => r.outcome)).toEqual(['done', 'refused', 'refused']);
    await expectSameRefusals(office, 'mark-ready', items, marked.results);
    const messages = await h.t.db
      .selectFrom('notificationOutbox')
      .select(['requestId', 'template'])
      .where('template', '=', 'ready_for_pickup')
      .where('requestId', 'in', [signing.id, ready.id, under.id])
      .execute();
    // `ready` got its message when it was marked ready one by one; the bulk call told only `signing`'s graduate.
    expect(messages.map((m) => m.requestId).sort()).toEqual([signing.id, ready.id].sort());

    const deliverItems = [await item(signing.id), await item(ready.id), await item(under.id)];
    const delivered = expectStatus(await bulk(office, 'deliver', deliverItems), 200).json();
    expect((delivered.results as RowResult[]).map((r) => [r.outcome, r.stage])).toEqual([
      ['done', 'delivered'],
      ['done', 'delivered'],
      ['refused', undefined],
    ]);
    const history = await h.t.db
      .selectFrom('requestStageHistory')
      .select(['requestId', 'action'])
      .where('requestId', 'in', [signing.id, ready.id])
      .where('action', 'in', ['mark-ready', 'deliver'])
      .execute();
    expect(history).toHaveLength(4);
    expect((await eventsSince(before)).map((e) => [e.action, e.subjectId])).toEqual([
      ['request.mark-ready', signing.id],
      ['request.deliver', signing.id],
      ['request.deliver', ready.id],
    ]);
    expect((await verifyAuditChain(h.t.db)).ok).toBe(true);
  });

  it('each office sets its own tick on many requests; an incomplete case or a set tick is refused with its rules', async () => {
    const complete = await tickable();
    const bare = await createGraduate(h, office, admin);
    const incomplete = expectStatus(
      await h.call(bare.cookie, { method: 'POST', url: '/api/requests', payload: {} }),
      201,
    ).json();
    const alreadySet = await tickable();
    expectStatus(
      await h.call(freeEd, {
        method: 'POST',
        url: `/api/requests/${alreadySet.id}/ticks/cancellation`,
        payload: { set: true },
      }),
      200,
    );
    const items = [await item(complete.id), await item(incomplete.id), await item(alreadySet.id)];
    const before = await lastEventId();
    const res = expectStatus(await bulk(freeEd, 'set-cancellation-tick', items), 200).json();
    const results = res.results as RowResult[];
    expect(results.map((r) => r.outcome)).toEqual(['done', 'refused', 'refused']);
    expect(codes(results[1]!)).toEqual(['route_missing']);
    expect(codes(results[2]!)).toEqual(['tick_already_set']);
    await expectSameRefusals(freeEd, 'set-cancellation-tick', items, results);
    expect((await get(complete.id)).ticks.cancellation.set).toBe(true);
    const tickEvents = await h.t.db
      .selectFrom('tickEvents')
      .select(['kind', 'set', 'role'])
      .where('requestId', '=', complete.id)
      .execute();
    expect(tickEvents).toEqual([{ kind: 'cancellation', set: true, role: 'free_education_officer' }]);
    const told = await h.t.db
      .selectFrom('notificationOutbox')
      .select('template')
      .where('requestId', '=', complete.id)
      .execute();
    expect(told.map((m) => m.template)).toEqual(['cancellation_completed']);

    const welfareItems = [await item(complete.id), await item(incomplete.id)];
    const w = expectStatus(await bulk(welfare, 'set-welfare-tick', welfareItems), 200).json();
    expect((w.results as RowResult[]).map((r) => r.outcome)).toEqual(['done', 'refused']);
    expect(codes(w.results[1])).toEqual(['welfare_unchecked']);
    await expectSameRefusals(welfare, 'set-welfare-tick', welfareItems, w.results);
    expect((await eventsSince(before)).map((e) => [e.action, e.subjectId])).toEqual([
      ['tick.cancellation.set', complete.id],
      ['tick.welfare.set', complete.id],
    ]);
    expect((await verifyAuditChain(h.t.db)).ok).toBe(true);
  });

  it('a call whose every row is refused changes nothing and writes no event', async () => {
    const draft = await tickable();
    const items = [await item(draft.id), { id: UNKNOWN, version: 3 }];
    const before = await lastEventId();
    const res = expectStatus(await bulk(office, 'deliver', items), 200).json();
    expect(res).toMatchObject({ done: 0, refused: 2 });
    expect(await lastEventId()).toBe(before);
    expect((await get(draft.id)).version).toBe(items[0]!.version);
  });
});

describe('refused calls', () => {
  it('a role that may never take the action is refused as a whole, whatever the rows, and nothing changes', async () => {
    const submitted = await requestIn('submitted');
    const other = await tickable();
    const items = [await item(submitted.id)];
    const before = await lastEventId();
    const refusals: Array<[string, string, number, string]> = [
      [freeEd, 'start-review', 403, 'forbidden'],
      [welfare, 'deliver', 403, 'forbidden'],
      [auditor, 'mark-ready', 403, 'forbidden'],
      [admin, 'start-review', 403, 'forbidden'],
      [office, 'set-cancellation-tick', 403, 'forbidden'],
      [welfare, 'set-cancellation-tick', 403, 'forbidden'],
      [freeEd, 'set-welfare-tick', 403, 'forbidden'],
      [auditor, 'set-welfare-tick', 403, 'forbidden'],
      // A graduate may act on their own request, but never take an office's action: on their own or another's.
      [submitted.graduate.cookie, 'start-review', 403, 'workflow-blocked'],
      [other.graduate.cookie, 'start-review', 403, 'workflow-blocked'],
      [submitted.graduate.cookie, 'set-cancellation-tick', 403, 'forbidden'],
    ];
    for (const [cookie, action, status, type] of refusals) {
      const res = await bulk(cookie, action, items);
      expect(res.statusCode, `${action}: ${res.body}`).toBe(status);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.json().type).toBe(`/api/problems/${type}`);
    }
    const graduate = await bulk(other.graduate.cookie, 'start-review', items);
    expect(graduate.json().unmet.map((u: { code: string }) => u.code)).toEqual(['role_not_allowed']);
    expect(expectStatus(await bulk(undefined, 'start-review', items), 401).json().type).toBe(
      '/api/problems/unauthorized',
    );
    const crossSite = await h.call(office, {
      method: 'POST',
      url: '/api/requests/bulk',
      payload: { action: 'start-review', items },
      headers: { origin: 'https://evil.example' },
    });
    expect(crossSite.statusCode).toBe(403);
    expect(await lastEventId()).toBe(before);
    expect((await get(submitted.id)).stage).toBe('submitted');
  });

  it('bad lists are 400 naming the field: a request named twice, none, too many, no version, an unknown action', async () => {
    const a = await requestIn('submitted');
    const b = await requestIn('submitted');
    const ia = await item(a.id);
    const ib = await item(b.id);
    const before = await lastEventId();
    const cases: Array<[unknown, string, string[]]> = [
      [{ action: 'start-review', items: [ia, ib, { ...ia, version: ia.version + 1 }] }, 'duplicate', ['items.2.id']],
      [{ action: 'start-review', items: [ia, ia, ib, ib] }, 'duplicate', ['items.1.id', 'items.3.id']],
      [{ action: 'start-review', items: [] }, 'minItems', ['items']],
      [
        {
          action: 'start-review',
          items: Array.from({ length: 501 }, (_, i) => ({
            id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
            version: 1,
          })),
        },
        'maxItems',
        ['items'],
      ],
      [{ action: 'start-review', items: [{ id: a.id }] }, 'required', ['items.0.version']],
      [{ action: 'start-review', items: [{ ...ia, stage: 'approved' }] }, 'additionalProperties', ['items.0.stage']],
      [{ action: 'approve', items: [ia] }, 'anyOf', ['action']],
      [{ action: 'start-review', items: [ia], set: false }, 'additionalProperties', ['set']],
    ];
    for (const [payload, code, fields] of cases) {
      const res = await h.call(office, { method: 'POST', url: '/api/requests/bulk', payload: payload as object });
      expect(res.statusCode, res.body.slice(0, 300)).toBe(400);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      const errors = res.json().errors as Array<{ field: string; code: string }>;
      for (const field of fields)
        expect(errors, res.body.slice(0, 300)).toContainEqual(expect.objectContaining({ field }));
      expect(errors.map((e) => e.code)).toContain(code);
    }
    expect(await lastEventId()).toBe(before);
    expect([(await get(a.id)).stage, (await get(b.id)).stage]).toEqual(['submitted', 'submitted']);
  });

  it('is documented in the OpenAPI document with its body and its answer', async () => {
    const doc = (await h.call(undefined, { method: 'GET', url: '/api/openapi.json' })).json();
    const op = doc.paths['/api/requests/bulk'].post;
    const body = op.requestBody.content['application/json'].schema;
    expect(body.properties.items.maxItems).toBe(500);
    // Each literal as `const`, or as a one-value `enum` where the OpenAPI writer converts them.
    const literal = (a: { const?: string; enum?: string[] }) => a.const ?? a.enum?.[0];
    expect(body.properties.action.anyOf.map(literal)).toEqual([
      'start-review',
      'mark-ready',
      'deliver',
      'set-cancellation-tick',
      'set-welfare-tick',
    ]);
    expect(Object.keys(op.responses).sort()).toEqual(['200', '400', '401', '403']);
  });
});

describe(`racing (${ROUNDS} rounds)`, () => {
  it('a bulk call racing the single action on the same request: exactly one of them wins', async () => {
    const winners = { bulk: 0, single: 0 };
    for (let round = 0; round < ROUNDS; round += 1) {
      const contested = await requestIn('submitted');
      const bystander = await requestIn('submitted');
      const items = [await item(contested.id), await item(bystander.id)];
      const before = await lastEventId();
      const [many, one] = await Promise.all([
        bulk(office, 'start-review', items),
        h.call(office, {
          method: 'POST',
          url: `/api/requests/${contested.id}/actions/start-review`,
          payload: { version: items[0]!.version },
        }),
      ]);
      const rows = expectStatus(many, 200).json().results as RowResult[];
      expect(rows[1]!.outcome).toBe('done');
      if (rows[0]!.outcome === 'done') {
        winners.bulk += 1;
        expect(one.statusCode).toBe(409);
        expect(one.json().type).toBe('/api/problems/stale-version');
      } else {
        winners.single += 1;
        expect(one.statusCode, one.body).toBe(200);
        expect(rows[0]!.problem).toMatchObject({ type: '/api/problems/stale-version', status: 409 });
      }
      const after = await get(contested.id);
      expect([after.stage, after.version]).toEqual(['under_review', items[0]!.version + 1]);
      const history = await h.t.db
        .selectFrom('requestStageHistory')
        .select('action')
        .where('requestId', '=', contested.id)
        .where('action', '=', 'start-review')
        .execute();
      expect(history).toHaveLength(1);
      const events = (await eventsSince(before)).filter((e) => e.subjectId === contested.id);
      expect(events.map((e) => e.action)).toEqual(['request.start-review']);
    }
    console.info(`bulk vs single over ${ROUNDS} rounds:`, winners);
    expect((await verifyAuditChain(h.t.db)).ok).toBe(true);
  });

  it('two bulk calls over the same requests: each request is acted on once, by one of them', async () => {
    for (let round = 0; round < ROUNDS; round += 1) {
      const requests = [await requestIn('submitted'), await requestIn('submitted'), await requestIn('submitted')];
      const items = await Promise.all(requests.map((r) => item(r.id)));
      const [first, second] = await Promise.all([
        bulk(office, 'start-review', items),
        bulk(office, 'start-review', [...items].reverse()),
      ]);
      const a = expectStatus(first, 200).json().results as RowResult[];
      const b = (expectStatus(second, 200).json().results as RowResult[]).reverse();
      for (const [i, r] of requests.entries()) {
        expect([a[i]!.outcome, b[i]!.outcome].sort()).toEqual(['done', 'refused']);
        expect((await get(r.id)).version).toBe(items[i]!.version + 1);
      }
    }
    expect((await verifyAuditChain(h.t.db)).ok).toBe(true);
  });
});
