import type { Database, DiplomaRequestRow, DocumentKind, GraduateRow } from '@diploma-desk/db';
import type { CompiledQuery, Kysely, Transaction } from 'kysely';
import type { CountCache } from '../../lib/count-cache.ts';
import { afterCursor, type Cursor, sortKeyOf } from '../../lib/keyset.ts';
import type { OverdueRule } from '../../workflow/stage-targets.ts';
import type { DocumentFact, RequestFacts } from '../../workflow/workflow.ts';
import { escapeLike, toGraduateDto } from '../graduates/graduates.repository.ts';
import { overdueCondition } from './overdue.ts';

type Executor = Kysely<Database> | Transaction<Database>;

export function findRequestById(db: Executor, id: string): Promise<DiplomaRequestRow | undefined> {
  return db.selectFrom('diplomaRequests').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Locks the request row for the rest of the transaction: actions, ticks and reviews on it queue up. */
export function lockRequest(trx: Transaction<Database>, id: string): Promise<DiplomaRequestRow | undefined> {
  return trx.selectFrom('diplomaRequests').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

/** Every write to a request or its parts raises the request's version. */
export async function bumpRequestVersion(trx: Transaction<Database>, id: string): Promise<number> {
  const row = await trx
    .updateTable('diplomaRequests')
    .set((eb) => ({ version: eb('version', '+', 1), updatedAt: new Date() }))
    .where('id', '=', id)
    .returning('version')
    .executeTakeFirstOrThrow();
  return row.version;
}

export function findGraduateById(db: Executor, id: string): Promise<GraduateRow | undefined> {
  return db.selectFrom('graduates').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The current document of each kind: the newest upload that was not superseded. */
export async function currentDocuments(db: Executor, requestId: string) {
  return db
    .selectFrom('documents')
    .selectAll()
    .where('requestId', '=', requestId)
    .where('supersededAt', 'is', null)
    .orderBy('uploadedAt', 'desc')
    .execute();
}

/** A confirmation holds only for the details as they are now: after an accepted correction it must be given again. */
function confirmationHolds(request: DiplomaRequestRow, graduate: GraduateRow): boolean {
  if (request.detailsConfirmedAt === null || request.confirmedDetails === null) return false;
  const now: Record<string, unknown> = toGraduateDto(graduate);
  return Object.entries(request.confirmedDetails as Record<string, unknown>).every(
    ([key, value]) => now[key] === value,
  );
}

/** The rows the workflow's facts about one request are made of; the request page shows most of them too. */
export async function loadFactRows(db: Executor, request: DiplomaRequestRow) {
  const [graduate, cancellation, welfare, docs, corrections] = await Promise.all([
    db.selectFrom('graduates').selectAll().where('id', '=', request.graduateId).executeTakeFirstOrThrow(),
    db.selectFrom('cancellationCases').selectAll().where('requestId', '=', request.id).executeTakeFirst(),
    db.selectFrom('welfareRecords').selectAll().where('requestId', '=', request.id).executeTakeFirst(),
    currentDocuments(db, request.id),
    db
      .selectFrom('corrections')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('graduateId', '=', request.graduateId)
      .where('status', '=', 'pending')
      .executeTakeFirstOrThrow(),
  ]);
  return { graduate, cancellation, welfare, docs, pendingCorrections: Number(corrections.n) };
}

export type FactRows = Awaited<ReturnType<typeof loadFactRows>>;

/** Everything the workflow module needs to decide about one request. */
export async function loadFacts(db: Executor, request: DiplomaRequestRow): Promise<RequestFacts> {
  return factsFrom(request, await loadFactRows(db, request));
}

/** The workflow's facts from rows already read (see loadFactRows). */
export function factsFrom(
  request: DiplomaRequestRow,
  { graduate, cancellation, welfare, docs, pendingCorrections }: FactRows,
): RequestFacts {
  const documents: Partial<Record<DocumentKind, DocumentFact>> = {};
  for (const d of docs) {
    documents[d.kind] ??= {
      status: d.reviewStatus,
      inPerson: d.inPerson as DocumentFact['inPerson'],
    };
  }
  return {
    stage: request.stage,
    gender: graduate.gender,
    provisionalCertificateIssued: request.provisionalCertificateIssued,
    detailsConfirmed: confirmationHolds(request, graduate),
    pendingCorrections,
    cancellationTick: request.cancellationTick,
    welfareTick: request.welfareTick,
    welfare: { hasDebt: welfare?.hasDebt ?? null, settled: welfare?.settled ?? false },
    cancellation: {
      route: cancellation?.route ?? null,
      amountOwed: BigInt(cancellation?.amountOwed ?? 0),
      amountPaid: BigInt(cancellation?.amountPaid ?? 0),
      paymentRef: cancellation?.paymentRef ?? null,
    },
    documents,
  };
}

/** The facts before a change to a request with a tick set, to check after it that the ticks still stand. */
export function factsIfTicked(db: Executor, request: DiplomaRequestRow): Promise<RequestFacts | null> {
  return request.cancellationTick || request.welfareTick ? loadFacts(db, request) : Promise.resolve(null);
}

export type RequestQueue = 'graduate_officer' | 'free_education_officer' | 'welfare_officer';
const PRE_APPROVAL = ['draft', 'submitted', 'under_review', 'returned'] as const;

export interface RequestListQuery {
  visible: (
    eb: import('kysely').ExpressionBuilder<Database, 'diplomaRequests' | 'graduates'>,
  ) => import('kysely').Expression<import('kysely').SqlBool>;
  q?: string | undefined;
  stages?: string[] | undefined;
  cancellationTick?: boolean | undefined;
  welfareTick?: boolean | undefined;
  degreeLevel?: string | undefined;
  faculty?: string | undefined;
  /** Overdue (`value` true) or not, as the viewer's rules say (workflow/stage-targets.ts). */
  overdue?: { value: boolean; rules: readonly OverdueRule[] } | undefined;
  graduateId?: string | undefined;
  queue?: RequestQueue | undefined;
  ids?: string[] | undefined;
  sort: { field: 'stageEnteredAt' | 'createdAt' | 'updatedAt' | 'stage' | 'lastName'; order: 'asc' | 'desc' };
  offset: number;
  limit: number;
  /** Keyset paging (the exports): the rows after this one in the list's order, with `offset` 0 (lib/keyset.ts). */
  after?: Cursor | undefined;
  /** Leave the count out (`total` is then NaN): an export counts once, not once a page. */
  withoutTotal?: boolean | undefined;
}

/** The stages each office's queue holds; the rest of a queue's definition is at the end of listRequests' filter. */
const QUEUE_STAGES: Record<RequestQueue, readonly string[]> = {
  graduate_officer: ['submitted', 'under_review', 'approved', 'printing', 'signing', 'ready'],
  free_education_officer: PRE_APPROVAL,
  welfare_officer: PRE_APPROVAL,
};

type JoinedList = import('kysely').SelectQueryBuilder<Database, 'diplomaRequests' | 'graduates', object>;

/** The request list with its graduates, filtered in SQL by the caller's rules and the filters given. */
export async function listRequests(
  db: Executor,
  query: RequestListQuery,
  search: (
    eb: import('kysely').ExpressionBuilder<Database, 'graduates'>,
    q: string,
  ) => import('kysely').Expression<import('kysely').SqlBool>,
  /** Keeps totals between writes (lib/count-cache.ts); without it every call counts. */
  countCache?: CountCache,
) {
  const countOf = async (counting: {
    compile(): CompiledQuery;
    executeTakeFirstOrThrow(): Promise<{ total: string }>;
  }) => {
    const run = async () => Number((await counting.executeTakeFirstOrThrow()).total);
    if (!countCache) return run();
    const { sql, parameters } = counting.compile();
    return countCache.get(JSON.stringify([sql, parameters]), run);
  };
  // The stage filter and the queue's stages as one list: one `stage IN (…)` the planner can match to an index.
  let stages: readonly string[] | undefined = query.stages;
  if (query.queue) {
    const queueStages = QUEUE_STAGES[query.queue];
    stages = stages === undefined ? queueStages : stages.filter((s) => queueStages.includes(s));
  }
  // Conditions on the graduate need the join; the rest are on the request alone. The count joins only when
  // one of them applies: every request has exactly one graduate (a non-null foreign key), so without such a
  // condition the join changes no count, and counting the requests alone reads one index instead of two
  // tables.
  const onGraduates = Boolean(query.q?.trim() || query.degreeLevel || query.faculty?.trim());
  const filter = (q: JoinedList, withGraduates: boolean): JoinedList => {
    q = q.where(query.visible);
    if (withGraduates) {
      if (query.q?.trim()) q = q.where((eb) => search(eb as never, query.q ?? ''));
      if (query.degreeLevel) q = q.where('graduates.degreeLevel', '=', query.degreeLevel as never);
      if (query.faculty?.trim()) q = q.where('graduates.faculty', 'ilike', `%${escapeLike(query.faculty.trim())}%`);
    }
    if (stages) {
      q =
        stages.length === 0 ? q.where((eb) => eb.val(false)) : q.where('diplomaRequests.stage', 'in', stages as never);
    }
    if (query.cancellationTick !== undefined)
      q = q.where('diplomaRequests.cancellationTick', '=', query.cancellationTick);
    if (query.welfareTick !== undefined) q = q.where('diplomaRequests.welfareTick', '=', query.welfareTick);
    if (query.graduateId) q = q.where('diplomaRequests.graduateId', '=', query.graduateId);
    if (query.overdue) {
      const { value, rules } = query.overdue;
      q = q.where((eb) => (value ? overdueCondition(rules)(eb) : eb.not(overdueCondition(rules)(eb))));
    }
    if (query.ids)
      q = query.ids.length === 0 ? q.where((eb) => eb.val(false)) : q.where('diplomaRequests.id', 'in', query.ids);
    switch (query.queue) {
      case 'free_education_officer':
        q = q.where('diplomaRequests.cancellationTick', '=', false);
        break;
      case 'welfare_officer':
        // Waiting on the Welfare Office: not yet checked, or a debt whose tick is not set. "No debt" needs nothing.
        q = q
          .where('diplomaRequests.welfareTick', '=', false)
          .where(({ not, exists, selectFrom }) =>
            not(
              exists(
                selectFrom('welfareRecords')
                  .select('welfareRecords.requestId')
                  .whereRef('welfareRecords.requestId', '=', 'diplomaRequests.id')
                  .where('welfareRecords.hasDebt', '=', false),
              ),
            ),
          );
        break;
    }
    return q;
  };
  const q = filter(
    db.selectFrom('diplomaRequests').innerJoin('graduates', 'graduates.id', 'diplomaRequests.graduateId'),
    true,
  );
  // Typed as the joined query so that one `filter` serves both; it names only diplomaRequests columns when
  // `withGraduates` is false, which is what lets the count leave the join out.
  const counted = onGraduates ? q : filter(db.selectFrom('diplomaRequests') as unknown as JoinedList, false);
  const sortColumn =
    query.sort.field === 'lastName' ? 'graduates.lastName' : (`diplomaRequests.${query.sort.field}` as const);
  const sortType = query.sort.field === 'lastName' || query.sort.field === 'stage' ? 'text' : 'timestamptz';
  const after = query.after;
  const [rows, count] = await Promise.all([
    q
      .$if(after !== undefined, (page) =>
        page.where(() => afterCursor(sortColumn, sortType, query.sort.order, 'diplomaRequests.id', after!)),
      )
      .select([
        'diplomaRequests.id',
        'diplomaRequests.graduateId',
        'diplomaRequests.stage',
        'diplomaRequests.stageEnteredAt',
        'diplomaRequests.cancellationTick',
        'diplomaRequests.welfareTick',
        'diplomaRequests.version',
        'diplomaRequests.createdAt',
        'diplomaRequests.updatedAt',
        'graduates.studentNumber',
        'graduates.nationalId',
        'graduates.firstName',
        'graduates.lastName',
        'graduates.degreeLevel',
        'graduates.faculty',
        'graduates.program',
      ])
      .select(sortKeyOf(sortColumn).as('sortKey'))
      .orderBy(sortColumn, query.sort.order)
      .orderBy('diplomaRequests.id')
      .offset(query.offset)
      .limit(query.limit)
      .execute(),
    query.withoutTotal ? Number.NaN : countOf(counted.select((eb) => eb.fn.countAll<string>().as('total'))),
  ]);
  return { rows, total: count };
}
