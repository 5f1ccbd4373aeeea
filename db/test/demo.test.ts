import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { verifyIranianNationalId } from '@persian-tools/persian-tools';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../src/audit.ts';
import { DEMO_GRADUATE_ACCOUNTS } from '../src/demo/accounts.ts';
import { nationalIdCheckDigit } from '../src/demo/national-id.ts';
import { buildDemoPlan, personalDetailsSnapshot } from '../src/demo/plan.ts';
import { sampleFileContents } from '../src/demo/samples.ts';
import { type DocumentKind, ROUTES, STAGES, type Stage } from '../src/domain.ts';
import { graduateSearchText, normalizeNationalId } from '../src/normalize.ts';
import { verifyPassword } from '../src/passwords.ts';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, seedDemoData } from '../src/seed.ts';
import { detectContentType } from '../src/storage/detect-type.ts';
import { LocalFileStorage } from '../src/storage/local-storage.ts';
import type { DocumentRow } from '../src/tables/documents.table.ts';
import type { GraduateRow } from '../src/tables/graduates.table.ts';
import { createTestDb, type TestDb } from '../src/testing.ts';

const DAY = 86_400_000;
const AFTER_APPROVAL: readonly Stage[] = ['approved', 'printing', 'signing', 'ready', 'delivered'];
const PRINTED: readonly Stage[] = ['printing', 'signing', 'ready', 'delivered'];
/** The workflow's transitions (api/src/workflow/workflow.ts): action → the stages it may start from. */
const FROM: Record<string, readonly (Stage | null)[]> = {
  open: [null],
  submit: ['draft', 'returned'],
  'start-review': ['submitted'],
  return: ['submitted', 'under_review'],
  approve: ['under_review'],
  'start-printing': ['approved'],
  'send-for-signature': ['printing'],
  'mark-ready': ['signing'],
  deliver: ['ready'],
  withdraw: ['draft', 'submitted', 'under_review', 'returned'],
};
const OFFICE_ACTIONS = [
  'start-review',
  'return',
  'approve',
  'start-printing',
  'send-for-signature',
  'mark-ready',
  'deliver',
];

let t: TestDb;
let dir: string;
let storage: LocalFileStorage;
let seedMs: number;
const now = new Date();

beforeAll(async () => {
  t = await createTestDb(process.env.TEST_DATABASE_URL);
  dir = await mkdtemp(path.join(tmpdir(), 'dd-demo-'));
  storage = new LocalFileStorage(dir);
  const started = performance.now();
  expect(await seedDemoData(t.db, { storage, now })).toBe(true);
  seedMs = performance.now() - started;
  console.info(`demo seed on ${t.kind}: ${Math.round(seedMs)} ms`);
});
afterAll(async () => {
  await t.close();
  await rm(dir, { recursive: true, force: true });
});

/** Everything seeded, grouped by request. */
async function load() {
  const db = t.db;
  const [graduates, users, requests, history, cases, welfare, ticks, documents, actions, corrections] =
    await Promise.all([
      db.selectFrom('graduates').selectAll().execute(),
      db.selectFrom('users').selectAll().execute(),
      db.selectFrom('diplomaRequests').selectAll().execute(),
      db.selectFrom('requestStageHistory').selectAll().orderBy('id').execute(),
      db.selectFrom('cancellationCases').selectAll().execute(),
      db.selectFrom('welfareRecords').selectAll().execute(),
      db.selectFrom('tickEvents').selectAll().orderBy('id').execute(),
      db.selectFrom('documents').selectAll().orderBy('uploadedAt', 'desc').execute(),
      db.selectFrom('nextActions').selectAll().execute(),
      db.selectFrom('corrections').selectAll().execute(),
    ]);
  const by = <T extends { requestId: string }>(rows: T[], id: string) => rows.filter((r) => r.requestId === id);
  const staff = Object.fromEntries(users.filter((u) => u.role !== 'graduate').map((u) => [u.username, u.id]));
  const graduateById = new Map(graduates.map((g) => [g.id, g]));
  const perRequest = requests.map((r) => {
    const docs = by(documents, r.id);
    const current = new Map<DocumentKind, DocumentRow>();
    for (const d of docs) if (!d.supersededAt && !current.has(d.kind)) current.set(d.kind, d);
    return {
      r,
      g: graduateById.get(r.graduateId)!,
      history: by(history, r.id),
      cancellation: cases.find((c) => c.requestId === r.id)!,
      welfare: welfare.find((w) => w.requestId === r.id)!,
      ticks: by(ticks, r.id),
      docs,
      current,
      actions: by(actions, r.id),
    };
  });
  return { graduates, users, requests, perRequest, documents, corrections, staff, actions };
}

type Loaded = Awaited<ReturnType<typeof load>>;
let loaded: Loaded;
const data = async () => {
  loaded ??= await load();
  return loaded;
};

function requiredKinds(g: GraduateRow, provisional: boolean): DocumentKind[] {
  const kinds: DocumentKind[] = ['cancellation_sheet', 'lower_degree_diploma'];
  if (provisional) kinds.push('provisional_certificate');
  if (g.gender === 'male') kinds.push('military_status');
  return kinds;
}

/** DOMAIN.md §3: what makes a cancellation case complete (as api/src/workflow/workflow.ts decides it). */
function routeProblems(x: Loaded['perRequest'][number]): string[] {
  const accepted = (kind: DocumentKind) => x.current.get(kind)?.reviewStatus === 'accepted';
  const owed = BigInt(x.cancellation.amountOwed);
  const paid = BigInt(x.cancellation.amountPaid);
  const problems: string[] = [];
  switch (x.cancellation.route) {
    case null:
      problems.push('route_missing');
      break;
    case 'employment':
      if (!accepted('employment_certificate') || !accepted('insurance_record')) problems.push('employment_documents');
      break;
    case 'government_employment':
      if (!accepted('employment_decree')) problems.push('employment_decree');
      break;
    case 'non_employment': {
      const letter = x.current.get('non_employment_letter');
      const inPerson = letter?.inPerson as {
        presentedByGraduate?: boolean;
        originalNationalIdChecked?: boolean;
      } | null;
      if (
        letter?.reviewStatus !== 'accepted' ||
        !inPerson?.presentedByGraduate ||
        !inPerson.originalNationalIdChecked
      ) {
        problems.push('non_employment_letter');
      }
      break;
    }
    case 'scholarship':
      if (!accepted('scholarship_release')) problems.push('scholarship_release');
      if (owed <= 0n || !x.cancellation.paymentRef) problems.push('scholarship_cost_unpaid');
      break;
  }
  if (paid < owed) problems.push('amount_unpaid');
  else if (owed > 0n && !x.cancellation.paymentRef) problems.push('payment_ref_missing');
  return problems;
}

describe('demo seed', () => {
  it('runs well under ten seconds', () => {
    expect(seedMs).toBeLessThan(10_000);
  });

  it('creates 200 graduates with valid, unique national IDs and student numbers', async () => {
    const { graduates } = await data();
    expect(graduates).toHaveLength(200);
    const ids = graduates.map((g) => g.nationalId);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) {
      expect(id).toMatch(/^[0-9]{10}$/);
      expect(verifyIranianNationalId(id)).toBe(true);
      expect(normalizeNationalId(id)).toBe(id);
      expect(nationalIdCheckDigit(id.slice(0, 9))).toBe(Number(id[9]));
    }
    const numbers = graduates.map((g) => g.studentNumber);
    expect(new Set(numbers).size).toBe(numbers.length);
    for (const g of graduates) {
      expect(g.studentNumber).toMatch(/^40[0-9]{7}$/);
      expect(g.birthDate >= '1985-01-01' && g.birthDate <= '2001-12-31').toBe(true);
      expect(Number.isNaN(Date.parse(g.birthDate))).toBe(false);
      expect(g.searchText).toBe(graduateSearchText(g));
      expect(g.firstName.trim()).not.toBe('');
      expect(g.faculty).toMatch(/^دانشکده /);
    }
    const share = (p: (g: GraduateRow) => boolean) => graduates.filter(p).length / graduates.length;
    expect(share((g) => g.degreeLevel === 'masters')).toBeGreaterThan(0.65);
    expect(share((g) => g.degreeLevel === 'masters')).toBeLessThan(0.85);
    expect(share((g) => g.scholarship)).toBeGreaterThan(0.03);
    expect(share((g) => g.scholarship)).toBeLessThan(0.08);
    expect(share((g) => g.gender === 'female')).toBeGreaterThan(0.25);
    // Names that exercise search normalisation: ZWNJ compounds, and legacy Arabic letters.
    expect(graduates.some((g) => `${g.firstName}${g.lastName}`.includes('\u200c'))).toBe(true);
    expect(graduates.some((g) => /[يك]/.test(g.lastName))).toBe(true);
  });

  it('spreads the requests over every stage, and settled cases over every route', async () => {
    const { perRequest, graduates } = await data();
    const stages = new Set(perRequest.map((x) => x.r.stage));
    expect([...stages].sort()).toEqual([...STAGES].sort());
    const ticked = new Set(perRequest.filter((x) => x.r.cancellationTick).map((x) => x.cancellation.route));
    expect([...ticked].sort()).toEqual([...ROUTES].sort());
    const withoutRequest = graduates.length - new Set(perRequest.map((x) => x.r.graduateId)).size;
    expect(withoutRequest).toBeGreaterThan(0);
    expect(withoutRequest).toBeLessThan(10);
    const debt = perRequest.filter((x) => x.welfare.hasDebt === true).length / perRequest.length;
    expect(debt).toBeGreaterThan(0.2);
    expect(debt).toBeLessThan(0.4);
    expect(perRequest.some((x) => BigInt(x.cancellation.amountPaid) > 0n && x.cancellation.paymentRef)).toBe(true);
  });

  it('keeps the workflow rules for every request at its stage', async () => {
    const { perRequest, staff, corrections } = await data();
    const pendingCorrections = new Set(corrections.filter((c) => c.status === 'pending').map((c) => c.graduateId));
    for (const x of perRequest) {
      const { r, g } = x;
      const context = `${r.stage} request ${r.id}`;
      const submitted = x.history.some((h) => h.action === 'submit');
      const required = requiredKinds(g, r.provisionalCertificateIssued);

      // Ticks only on complete cases; each tick's last event matches it; none after approval.
      if (r.cancellationTick) expect(routeProblems(x), context).toEqual([]);
      if (r.welfareTick)
        expect(x.welfare.hasDebt !== null && (!x.welfare.hasDebt || x.welfare.settled), context).toBe(true);
      for (const kind of ['cancellation', 'welfare'] as const) {
        const events = x.ticks.filter((e) => e.kind === kind);
        const value = kind === 'cancellation' ? r.cancellationTick : r.welfareTick;
        expect(events.at(-1)?.set ?? false, context).toBe(value);
        for (const e of events) {
          expect(e.actorId, context).toBe(kind === 'cancellation' ? staff['free.education'] : staff['welfare.office']);
          if (!e.set) expect(e.reason?.trim(), context).toBeTruthy();
        }
      }
      const approvedAt = x.history.find((h) => h.action === 'approve')?.at;
      if (approvedAt) for (const e of x.ticks) expect(e.at.getTime(), context).toBeLessThan(approvedAt.getTime());

      // Final confirmation needed both ticks, the documents and confirmed details.
      if (submitted) {
        expect(r.cancellationTick, context).toBe(true);
        expect(x.welfare.hasDebt, context).not.toBeNull();
        if (x.welfare.hasDebt) expect(r.welfareTick && x.welfare.settled, context).toBe(true);
        expect(r.detailsConfirmedAt, context).not.toBeNull();
        const firstSubmit = x.history.find((h) => h.action === 'submit')!;
        expect(r.detailsConfirmedAt!.getTime(), context).toBeLessThan(firstSubmit.at.getTime());
        for (const e of x.ticks) if (e.set) expect(e.at.getTime(), context).toBeLessThan(firstSubmit.at.getTime());
      }
      if (r.detailsConfirmedAt) {
        expect(r.confirmedDetails, context).toEqual(personalDetailsSnapshot(g));
        expect(pendingCorrections.has(g.id), context).toBe(false);
      } else {
        expect(r.confirmedDetails, context).toBeNull();
      }
      if (r.stage === 'submitted' || r.stage === 'under_review') {
        for (const kind of required)
          expect(x.current.get(kind)?.reviewStatus ?? 'missing', `${context} ${kind}`).not.toMatch(/missing|rejected/);
      }
      if (AFTER_APPROVAL.includes(r.stage)) {
        for (const kind of required) expect(x.current.get(kind)?.reviewStatus, `${context} ${kind}`).toBe('accepted');
      }
      if (r.stage === 'returned') {
        expect(
          [...x.current.values()].some((d) => d.reviewStatus === 'rejected' && d.reviewNote),
          context,
        ).toBe(true);
      }
      if (g.gender === 'female')
        expect(
          x.docs.some((d) => d.kind === 'military_status'),
          context,
        ).toBe(false);
      for (const d of x.docs) {
        const office = [
          'cancellation_sheet',
          'lower_degree_diploma',
          'provisional_certificate',
          'military_status',
        ].includes(d.kind)
          ? staff['graduate.office']
          : staff['free.education'];
        if (d.reviewStatus !== 'pending') expect(d.reviewedBy, `${context} ${d.kind}`).toBe(office);
        if (d.reviewStatus === 'rejected') expect(d.reviewNote?.trim(), context).toBeTruthy();
      }

      // Diploma numbers from printing on, with the frozen details.
      if (PRINTED.includes(r.stage)) {
        expect(r.diplomaNumber, context).toMatch(/^14[0-9]{2}-[0-9]{6}$/);
        expect(r.diplomaDetails, context).toEqual({ ...personalDetailsSnapshot(g), diplomaNumber: r.diplomaNumber });
      } else {
        expect(r.diplomaNumber, context).toBeNull();
        expect(r.diplomaDetails, context).toBeNull();
      }
    }
  });

  it('sets the diploma-number sequence past every seeded number, so the next print cannot collide', async () => {
    const { requests } = await data();
    const serials = requests.flatMap((r) => (r.diplomaNumber ? [Number(r.diplomaNumber.split('-')[1])] : []));
    expect(serials.length).toBeGreaterThan(0);
    // Read, not nextval: the sequence must stay as the seed left it for the other tests.
    const { rows } = await sql<{ last: string }>`SELECT last_value AS last FROM diploma_number_seq`.execute(t.db);
    expect(Number(rows[0]!.last)).toBe(Math.max(...serials));
  });

  it('records each request’s path through the workflow, by the right people', async () => {
    const { perRequest, staff, users } = await data();
    const graduateAccounts = new Set(users.filter((u) => u.role === 'graduate').map((u) => u.id));
    let overdue = 0;
    for (const { r, history } of perRequest) {
      const context = `${r.stage} request ${r.id}`;
      expect(history[0], context).toMatchObject({ action: 'open', fromStage: null, toStage: 'draft' });
      history.forEach((h, i) => {
        expect(FROM[h.action], `${context} ${h.action}`).toContain(h.fromStage);
        if (i > 0) {
          expect(h.fromStage, context).toBe(history[i - 1]!.toStage);
          expect(h.at.getTime(), context).toBeGreaterThan(history[i - 1]!.at.getTime());
        }
        if (OFFICE_ACTIONS.includes(h.action)) expect(h.actorId, context).toBe(staff['graduate.office']);
        else if (h.actorId !== null && h.actorId !== staff['graduate.office'])
          expect(graduateAccounts.has(h.actorId), context).toBe(true);
        if (h.action === 'return') expect(h.note?.trim(), context).toBeTruthy();
      });
      const last = history.at(-1)!;
      expect(last.toStage, context).toBe(r.stage);
      expect(last.at.getTime(), context).toBe(r.stageEnteredAt.getTime());
      expect(r.createdAt.getTime(), context).toBe(history[0]!.at.getTime());
      const age = now.getTime() - r.stageEnteredAt.getTime();
      expect(age, context).toBeGreaterThan(0);
      expect(age, context).toBeLessThanOrEqual(30 * DAY);
      if (age > 14 * DAY && !['delivered', 'withdrawn'].includes(r.stage)) overdue += 1;
    }
    expect(overdue).toBeGreaterThan(10);
    expect(overdue).toBeLessThan(perRequest.length / 2);
  });

  it('gives every returned request one open next action, with the note the graduate sees', async () => {
    const { perRequest } = await data();
    for (const x of perRequest) {
      const open = x.actions.filter((a) => a.resolvedAt === null);
      if (x.r.stage === 'returned' || (x.r.stage === 'withdrawn' && x.history.at(-2)?.toStage === 'returned')) {
        expect(open, x.r.id).toHaveLength(1);
        expect(open[0]!.note).toMatch(/[\u0600-\u06FF]/);
        expect(open[0]!.note).toBe(x.history.filter((h) => h.action === 'return').at(-1)!.note);
      } else {
        expect(open, x.r.id).toHaveLength(0);
      }
      expect(x.actions).toHaveLength(x.history.filter((h) => h.action === 'return').length);
    }
    expect(perRequest.some((x) => x.actions.some((a) => a.resolvedAt !== null))).toBe(true);
  });

  it('keeps a few pending corrections, and reviewed ones already in the record', async () => {
    const { corrections, graduates } = await data();
    const pending = corrections.filter((c) => c.status === 'pending');
    expect(pending.length).toBeGreaterThan(2);
    for (const c of corrections.filter((c) => c.status === 'accepted')) {
      const g = graduates.find((x) => x.id === c.graduateId)!;
      expect(g).toMatchObject(c.changes as object);
    }
    for (const c of pending) {
      const g = graduates.find((x) => x.id === c.graduateId)!;
      expect(g).not.toMatchObject(c.changes as object);
    }
  });

  it('points every document at a stored sample file with its real type, size and hash', async () => {
    const { documents, requests } = await data();
    const perRequest = documents.length / requests.length;
    expect(perRequest).toBeGreaterThan(5);
    expect(perRequest).toBeLessThan(8);
    const keys = new Set(documents.map((d) => d.storageKey));
    expect(keys.size).toBe(Object.keys(sampleFileContents()).length);
    for (const key of keys) {
      expect(await storage.exists(key)).toBe(true);
      const bytes = await readFile(path.join(dir, key));
      const doc = documents.find((d) => d.storageKey === key)!;
      expect(createHash('sha256').update(bytes).digest('hex')).toBe(doc.sha256);
      expect(Number(doc.sizeBytes)).toBe(bytes.length);
      expect(detectContentType(bytes)).toBe(doc.contentType);
    }
    expect(new Set(documents.map((d) => d.contentType))).toEqual(
      new Set(['application/pdf', 'image/jpeg', 'image/png']),
    );
    const pdf = sampleFileContents().cancellation_sheet.toString('latin1');
    const startxref = Number(/startxref\n(\d+)/.exec(pdf)![1]);
    expect(pdf.slice(startxref, startxref + 4)).toBe('xref');
  });

  it('gives the demo graduate accounts requests in their stages', async () => {
    const { users, requests, graduates, perRequest } = await data();
    expect(
      users
        .filter((u) => u.role !== 'graduate')
        .map((u) => u.username)
        .sort(),
    ).toEqual(DEMO_ACCOUNTS.map((a) => a.username).sort());
    for (const account of DEMO_GRADUATE_ACCOUNTS) {
      const user = users.find((u) => u.username === account.username)!;
      expect(user.role).toBe('graduate');
      const g = graduates.find((x) => x.id === user.graduateId)!;
      expect(`${g.firstName} ${g.lastName}`).toBe(account.name);
      expect(requests.find((r) => r.graduateId === g.id)?.stage).toBe(account.stage);
    }
    expect(await verifyPassword(users.find((u) => u.username === 'graduate.draft')!.passwordHash, DEMO_PASSWORD)).toBe(
      true,
    );
    // graduate.draft can finish: ticks set, details unconfirmed with nothing pending, one document to upload.
    const draft = perRequest.find(
      (x) => x.r.graduateId === users.find((u) => u.username === 'graduate.draft')!.graduateId,
    )!;
    expect(draft.r.cancellationTick).toBe(true);
    expect(draft.r.detailsConfirmedAt).toBeNull();
    expect(requiredKinds(draft.g, draft.r.provisionalCertificateIssued).filter((k) => !draft.current.has(k))).toEqual([
      'provisional_certificate',
    ]);
  });

  it('audits every seeded record in an intact hash chain', async () => {
    const { requests, graduates } = await data();
    const verification = await verifyAuditChain(t.db);
    expect(verification.ok).toBe(true);
    const events = await t.db
      .selectFrom('auditEvents')
      .select(['action', 'subjectType', 'requestId', 'actorId'])
      .execute();
    expect(verification.checked).toBe(events.length);
    expect(events.filter((e) => e.subjectType === 'request' && e.requestId).length).toBe(requests.length);
    expect(events.filter((e) => e.subjectType === 'graduate').length).toBe(graduates.length);
    expect(events.every((e) => e.actorId === null)).toBe(true);
  });

  it('is deterministic, and seeds nothing the second time', async () => {
    const staff = { graduateOffice: 'a', freeEducation: 'b', welfare: 'c' };
    expect(buildDemoPlan({ graduates: 200, now, staff })).toEqual(buildDemoPlan({ graduates: 200, now, staff }));
    const count = async () => (await t.db.selectFrom('auditEvents').select('id').execute()).length;
    const before = await count();
    expect(await seedDemoData(t.db, { storage })).toBe(false);
    expect(await count()).toBe(before);
    expect((await t.db.selectFrom('graduates').select('id').execute()).length).toBe(200);
  });
});
