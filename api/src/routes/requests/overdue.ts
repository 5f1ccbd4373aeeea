import type { Database, StageTargetOffice } from '@diploma-desk/db';
import type { Expression, ExpressionBuilder, SqlBool } from 'kysely';
import type { OverdueRule } from '../../workflow/stage-targets.ts';

type Eb = ExpressionBuilder<Database, 'diplomaRequests' | 'graduates'>;

/** In SQL, what `officesWaitedOn` asks of a request beyond its stage (workflow/stage-targets.ts). */
function stillWaited(eb: Eb, office: StageTargetOffice): Expression<SqlBool>[] {
  switch (office) {
    case 'graduate_officer':
      return [];
    case 'free_education_officer':
      return [eb('diplomaRequests.cancellationTick', '=', false)];
    case 'welfare_officer':
      return [
        eb('diplomaRequests.welfareTick', '=', false),
        eb.not(
          eb.exists(
            eb
              .selectFrom('welfareRecords')
              .select('welfareRecords.requestId')
              .whereRef('welfareRecords.requestId', '=', 'diplomaRequests.id')
              .where('welfareRecords.hasDebt', '=', false),
          ),
        ),
      ];
  }
}

/**
 * The overdue filter: one branch per stage and office the viewer answers for, each comparing
 * `stage_entered_at` with a cutoff computed from the working calendar, so every branch can use the
 * (stage, stage_entered_at) index. Negated, it is the "not overdue" filter: its columns are never null.
 */
export function overdueCondition(rules: readonly OverdueRule[]) {
  return (eb: Eb): Expression<SqlBool> =>
    eb.or(
      rules.map((r) =>
        eb.and([
          eb('diplomaRequests.stage', '=', r.stage),
          eb('diplomaRequests.stageEnteredAt', '<', r.before),
          ...stillWaited(eb, r.office),
        ]),
      ),
    );
}
