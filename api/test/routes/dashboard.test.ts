import path from 'node:path';
import { generateData, LocalFileStorage } from '@diploma-desk/db';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DashboardDto } from '../../src/schemas/dashboard.ts';
import { createGraduate } from '../fixtures.ts';
import { createTestApp, type TestApp } from '../helpers.ts';

/**
 * The dashboard's figures on generated data (every stage, route and tick, histories over months), each checked
 * against a count or a computation of its own straight from the tables, and who may see which office's figures.
 */
let h: TestApp;
const s: Record<string, string> = {};
let graduate: string;
beforeAll(async () => {
  h = await createTestApp();
  await generateData(h.t.db, {
    requests: 300,
    light: true,
    seed: 1405,
    storage: new LocalFileStorage(path.join(h.config.dataDir, 'files')),
  });
  for (const user of ['admin', 'graduate.office', 'free.education', 'welfare.office', 'auditor']) {
    s[user] = await h.login(user);
  }
  graduate = (await createGraduate(h, s['graduate.office']!, s.admin!)).cookie;
}, 120_000);
afterAll(() => h.close());

async function dashboard(user: string, office?: string) {
  const res = await h.call(s[user], { method: 'GET', url: `/api/dashboard${office ? `?office=${office}` : ''}` });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as DashboardDto;
}

const count = async (query: ReturnType<typeof sql<{ n: string }>>) => Number((await query.execute(h.t.db)).rows[0]!.n);
const PRE_APPROVAL = sql`stage IN ('draft', 'submitted', 'under_review', 'returned')`;

/** percentile_cont: linear between the two nearest ranks. */
function percentile(sorted: number[], p: number): number {
  const at = p * (sorted.length - 1);
  const lo = Math.floor(at);
  const hi = Math.ceil(at);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (at - lo);
}

describe('GET /api/dashboard', () => {
  it('gives the Graduate Office its queue, stages and waits as the tables count them', async () => {
    const d = await dashboard('graduate.office');
    expect(d.office).toBe('graduate_officer');
    const queueStages = sql`stage IN ('submitted', 'under_review', 'approved', 'printing', 'signing', 'ready')`;
    expect(d.queue.size).toBe(await count(sql`SELECT count(*) AS n FROM diploma_requests WHERE ${queueStages}`));
    expect(d.queue.size).toBeGreaterThan(0);
    // Overdue and days in stage come from the working calendar, as the request list's own filter and rows have them.
    const overdueList = await h.call(s['graduate.office'], {
      method: 'GET',
      url: `/api/requests?${new URLSearchParams({ filter: JSON.stringify({ queue: 'graduate_officer', overdue: true }), range: '[0,0]' })}`,
    });
    expect(overdueList.statusCode, overdueList.body).toBe(200);
    expect(d.queue.overdue).toBe(Number(/\/(\d+)$/.exec(String(overdueList.headers['content-range']))?.[1]));
    expect(d.queue.overdue).toBeGreaterThan(0);
    const firstOfQueue = await h.call(s['graduate.office'], {
      method: 'GET',
      url: `/api/requests?${new URLSearchParams({ filter: JSON.stringify({ queue: 'graduate_officer' }), range: '[0,0]' })}`,
    });
    const listed = (firstOfQueue.json() as { id: string; daysInStage: number }[])[0]!;
    const oldest = (
      await sql<{ id: string; stage: string; name: string }>`
        SELECT r.id, r.stage, g.first_name || ' ' || g.last_name AS name
        FROM diploma_requests r JOIN graduates g ON g.id = r.graduate_id
        WHERE ${queueStages} ORDER BY r.stage_entered_at, r.id LIMIT 1`.execute(h.t.db)
    ).rows[0]!;
    expect(d.queue.oldest).toEqual({
      id: oldest.id,
      name: oldest.name,
      stage: oldest.stage,
      daysInStage: listed.daysInStage,
    });
    expect(listed.id).toBe(oldest.id);

    const perStage = (
      await sql<{ stage: string; n: string }>`
      SELECT stage, count(*) AS n FROM diploma_requests GROUP BY stage`.execute(h.t.db)
    ).rows;
    const counted = Object.fromEntries(perStage.map((r) => [r.stage, Number(r.n)]));
    expect(d.stages.map((x) => x.stage)).toEqual([
      'draft',
      'submitted',
      'under_review',
      'returned',
      'approved',
      'printing',
      'signing',
      'ready',
    ]);
    for (const { stage, count: n } of d.stages) expect(n, stage).toBe(counted[stage] ?? 0);

    expect(d.waiting).toEqual({
      cancellationTick: await count(
        sql`SELECT count(*) AS n FROM diploma_requests WHERE ${PRE_APPROVAL} AND NOT cancellation_tick`,
      ),
      welfareTick: await count(sql`
        SELECT count(*) AS n FROM diploma_requests r WHERE ${PRE_APPROVAL} AND NOT welfare_tick
          AND NOT EXISTS (SELECT 1 FROM welfare_records w WHERE w.request_id = r.id AND w.has_debt = false)`),
      graduate: counted.returned ?? 0,
      documentReview: (counted.submitted ?? 0) + (counted.under_review ?? 0),
    });
  });

  it('counts deliveries per Saturday-to-Friday week in Tehran, the last 12 weeks', async () => {
    const d = await dashboard('graduate.office');
    expect(d.throughput).toHaveLength(12);
    const starts = d.throughput.map((w) => Date.parse(`${w.week}T00:00:00+03:30`));
    for (const [i, start] of starts.entries()) {
      // Iran keeps +03:30 all year: a Saturday at midnight there is a Friday at 20:30 UTC.
      expect(new Date(start).getUTCDay(), d.throughput[i]!.week).toBe(5);
      if (i > 0) expect(start - starts[i - 1]!).toBe(7 * 86_400_000);
    }
    const asOf = Date.parse(d.asOf);
    expect(asOf).toBeGreaterThanOrEqual(starts[11]!);
    expect(asOf).toBeLessThan(starts[11]! + 7 * 86_400_000);
    for (const [i, w] of d.throughput.entries()) {
      const from = new Date(starts[i]!);
      const to = new Date(Math.min(starts[i]! + 7 * 86_400_000, asOf + 1));
      const n = await count(sql`SELECT count(*) AS n FROM request_stage_history
        WHERE to_stage = 'delivered' AND at >= ${from} AND at < ${to}`);
      expect(w.delivered, w.week).toBe(n);
    }
    expect(d.throughput.reduce((sum, w) => sum + w.delivered, 0)).toBeGreaterThan(0);
  });

  it('gives the median and 90th percentile of time in each stage left within the 12 weeks', async () => {
    const d = await dashboard('auditor');
    const from = Date.parse(`${d.throughput[0]!.week}T00:00:00+03:30`);
    const asOf = Date.parse(d.asOf);
    const rows = (
      await sql<{ requestId: string; fromStage: string | null; at: Date }>`
      SELECT request_id AS "requestId", from_stage AS "fromStage", at FROM request_stage_history
      ORDER BY request_id, id`.execute(h.t.db)
    ).rows;
    const spans = new Map<string, number[]>();
    for (const [i, row] of rows.entries()) {
      const before = rows[i - 1];
      if (!row.fromStage || !before || before.requestId !== row.requestId) continue;
      if (row.at.getTime() < from || row.at.getTime() > asOf) continue;
      const days = (row.at.getTime() - before.at.getTime()) / 86_400_000;
      spans.set(row.fromStage, [...(spans.get(row.fromStage) ?? []), days]);
    }
    expect(d.leadTimes.length).toBeGreaterThan(0);
    expect(new Set(d.leadTimes.map((l) => l.stage))).toEqual(new Set(spans.keys()));
    for (const l of d.leadTimes) {
      const sorted = spans.get(l.stage)!.sort((a, b) => a - b);
      expect(l.count, l.stage).toBe(sorted.length);
      expect(l.median, l.stage).toBeCloseTo(percentile(sorted, 0.5), 1);
      expect(l.p90, l.stage).toBeCloseTo(percentile(sorted, 0.9), 1);
      expect(l.p90).toBeGreaterThanOrEqual(l.median);
    }
  });

  it("gives each of the other offices its own queue, and refuses another office's", async () => {
    const fe = await dashboard('free.education');
    expect(fe.office).toBe('free_education_officer');
    expect(fe.waiting).toBeNull();
    expect(fe.queue.size).toBe(
      await count(sql`SELECT count(*) AS n FROM diploma_requests WHERE ${PRE_APPROVAL} AND NOT cancellation_tick`),
    );
    const welfare = await dashboard('welfare.office');
    expect(welfare.office).toBe('welfare_officer');
    const gradOffice = await dashboard('graduate.office');
    expect(welfare.queue.size).toBe(gradOffice.waiting!.welfareTick);
    for (const [user, office] of [
      ['free.education', 'graduate_officer'],
      ['welfare.office', 'free_education_officer'],
      ['graduate.office', 'welfare_officer'],
    ] as const) {
      const res = await h.call(s[user], { method: 'GET', url: `/api/dashboard?office=${office}` });
      expect(res.statusCode, user).toBe(403);
      expect(res.headers['content-type']).toContain('application/problem+json');
    }
  });

  it('lets the auditor and the admin see every office, the admin without names', async () => {
    const fe = await dashboard('free.education');
    const byAuditor = await dashboard('auditor', 'free_education_officer');
    expect(byAuditor.queue).toEqual(fe.queue);
    expect((await dashboard('auditor')).office).toBe('graduate_officer');
    const byAdmin = await dashboard('admin', 'graduate_officer');
    expect(byAdmin.queue.size).toBeGreaterThan(0);
    expect(byAdmin.queue.oldest?.name).toBeNull();
    expect(byAdmin.waiting).not.toBeNull();
  });

  it('refuses a graduate, and an office it does not know (naming the field)', async () => {
    const res = await h.call(graduate, { method: 'GET', url: '/api/dashboard' });
    expect(res.statusCode).toBe(403);
    expect(res.json().type).toContain('forbidden');
    const bad = await h.call(s.auditor, { method: 'GET', url: '/api/dashboard?office=registrar' });
    expect(bad.statusCode).toBe(400);
    expect(bad.headers['content-type']).toContain('application/problem+json');
    expect(bad.body).toContain('office');
    const anonymous = await h.call(undefined, { method: 'GET', url: '/api/dashboard' });
    expect(anonymous.statusCode).toBe(401);
  });
});
