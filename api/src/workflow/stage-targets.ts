import { DEFAULT_TARGET_DAYS, type Role, type Stage, type StageTargetOffice, TARGET_STAGES } from '@diploma-desk/db';
import { overdueCutoff, type WorkingCalendar, workingDaysBetween } from '../lib/working-calendar.ts';

/**
 * Who a request is waiting on, and whether that office is past its target: the rules of DOMAIN.md §3 ("flags
 * requests past the office's target, so that staff chase them and graduates need not"), pure.
 */

export const TARGET_OFFICES = Object.keys(TARGET_STAGES) as StageTargetOffice[];

/** What decides who a request waits on. `welfareHasDebt`: the welfare record's answer, null while unchecked. */
export interface WaitFacts {
  stage: Stage;
  cancellationTick: boolean;
  welfareTick: boolean;
  welfareHasDebt: boolean | null;
}

/** The calendar, the targets and the moment to judge at. */
export interface StageClock {
  calendar: WorkingCalendar;
  /** Target working days by `office:stage`; a pair not stored has the default. */
  targets: ReadonlyMap<string, number>;
  now: number;
}

export interface OfficeWait {
  office: StageTargetOffice;
  targetDays: number;
  overdue: boolean;
}

export interface StageFlags {
  /** Working days since the request entered its stage. */
  daysInStage: number;
  /** Draft and returned: the next step is the graduate's, and no office is late. */
  waitingOnGraduate: boolean;
  /** Every office the request waits on now, each against its own target. */
  waitingOn: OfficeWait[];
  /** Past target for an office the viewer answers for (their own; every office for everyone else). */
  overdue: boolean;
  /** The target that applies to the viewer (the nearest, when several offices are waited on); null: none. */
  stageTargetDays: number | null;
}

export const targetKey = (office: StageTargetOffice, stage: Stage) => `${office}:${stage}`;

export function targetOf(clock: Pick<StageClock, 'targets'>, office: StageTargetOffice, stage: Stage): number {
  return clock.targets.get(targetKey(office, stage)) ?? DEFAULT_TARGET_DAYS;
}

export const waitsOnGraduate = (stage: Stage) => stage === 'draft' || stage === 'returned';

/** Whether the office still has its part to do in a stage where its waiting counts. */
function officeStillWaited(office: StageTargetOffice, f: WaitFacts): boolean {
  switch (office) {
    case 'graduate_officer':
      return true;
    case 'free_education_officer':
      return !f.cancellationTick;
    case 'welfare_officer':
      // "No debt" needs no tick: nothing is left for the Welfare Office to do.
      return !f.welfareTick && f.welfareHasDebt !== false;
  }
}

export function officesWaitedOn(f: WaitFacts): StageTargetOffice[] {
  return TARGET_OFFICES.filter(
    (office) => (TARGET_STAGES[office] as readonly Stage[]).includes(f.stage) && officeStillWaited(office, f),
  );
}

/** The offices whose targets a viewer judges requests by: office staff their own, everyone else all of them. */
export function officesViewedBy(role: Role): readonly StageTargetOffice[] {
  return (TARGET_OFFICES as readonly string[]).includes(role) ? [role as StageTargetOffice] : TARGET_OFFICES;
}

export function stageFlags(clock: StageClock, facts: WaitFacts & { stageEnteredAt: Date }, role: Role): StageFlags {
  const daysInStage = workingDaysBetween(clock.calendar, facts.stageEnteredAt, clock.now);
  const waitingOn = officesWaitedOn(facts).map((office) => {
    const targetDays = targetOf(clock, office, facts.stage);
    return { office, targetDays, overdue: daysInStage > targetDays };
  });
  const viewed = officesViewedBy(role);
  const concerned = waitingOn.filter((w) => viewed.includes(w.office));
  return {
    daysInStage,
    waitingOnGraduate: waitsOnGraduate(facts.stage),
    waitingOn,
    overdue: concerned.some((w) => w.overdue),
    stageTargetDays: concerned.length > 0 ? Math.min(...concerned.map((w) => w.targetDays)) : null,
  };
}

/** One branch of the list's overdue filter: in `stage`, waited on by `office`, entered before `before`. */
export interface OverdueRule {
  office: StageTargetOffice;
  stage: Stage;
  before: Date;
}

/**
 * The overdue filter as the viewer sees it, one rule per stage and office: a request is overdue exactly when
 * one rule holds for it. Cutoffs come from the calendar here, so the SQL compares `stage_entered_at` with a
 * constant per stage and runs no function per row. A rule of the Free-Education or Welfare Office is left out
 * where the Graduate Office's rule for the same stage already holds for every request it would (the Graduate
 * Office is waited on in all of its stages, whatever the ticks): with equal targets the auditor's filter is then
 * the Graduate Office's, without the tick conditions and the welfare subquery that would only repeat it.
 */
export function overdueRules(clock: StageClock, role: Role): OverdueRule[] {
  const cutoffs = new Map<number, Date>();
  const rules = officesViewedBy(role).flatMap((office) =>
    (TARGET_STAGES[office] as readonly Stage[]).map((stage) => {
      const target = targetOf(clock, office, stage);
      let before = cutoffs.get(target);
      if (!before) {
        before = overdueCutoff(clock.calendar, clock.now, target);
        cutoffs.set(target, before);
      }
      return { office, stage, before };
    }),
  );
  return rules.filter(
    (rule) =>
      rule.office === 'graduate_officer' ||
      !rules.some((r) => r.office === 'graduate_officer' && r.stage === rule.stage && r.before >= rule.before),
  );
}

/** Whether the welfare record decides who the request waits on (a list reads it only for these rows). */
export function welfareRecordMatters(f: Pick<WaitFacts, 'stage' | 'welfareTick'>): boolean {
  return (TARGET_STAGES.welfare_officer as readonly Stage[]).includes(f.stage) && !f.welfareTick;
}
