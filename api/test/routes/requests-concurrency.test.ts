import { verifyAuditChain } from '@diploma-desk/db';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGraduate, putDocument } from '../fixtures.ts';
import { createTestApp, type TestApp } from '../helpers.ts';

/**
 * Races on one request. On real PostgreSQL (TEST_DATABASE_URL) the calls really run in parallel on a pool of
 * connections, so the row lock and the version check are what make exactly one of them win; on the
 * one-connection PGlite the same assertions hold trivially, so the suite runs there too.
 *
 * RACE_ROUNDS (default 3) repeats each race on fresh requests; RACE_CLIENTS (default 50) is how many clients race.
 * Nightly: RACE_ROUNDS=50.
 */
const ROUNDS = Number(process.env.RACE_ROUNDS ?? 3);
const CLIENTS = Number(process.env.RACE_CLIENTS ?? 50);

let h: TestApp;
let admin = '';
let freeEd = '';
let welfare = '';
/** Several sessions of the Graduate Office, as several officers at several desks would have. */
const officers: string[] = [];
let office = '';
beforeAll(async () => {
  h = await createTestApp();
  admin = await h.login('admin');
  freeEd = await h.login('free.education');
  welfare = await h.login('welfare.office');
  for (let i = 0; i < 5; i += 1) officers.push(await h.login('graduate.office'));
  office = officers[0] ?? '';
});
afterAll(() => h.close());

type Res = LightMyRequestResponse;
const get = async (id: string) => (await h.call(office, { method: 'GET', url: `/api/requests/${id}` })).json();

async function act(cookie: string, id: string, action: string, payload: object = {}) {
  const { version } = await get(id);
  const res = await h.call(cookie, {
    method: 'POST',
    url: `/api/requests/${id}/actions/${action}`,
    payload: { version, ...payload },
  });
  if (res.statusCode !== 200) throw new Error(`${action}: ${res.statusCode} ${res.body}`);
  return res.json();
}

/** A request of a graduate who works for the government, with both offices' records filled in. */
async function openRequest() {
  const g = await createGraduate(h, office, admin, { gender: 'female' });
  const r = (await h.call(g.cookie, { method: 'POST', url: '/api/requests', payload: {} })).json();
  let version = r.version as number;
  const cancellation = await h.call(freeEd, {
    method: 'PUT',
    url: `/api/requests/${r.id}/cancellation`,
    payload: {
      version,
      route: 'government_employment',
      saorgTrackingCode: null,
      amountOwed: 0,
      amountPaid: 0,
      paymentRef: null,
    },
  });
  expect(cancellation.statusCode, cancellation.body).toBe(200);
  version = cancellation.json().version;
  const w = await h.call(welfare, {
    method: 'PUT',
    url: `/api/requests/${r.id}/welfare`,
    payload: { version, hasDebt: false, settled: false },
  });
  expect(w.statusCode, w.body).toBe(200);
  return { id: r.id as string, graduate: g };
}

/** A request the graduate has submitted with everything in order: ticks set, documents accepted. */
async function underReview() {
  const { id, graduate } = await openRequest();
  for (const kind of ['employment_decree', 'cancellation_sheet', 'lower_degree_diploma'] as const)
    await putDocument(h, id, graduate.id, kind);
  const tick = async (cookie: string, kind: string) =>
    expect(
      (await h.call(cookie, { method: 'POST', url: `/api/requests/${id}/ticks/${kind}`, payload: { set: true } }))
        .statusCode,
    ).toBe(200);
  await tick(freeEd, 'cancellation');
  await tick(welfare, 'welfare');
  await act(graduate.cookie, id, 'confirm-details');
  await act(graduate.cookie, id, 'submit');
  return { id, graduate };
}

async function auditActionsFor(id: string) {
  const rows = await h.t.db
    .selectFrom('auditEvents')
    .select('action')
    .where('subjectType', '=', 'request')
    .where('subjectId', '=', id)
    .orderBy('id')
    .execute();
  return rows.map((r) => r.action);
}

async function historyOf(id: string) {
  const rows = await h.t.db
    .selectFrom('requestStageHistory')
    .select(['action', 'toStage'])
    .where('requestId', '=', id)
    .orderBy('id')
    .execute();
  return rows.map((r) => r.action);
}

function tally(results: Res[]) {
  const codes = results.map((r) => r.statusCode);
  for (const r of results) {
    if (r.statusCode !== 200) {
      expect(r.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(r.json().type).toMatch(/stale-version|workflow-blocked/);
    }
  }
  return { ok: codes.filter((c) => c === 200).length, conflicts: codes.filter((c) => c === 409).length };
}

describe(`${CLIENTS} clients racing one action (${ROUNDS} rounds)`, () => {
  it('the same action with the same version: exactly one wins, the rest get 409, the chain stays intact', async () => {
    for (let round = 0; round < ROUNDS; round += 1) {
      const { id } = await underReview();
      const before = await auditActionsFor(id);
      const { version } = await get(id);
      const results = await Promise.all(
        Array.from({ length: CLIENTS }, (_, i) =>
          h.call(officers[i % officers.length], {
            method: 'POST',
            url: `/api/requests/${id}/actions/start-review`,
            payload: { version },
          }),
        ),
      );
      expect(tally(results)).toEqual({ ok: 1, conflicts: CLIENTS - 1 });
      const after = await get(id);
      expect(after.stage).toBe('under_review');
      expect(after.version).toBe(version + 1);
      expect((await historyOf(id)).filter((a) => a === 'start-review')).toHaveLength(1);
      expect(await auditActionsFor(id)).toEqual([...before, 'request.start-review']);
    }
    const check = await verifyAuditChain(h.t.db);
    expect(check.ok, JSON.stringify(check)).toBe(true);
  });

  it('clients who each read the latest version first: still exactly one stage change', async () => {
    for (let round = 0; round < ROUNDS; round += 1) {
      const { id, graduate } = await openRequest();
      // Graduate and officers both may withdraw; every client reads the version just before it acts.
      const results = await Promise.all(
        Array.from({ length: CLIENTS }, async (_, i) => {
          const cookie = i % 5 === 0 ? graduate.cookie : officers[i % officers.length];
          const { version } = await get(id);
          return h.call(cookie, {
            method: 'POST',
            url: `/api/requests/${id}/actions/withdraw`,
            payload: { version },
          });
        }),
      );
      expect(tally(results)).toEqual({ ok: 1, conflicts: CLIENTS - 1 });
      expect(await historyOf(id)).toEqual(['open', 'withdraw']);
      expect((await auditActionsFor(id)).filter((a) => a === 'request.withdraw')).toHaveLength(1);
    }
    expect((await verifyAuditChain(h.t.db)).ok).toBe(true);
  });
});

describe('two offices ticking at once', () => {
  it('both ticks land, each once, by its own office, and the version counts both', async () => {
    for (let round = 0; round < ROUNDS; round += 1) {
      const { id, graduate } = await openRequest();
      await putDocument(h, id, graduate.id, 'employment_decree');
      const { version } = await get(id);
      const [c, w] = await Promise.all([
        h.call(freeEd, { method: 'POST', url: `/api/requests/${id}/ticks/cancellation`, payload: { set: true } }),
        h.call(welfare, { method: 'POST', url: `/api/requests/${id}/ticks/welfare`, payload: { set: true } }),
      ]);
      expect([c.statusCode, w.statusCode], `${c.body} ${w.body}`).toEqual([200, 200]);
      const after = await get(id);
      expect(after.ticks.cancellation.set && after.ticks.welfare.set).toBe(true);
      expect(after.version).toBe(version + 2);
      const events = await h.t.db
        .selectFrom('tickEvents')
        .select(['kind', 'role', 'set'])
        .where('requestId', '=', id)
        .orderBy('id')
        .execute();
      expect(events.map((e) => `${e.kind}:${e.role}:${e.set}`).sort()).toEqual([
        'cancellation:free_education_officer:true',
        'welfare:welfare_officer:true',
      ]);
      expect((await auditActionsFor(id)).slice(-2).sort()).toEqual(['tick.cancellation.set', 'tick.welfare.set']);
    }
    expect((await verifyAuditChain(h.t.db)).ok).toBe(true);
  });
});

describe('a revocation racing an approval', () => {
  it('one of them wins cleanly and the other is refused; never an approval without its tick', async () => {
    const outcomes = { approved: 0, revoked: 0 };
    for (let round = 0; round < Math.max(ROUNDS, 4); round += 1) {
      const { id } = await underReview();
      await act(office, id, 'start-review');
      const { version } = await get(id);
      const before = await auditActionsFor(id);
      const [approve, revoke] = await Promise.all([
        h.call(officers[1], { method: 'POST', url: `/api/requests/${id}/actions/approve`, payload: { version } }),
        h.call(freeEd, {
          method: 'POST',
          url: `/api/requests/${id}/ticks/cancellation`,
          payload: { set: false, reason: 'نامه جعلی بود' },
        }),
      ]);
      expect([
        [200, 409],
        [409, 200],
      ]).toContainEqual([approve.statusCode, revoke.statusCode]);
      const loser = approve.statusCode === 200 ? revoke : approve;
      expect(loser.headers['content-type']).toMatch(/^application\/problem\+json/);
      const final = await get(id);
      if (approve.statusCode === 200) {
        outcomes.approved += 1;
        expect(final.stage).toBe('approved');
        expect(final.ticks.cancellation.set).toBe(true);
        expect(await auditActionsFor(id)).toEqual([...before, 'request.approve']);
      } else {
        outcomes.revoked += 1;
        expect(final.stage).toBe('under_review');
        expect(final.ticks.cancellation.set).toBe(false);
        expect(await auditActionsFor(id)).toEqual([...before, 'tick.cancellation.revoke']);
        // The revoked tick now blocks the approval, with the reason named.
        const retry = await h.call(officers[1], {
          method: 'POST',
          url: `/api/requests/${id}/actions/approve`,
          payload: { version: final.version },
        });
        expect(retry.statusCode).toBe(409);
        expect(retry.json().unmet.map((u: { code: string }) => u.code)).toContain('cancellation_tick_missing');
      }
    }
    console.info(`revocation vs approval over ${Math.max(ROUNDS, 4)} rounds:`, outcomes);
    expect(outcomes.approved + outcomes.revoked).toBe(Math.max(ROUNDS, 4));
    expect((await verifyAuditChain(h.t.db)).ok).toBe(true);
  });
});
