import type { Database, DiplomaRequestRow, Role, TickKind } from '@diploma-desk/db';
import type { Kysely, Transaction } from 'kysely';
import type { RequestDetailDto } from '../../schemas/requests.ts';
import { type StageClock, stageFlags } from '../../workflow/stage-targets.ts';
import {
  availableActions,
  casePartRules,
  decideTick,
  type RequestFacts,
  requiredDocumentKinds,
  tickOwner,
  uploadRules,
} from '../../workflow/workflow.ts';
import { toGraduateDto } from '../graduates/graduates.repository.ts';
import { factsFrom, loadFactRows } from './requests.repository.ts';

type Executor = Kysely<Database> | Transaction<Database>;
/** What must still happen before each tick could be set (empty when it could be set now). */
function tickRules(facts: RequestFacts) {
  const rules = (kind: TickKind) => {
    const unticked = { ...facts, ...(kind === 'cancellation' ? { cancellationTick: false } : { welfareTick: false }) };
    const d = decideTick(kind, true, tickOwner(kind), unticked);
    return d.ok ? [] : d.unmet;
  };
  return { cancellation: rules('cancellation'), welfare: rules('welfare') };
}

/** The full request as one role sees it, with what that role may do to it now. */
export async function requestDetail(
  db: Executor,
  row: DiplomaRequestRow,
  role: Role,
  clock: StageClock,
): Promise<RequestDetailDto> {
  // The facts' rows double as the page's graduate, case and welfare record: each is read once.
  const [factRows, nextAction, history, ticks] = await Promise.all([
    loadFactRows(db, row),
    db
      .selectFrom('nextActions')
      .select(['id', 'note', 'createdAt'])
      .where('requestId', '=', row.id)
      .where('resolvedAt', 'is', null)
      .orderBy('createdAt', 'desc')
      .executeTakeFirst(),
    db.selectFrom('requestStageHistory').selectAll().where('requestId', '=', row.id).orderBy('id').execute(),
    db.selectFrom('tickEvents').selectAll().where('requestId', '=', row.id).orderBy('id', 'desc').execute(),
  ]);
  const { graduate, cancellation, welfare } = factRows;
  const facts = factsFrom(row, factRows);
  const lastTick = (kind: 'cancellation' | 'welfare') => {
    const e = ticks.find((t) => t.kind === kind);
    return {
      set: kind === 'cancellation' ? row.cancellationTick : row.welfareTick,
      at: e?.at.toISOString() ?? null,
      by: e?.actorId ?? null,
      reason: e?.reason ?? null,
    };
  };
  const { allowed, blocked } = availableActions(role, facts);
  return {
    id: row.id,
    graduateId: row.graduateId,
    studentNumber: graduate.studentNumber,
    nationalId: graduate.nationalId,
    firstName: graduate.firstName,
    lastName: graduate.lastName,
    degreeLevel: graduate.degreeLevel,
    faculty: graduate.faculty,
    program: graduate.program,
    graduate: toGraduateDto(graduate),
    stage: row.stage,
    stageEnteredAt: row.stageEnteredAt.toISOString(),
    ...stageFlags(clock, { ...row, welfareHasDebt: welfare?.hasDebt ?? null }, role),
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    provisionalCertificateIssued: row.provisionalCertificateIssued,
    detailsConfirmedAt: row.detailsConfirmedAt?.toISOString() ?? null,
    confirmedDetails: (row.confirmedDetails as Record<string, unknown> | null) ?? null,
    diplomaNumber: row.diplomaNumber,
    ticks: { cancellation: lastTick('cancellation'), welfare: lastTick('welfare') },
    cancellationCase: {
      route: cancellation?.route ?? null,
      saorgTrackingCode: cancellation?.saorgTrackingCode ?? null,
      amountOwed: String(cancellation?.amountOwed ?? '0'),
      amountPaid: String(cancellation?.amountPaid ?? '0'),
      paymentRef: cancellation?.paymentRef ?? null,
    },
    welfare: { hasDebt: welfare?.hasDebt ?? null, settled: welfare?.settled ?? false, note: welfare?.note ?? null },
    nextAction: nextAction ? { ...nextAction, createdAt: nextAction.createdAt.toISOString() } : null,
    history: history.map((h) => ({
      fromStage: h.fromStage,
      toStage: h.toStage,
      action: h.action,
      actorId: h.actorId,
      role: h.role,
      note: h.note,
      at: h.at.toISOString(),
    })),
    requiredDocuments: requiredDocumentKinds(facts),
    allowedActions: allowed,
    blockedActions: blocked,
    tickRules: tickRules(facts),
    uploadRules: uploadRules(role, row.stage),
    caseRules: { cancellation: casePartRules('cancellation', row.stage), welfare: casePartRules('welfare', row.stage) },
  };
}
