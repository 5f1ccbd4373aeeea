import { STAGES, type Stage } from '@diploma-desk/db';
import { describe, expect, it } from 'vitest';
import { dayOfDate, startOfTehranDay, workingCalendar } from '../../src/lib/working-calendar.ts';
import {
  officesWaitedOn,
  overdueRules,
  type StageClock,
  stageFlags,
  type WaitFacts,
} from '../../src/workflow/stage-targets.ts';

/** Thursday 2026-11-26 noon in Tehran; Friday off, Thursday a working day, no holidays. */
const NOW = startOfTehranDay(dayOfDate('2026-11-26')) + 12 * 3_600_000;
const clock = (targets: Record<string, number> = {}): StageClock => ({
  calendar: workingCalendar('working', []),
  targets: new Map(Object.entries(targets)),
  now: NOW,
});
/** A request that entered its stage on a day in Tehran, 10:00. */
const entered = (date: string) => new Date(startOfTehranDay(dayOfDate(date)) + 10 * 3_600_000);
const facts = (stage: Stage, more: Partial<WaitFacts> = {}): WaitFacts => ({
  stage,
  cancellationTick: true,
  welfareTick: true,
  welfareHasDebt: true,
  ...more,
});

describe('who a request waits on', () => {
  it('the Graduate Office from submitted to ready; no office in draft, returned, delivered or withdrawn', () => {
    const waited = Object.fromEntries(STAGES.map((stage) => [stage, officesWaitedOn(facts(stage))]));
    expect(waited).toEqual({
      draft: [],
      submitted: ['graduate_officer'],
      under_review: ['graduate_officer'],
      returned: [],
      approved: ['graduate_officer'],
      printing: ['graduate_officer'],
      signing: ['graduate_officer'],
      ready: ['graduate_officer'],
      delivered: [],
      withdrawn: [],
    });
  });

  it('the Free-Education and Welfare Offices after submission while their tick is missing; no debt needs no tick', () => {
    const open = { cancellationTick: false, welfareTick: false, welfareHasDebt: null };
    expect(officesWaitedOn(facts('submitted', open))).toEqual([
      'graduate_officer',
      'free_education_officer',
      'welfare_officer',
    ]);
    expect(officesWaitedOn(facts('under_review', { ...open, welfareHasDebt: false }))).toEqual([
      'graduate_officer',
      'free_education_officer',
    ]);
    // Before submission the request waits on the graduate, whatever the ticks.
    expect(officesWaitedOn(facts('draft', open))).toEqual([]);
    expect(officesWaitedOn(facts('returned', open))).toEqual([]);
    // After approval no tick can change any more: only the Graduate Office is waited on.
    expect(officesWaitedOn(facts('approved', open))).toEqual(['graduate_officer']);
  });
});

describe('flags, by the office concerned', () => {
  // 2026-11-11 (Wed) to 2026-11-26 (Thu): 13 working days (two Fridays off).
  const since = entered('2026-11-11');

  it('office staff are judged by their own office, everyone else by any office waited on', () => {
    const c = clock({
      'free_education_officer:submitted': 12,
      'welfare_officer:submitted': 20,
      'graduate_officer:submitted': 15,
    });
    const f = {
      ...facts('submitted', { cancellationTick: false, welfareTick: false, welfareHasDebt: true }),
      stageEnteredAt: since,
    };
    expect(stageFlags(c, f, 'free_education_officer')).toMatchObject({
      daysInStage: 13,
      overdue: true,
      stageTargetDays: 12,
    });
    expect(stageFlags(c, f, 'graduate_officer')).toMatchObject({ overdue: false, stageTargetDays: 15 });
    expect(stageFlags(c, f, 'welfare_officer')).toMatchObject({ overdue: false, stageTargetDays: 20 });
    for (const role of ['auditor', 'graduate', 'admin'] as const) {
      expect(stageFlags(c, f, role)).toEqual({
        daysInStage: 13,
        waitingOnGraduate: false,
        waitingOn: [
          { office: 'graduate_officer', targetDays: 15, overdue: false },
          { office: 'free_education_officer', targetDays: 12, overdue: true },
          { office: 'welfare_officer', targetDays: 20, overdue: false },
        ],
        overdue: true,
        stageTargetDays: 12,
      });
    }
  });

  it('an office not waited on is never late, and shows no target', () => {
    const f = { ...facts('printing'), stageEnteredAt: entered('2026-01-01') };
    expect(stageFlags(clock(), f, 'welfare_officer')).toMatchObject({
      overdue: false,
      stageTargetDays: null,
      waitingOn: [{ office: 'graduate_officer' }],
    });
    expect(stageFlags(clock(), f, 'graduate_officer')).toMatchObject({ overdue: true, stageTargetDays: 10 });
  });

  it('returned and draft are never overdue, however long, for anyone', () => {
    for (const stage of ['returned', 'draft'] as const) {
      const f = {
        ...facts(stage, { cancellationTick: false, welfareTick: false, welfareHasDebt: null }),
        stageEnteredAt: entered('2025-01-01'),
      };
      for (const role of [
        'graduate_officer',
        'free_education_officer',
        'welfare_officer',
        'auditor',
        'graduate',
      ] as const) {
        expect(stageFlags(clock(), f, role)).toMatchObject({
          overdue: false,
          stageTargetDays: null,
          waitingOn: [],
          waitingOnGraduate: true,
        });
      }
    }
  });

  it('past the target means more working days than it, not as many', () => {
    // 2026-11-12 (Thu) to 2026-11-26: 12 working days.
    const f = { ...facts('approved'), stageEnteredAt: entered('2026-11-12') };
    expect(stageFlags(clock({ 'graduate_officer:approved': 12 }), f, 'graduate_officer').overdue).toBe(false);
    expect(stageFlags(clock({ 'graduate_officer:approved': 11 }), f, 'graduate_officer').overdue).toBe(true);
  });
});

describe('the overdue filter’s rules', () => {
  it('office staff get their own office’s stages, each with the cutoff of its target', () => {
    const rules = overdueRules(clock({ 'free_education_officer:under_review': 3 }), 'free_education_officer');
    expect(rules.map((r) => `${r.office}:${r.stage}`)).toEqual([
      'free_education_officer:submitted',
      'free_education_officer:under_review',
    ]);
    expect(rules[1]!.before.getTime()).toBeGreaterThan(rules[0]!.before.getTime());
  });

  it('for others, a tick office’s rule goes where the Graduate Office’s rule for the stage already covers it', () => {
    const same = overdueRules(clock(), 'auditor');
    expect(same.map((r) => r.office)).toEqual(Array(6).fill('graduate_officer'));
    const shorter = overdueRules(clock({ 'welfare_officer:submitted': 5 }), 'auditor');
    expect(shorter.map((r) => `${r.office}:${r.stage}`)).toContain('welfare_officer:submitted');
    expect(shorter).toHaveLength(7);
  });
});
