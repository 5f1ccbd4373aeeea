/**
 * Model-based tests of the diploma request's workflow: random sequences of calls, by random people
 * (including those who must be refused), through the real API on a real database, each answer checked
 * against a model of what SHOULD happen (model/rules.ts) and the database checked after every step
 * (model/invariants.ts), the audit chain verified after every sequence.
 *
 * Environment:
 *   MODEL_RUNS          number of sequences (default 40 on PostgreSQL, 5 on PGlite; nightly: MODEL_RUNS=1000)
 *   MODEL_MAX_COMMANDS  longest sequence (default 60 calls)
 *   MODEL_SEED          replay a failure: the `seed` fast-check printed (default: fixed in CI, else random)
 *   MODEL_PATH          replay a failure: the `path` fast-check printed with the seed
 *   MODEL_REPLAY_PATH   replay a failure: the commands' `replayPath` printed in the counterexample
 *                       (`/*replayPath="…"*\/`); with seed and path it reruns exactly the shrunk sequence
 *   MODEL_SHRINK=0      report the first failing sequence as found, without shrinking it (faster, longer)
 * Run on PostgreSQL with TEST_DATABASE_URL, as the other API tests; on PGlite it runs too, as a smoke run.
 */
import { verifyAuditChain } from '@diploma-desk/db';
import fc from 'fast-check';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createGraduate } from '../fixtures.ts';
import { createTestApp, type TestApp } from '../helpers.ts';
import { commandArb, type Real } from './model/commands.ts';
import type { Actor, Model } from './model/rules.ts';

const int = (value: string | undefined, fallback: number) => (value ? Number.parseInt(value, 10) : fallback);
// PGlite runs in this process on one connection, some three times slower: there the default is a smoke run
// (the same model and invariants, few sequences); CI runs this file on PostgreSQL.
const RUNS = int(process.env.MODEL_RUNS, process.env.TEST_DATABASE_URL ? 40 : 5);
const MAX_COMMANDS = int(process.env.MODEL_MAX_COMMANDS, 60);
// CI (CI=true) runs a fixed seed, so that main stays reproducible; elsewhere each run explores a new one.
const SEED = int(process.env.MODEL_SEED, process.env.CI ? 14_051_128 : Date.now() ^ (Math.random() * 0x1_0000_0000));
const PATH = process.env.MODEL_PATH;
const REPLAY_PATH = process.env.MODEL_REPLAY_PATH;
const SHRINK = process.env.MODEL_SHRINK !== '0';

let h: TestApp;
const cookies = {} as Record<Actor, string>;
/** How far the sequences got: a test that never reaches printing proves little about it. */
const furthest = new Map<string, number>();

beforeAll(async () => {
  h = await createTestApp();
  cookies.admin = await h.login('admin');
  cookies.graduate_officer = await h.login('graduate.office');
  cookies.free_education_officer = await h.login('free.education');
  cookies.welfare_officer = await h.login('welfare.office');
  cookies.auditor = await h.login('auditor');
  cookies.other_graduate = (await createGraduate(h, cookies.graduate_officer, cookies.admin)).cookie;
});
afterAll(() => h?.close());

async function lastEventId(): Promise<string> {
  const row = await h.t.db
    .selectFrom('auditEvents')
    .select((eb) => eb.fn.max('id').as('id'))
    .executeTakeFirst();
  return row?.id ?? '0';
}

const STAGE_ORDER = ['draft', 'submitted', 'under_review', 'approved', 'printing', 'signing', 'ready', 'delivered'];

it(
  `random sequences of calls by random people agree with the model (${RUNS} runs)`,
  async () => {
    console.info(
      `workflow model: seed ${SEED}, ${RUNS} runs of up to ${MAX_COMMANDS} calls` +
        (PATH ? `, path ${PATH}` : '') +
        (REPLAY_PATH ? `, replayPath ${REPLAY_PATH}` : ''),
    );
    const started = Date.now();
    let calls = 0;
    const tally: Real['tally'] = new Map();
    const property = fc.asyncProperty(
      fc.record({
        gender: fc.constantFrom<'male' | 'female'>('male', 'female'),
        provisional: fc.boolean(),
        openedBy: fc.constantFrom<'graduate' | 'graduate_officer'>('graduate', 'graduate_officer'),
      }),
      fc.commands([commandArb], {
        maxCommands: MAX_COMMANDS,
        size: 'max',
        ...(REPLAY_PATH ? { replayPath: REPLAY_PATH } : {}),
      }),
      async (setup, commands) => {
        const g = await createGraduate(h, cookies.graduate_officer, cookies.admin, { gender: setup.gender });
        const startEventId = await lastEventId();
        const opener = setup.openedBy === 'graduate' ? g.cookie : cookies.graduate_officer;
        const opened = await h.call(opener, {
          method: 'POST',
          url: '/api/requests',
          payload: { graduateId: g.id, provisionalCertificateIssued: setup.provisional },
        });
        expect(opened.statusCode, opened.body).toBe(201);
        const request = opened.json();
        const { firstName, lastName, fatherName, birthDate } = request.graduate;
        const model: Model = {
          requestId: request.id,
          graduateId: g.id,
          gender: setup.gender,
          provisional: setup.provisional,
          stage: 'draft',
          version: request.version,
          ticks: { cancellation: false, welfare: false },
          cancellation: { route: null, owed: 0n, paid: 0n, ref: null },
          welfare: { hasDebt: null, settled: false },
          docs: [],
          details: { firstName, lastName, fatherName, birthDate },
          confirmed: null,
          corrections: [],
          history: [],
          tickLog: [],
          events: ['request.open'],
        };
        const real: Real = { h, cookies: { ...cookies, graduate: g.cookie }, startEventId, tally, trail: [] };
        await fc.asyncModelRun(() => ({ model, real }), commands);
        calls += model.events.length - 1;
        const reached = model.history.reduce((n, s) => Math.max(n, STAGE_ORDER.indexOf(s.to)), 0);
        const label = model.stage === 'withdrawn' ? `withdrawn after ${STAGE_ORDER[reached]}` : model.stage;
        furthest.set(label, (furthest.get(label) ?? 0) + 1);
        const chain = await verifyAuditChain(h.t.db);
        expect(chain, 'the audit chain after the sequence').toMatchObject({ ok: true });
      },
    );
    await fc.assert(property, {
      numRuns: RUNS,
      seed: SEED,
      ...(PATH ? { path: PATH } : {}),
      endOnFailure: !SHRINK,
    });
    console.info(
      `workflow model: ${RUNS} runs, ${calls} successful calls, ${((Date.now() - started) / 1000).toFixed(1)} s; ` +
        `final stages: ${JSON.stringify(Object.fromEntries([...furthest].sort()))}`,
    );
    const answers = [...tally].sort().map(([kind, counts]) => `${kind} ${JSON.stringify(Object.fromEntries(counts))}`);
    console.info(`workflow model: answers by kind of call (status: count):\n  ${answers.join('\n  ')}`);
  },
  600_000 + RUNS * 5_000,
);
