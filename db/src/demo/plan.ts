import type { CancellationRoute, DocumentKind, ReviewStatus, Stage, TickKind } from '../domain.ts';
import { graduateSearchText } from '../normalize.ts';
import type { DegreeLevel, Gender, GraduateRow } from '../tables/graduates.table.ts';
import { DEMO_GRADUATE_ACCOUNTS, type DemoGraduateAccount } from './accounts.ts';
import {
  arabicLetterVariant,
  FACULTIES,
  FATHER_NAMES,
  FEMALE_FIRST_NAMES,
  LAST_NAMES,
  MALE_FIRST_NAMES,
} from './names.ts';
import { demoNationalId } from './national-id.ts';
import { DemoRandom } from './random.ts';
import type { SampleKey } from './samples.ts';

/**
 * The demo data as plain rows, decided before anything is written: a pure function of the options, so the
 * same options give the same data (ids included). Every request is built by walking the workflow's own
 * transitions, so that it satisfies the rules of api/src/workflow/workflow.ts at its stage.
 */

export const DEMO_SEED = 1405;

export interface DemoStaffIds {
  graduateOffice: string;
  freeEducation: string;
  welfare: string;
}

export interface DemoPlanOptions {
  graduates: number;
  now: Date;
  staff: DemoStaffIds;
  /** The PRNG's seed: the same seed and options give the same plan. Default DEMO_SEED. */
  seed?: number;
  /** Whether the fixed demo graduate accounts (DEMO_GRADUATE_ACCOUNTS) are planned. Default true. */
  accounts?: boolean;
  /**
   * What earlier plans already used, for a data set built from many plans (the data generator): national IDs,
   * student numbers and diploma serials are never repeated across them, and student numbers get five-digit
   * serials so that a national-sized set fits. Updated in place.
   */
  registry?: PlanRegistry;
  /** Where record ids come from; default the seeded PRNG (the demo's ids are then reproducible). */
  uuid?: () => string;
}

export interface PlanRegistry {
  nationalIds: Set<string>;
  studentNumbers: Set<string>;
  /** The last diploma serial used per Solar Hijri year. */
  diplomaSerials: Map<string, number>;
}

export function newPlanRegistry(): PlanRegistry {
  return { nationalIds: new Set(), studentNumbers: new Set(), diplomaSerials: new Map() };
}

/** The personal details a diploma is printed from: what the graduate confirms, frozen on the request. */
export type PersonalDetails = Pick<
  GraduateRow,
  | 'studentNumber'
  | 'nationalId'
  | 'firstName'
  | 'lastName'
  | 'fatherName'
  | 'birthDate'
  | 'gender'
  | 'degreeLevel'
  | 'faculty'
  | 'program'
>;

export function personalDetailsSnapshot(g: PersonalDetails): PersonalDetails {
  const {
    studentNumber,
    nationalId,
    firstName,
    lastName,
    fatherName,
    birthDate,
    gender,
    degreeLevel,
    faculty,
    program,
  } = g;
  return {
    studentNumber,
    nationalId,
    firstName,
    lastName,
    fatherName,
    birthDate,
    gender,
    degreeLevel,
    faculty,
    program,
  };
}

export interface PlannedGraduate extends PersonalDetails {
  id: string;
  scholarship: boolean;
  searchText: string;
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

export interface PlannedAccount {
  id: string;
  username: string;
  displayName: string;
  graduateId: string;
}

export interface PlannedRequest {
  id: string;
  graduateId: string;
  stage: Stage;
  stageEnteredAt: Date;
  version: number;
  provisionalCertificateIssued: boolean;
  cancellationTick: boolean;
  welfareTick: boolean;
  detailsConfirmedAt: Date | null;
  confirmedDetails: PersonalDetails | null;
  diplomaNumber: string | null;
  diplomaDetails: (PersonalDetails & { diplomaNumber: string }) | null;
  createdBy: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface PlannedStageChange {
  requestId: string;
  fromStage: Stage | null;
  toStage: Stage;
  action: string;
  actorId: string | null;
  role: string;
  note: string | null;
  at: Date;
}

export interface PlannedCancellationCase {
  requestId: string;
  route: CancellationRoute | null;
  saorgTrackingCode: string | null;
  amountOwed: string;
  amountPaid: string;
  paymentRef: string | null;
  updatedBy: string | null;
  updatedAt: Date;
}

export interface PlannedWelfareRecord {
  requestId: string;
  hasDebt: boolean | null;
  settled: boolean;
  note: string | null;
  updatedBy: string | null;
  updatedAt: Date;
}

export interface PlannedTickEvent {
  requestId: string;
  kind: TickKind;
  set: boolean;
  reason: string | null;
  actorId: string;
  role: string;
  at: Date;
}

export interface InPersonCheck {
  presentedByGraduate: boolean;
  originalNationalIdChecked: boolean;
  originalSeen: boolean;
}

export interface PlannedDocument {
  id: string;
  requestId: string;
  graduateId: string;
  kind: DocumentKind;
  sample: SampleKey;
  originalName: string;
  uploadedBy: string | null;
  uploadedAt: Date;
  reviewStatus: ReviewStatus;
  reviewNote: string | null;
  reviewedBy: string | null;
  reviewedAt: Date | null;
  inPerson: InPersonCheck | null;
  supersededAt: Date | null;
}

export interface PlannedNextAction {
  id: string;
  requestId: string;
  note: string;
  createdBy: string;
  createdAt: Date;
  resolvedAt: Date | null;
  resolvedBy: string | null;
}

export interface PlannedCorrection {
  id: string;
  graduateId: string;
  changes: Partial<PersonalDetails>;
  status: ReviewStatus;
  requestedBy: string | null;
  requestedAt: Date;
  reviewedBy: string | null;
  reviewedAt: Date | null;
  reviewNote: string | null;
}

export interface DemoPlan {
  graduates: PlannedGraduate[];
  accounts: PlannedAccount[];
  requests: PlannedRequest[];
  stageHistory: PlannedStageChange[];
  cancellationCases: PlannedCancellationCase[];
  welfareRecords: PlannedWelfareRecord[];
  tickEvents: PlannedTickEvent[];
  documents: PlannedDocument[];
  nextActions: PlannedNextAction[];
  corrections: PlannedCorrection[];
}

type Slot = Stage | 'none';

/** How 200 graduates spread over the stages (and no request yet); scaled for other counts. */
const STAGE_SHARE: Readonly<Record<Slot, number>> = {
  none: 4,
  draft: 30,
  submitted: 18,
  under_review: 26,
  returned: 16,
  approved: 14,
  printing: 12,
  signing: 12,
  ready: 16,
  delivered: 44,
  withdrawn: 8,
};

function stageSlots(n: number): Slot[] {
  const slots: Slot[] = [];
  for (const [slot, share] of Object.entries(STAGE_SHARE) as [Slot, number][]) {
    let count = Math.floor((n * share) / 200);
    if (count === 0 && n >= 12) count = 1;
    for (let i = 0; i < count; i++) slots.push(slot);
  }
  while (slots.length < n) slots.push(slots.length % 2 ? 'delivered' : 'draft');
  return slots.slice(0, n);
}

const ACTION_TARGET: Readonly<Record<string, Stage>> = {
  open: 'draft',
  submit: 'submitted',
  'start-review': 'under_review',
  return: 'returned',
  approve: 'approved',
  'start-printing': 'printing',
  'send-for-signature': 'signing',
  'mark-ready': 'ready',
  deliver: 'delivered',
  withdraw: 'withdrawn',
};

/** Days between an action and the one before it: "from two days to two weeks" per stage, give or take. */
const GAP_DAYS: Readonly<Record<string, readonly [number, number]>> = {
  submit: [1, 9],
  'start-review': [0.1, 3],
  return: [0.3, 5],
  approve: [0.5, 6],
  'start-printing': [0.5, 4],
  'send-for-signature': [1, 6],
  'mark-ready': [1, 7],
  deliver: [0.5, 12],
  withdraw: [0.5, 10],
};

const TERMINAL: readonly Stage[] = ['delivered', 'withdrawn'];
const AFTER_APPROVAL = ['start-printing', 'send-for-signature', 'mark-ready', 'deliver'] as const;

type DraftScenario = 'fresh' | 'in_progress' | 'ticks_done';
type CancellationState = 'none' | 'in_progress' | 'revoked' | 'complete';
type WelfareState = 'unchecked' | 'clear' | 'open' | 'settled' | 'revoked';

/** Kinds usually scanned as images; the others are issued as PDFs. */
const SCANNED: ReadonlySet<DocumentKind> = new Set<DocumentKind>([
  'lower_degree_diploma',
  'provisional_certificate',
  'military_status',
  'national_id_card',
  'birth_certificate',
  'payment_receipt',
]);

const FILE_NAMES: Readonly<Record<DocumentKind, readonly string[]>> = {
  cancellation_sheet: ['برگه لغو تعهد', 'لغو-تعهد-سجاد'],
  lower_degree_diploma: ['دانشنامه کارشناسی', 'مدرک-کارشناسی'],
  provisional_certificate: ['گواهی موقت', 'گواهی-موقت-پایان-تحصیلات'],
  military_status: ['کارت پایان خدمت', 'کارت معافیت'],
  national_id_card: ['کارت ملی', 'کارت-ملی-پشت-و-رو'],
  birth_certificate: ['شناسنامه', 'صفحه-اول-و-توضیحات-شناسنامه'],
  transcript: ['کارنامه فارسی', 'ریز-نمرات'],
  employment_certificate: ['گواهی اشتغال به کار', 'نامه-اشتغال'],
  insurance_record: ['سوابق بیمه', 'سابقه-بیمه-تامین-اجتماعی'],
  employment_decree: ['حکم کارگزینی', 'حکم-استخدامی'],
  non_employment_letter: ['نامه عدم اشتغال', 'عدم-اشتغال-وزارت-کار'],
  scholarship_release: ['نامه آزادسازی تعهد بورس', 'فک-تعهد-بورسیه'],
  payment_receipt: ['رسید پرداخت', 'فیش-واریزی'],
};

function returnNotes(kind: DocumentKind, degreeLevel: DegreeLevel): string[] {
  const lower = degreeLevel === 'masters' ? 'کارشناسی' : 'کارشناسی ارشد';
  switch (kind) {
    case 'cancellation_sheet':
      return [
        'برگهٔ لغو تعهد (چاپ سامانهٔ سجاد) ناقص است؛ لطفاً هر دو صفحهٔ آن را در یک فایل بارگذاری کنید.',
        `برگهٔ لغو تعهد بارگذاری‌شده مربوط به مقطع ${lower} است؛ لطفاً برگهٔ لغو تعهد همین مقطع را بارگذاری کنید.`,
      ];
    case 'lower_degree_diploma':
      return [
        `تصویر دانشنامهٔ ${lower} ناخوانا است؛ لطفاً دوباره بارگذاری کنید.`,
        `دورهٔ ${lower} شما روزانه بوده است؛ لطفاً برگهٔ لغو تعهد آن دوره را نیز همراه دانشنامه بارگذاری کنید.`,
      ];
    case 'provisional_certificate':
      return ['تصویر گواهی موقت همین مقطع ناخواناست؛ لطفاً تصویر واضح آن را بارگذاری کنید.'];
    case 'military_status':
      return [
        'تصویر پشت کارت پایان خدمت بارگذاری نشده است؛ لطفاً هر دو روی کارت را در یک فایل بارگذاری کنید.',
        'گواهی اشتغال به تحصیل در مقطع بالاتر باید همراه معافیت تحصیلی همان مقطع باشد؛ لطفاً هر دو را بارگذاری کنید.',
      ];
    default:
      return ['مدرک بارگذاری‌شده خوانا نیست؛ لطفاً دوباره بارگذاری کنید.'];
  }
}

const WITHDRAW_NOTES = [
  'به درخواست دانش‌آموخته: انصراف از ادامهٔ فرایند در این نوبت.',
  'دانش‌آموخته درخواست را برای اصلاح مشخصات در سامانهٔ آموزشی پس گرفت.',
  'درخواست تکراری بود؛ به درخواست دانش‌آموخته بسته شد.',
];
const CANCELLATION_REVOKE_REASON =
  'گواهی اشتغال به کار فاقد شمارهٔ نامه و مهر کارفرماست؛ تیک تا ارائهٔ اصل گواهی لغو شد.';
const EMPLOYMENT_REJECT_NOTE = 'گواهی فاقد شمارهٔ نامه و مهر کارفرماست؛ اصل گواهی را به دفتر آموزش رایگان ارائه کنید.';
const WELFARE_REVOKE_REASON = 'بدهی تازه‌ای (وام ودیعهٔ مسکن) در صندوق رفاه ثبت شد؛ تیک تا تسویه لغو شد.';
const WELFARE_NOTES: Readonly<Record<Exclude<WelfareState, 'unchecked'>, string>> = {
  clear: 'سابقهٔ بدهی به صندوق رفاه دانشجویان ندارد.',
  open: 'بدهی وام تحصیلی به صندوق رفاه دانشجویان؛ در انتظار تسویه.',
  settled: 'بدهی وام تحصیلی تسویه شد؛ فرم تسویه‌حساب صندوق رفاه تأیید شد.',
  revoked: 'بدهی وام ودیعهٔ مسکن؛ در انتظار تسویه.',
};

/** A Solar Hijri year (ASCII digits) of an instant, in Tehran. */
const SOLAR_YEAR = new Intl.DateTimeFormat('en-US-u-ca-persian-nu-latn', { year: 'numeric', timeZone: 'Asia/Tehran' });
function solarHijriYear(at: Date): string {
  return SOLAR_YEAR.formatToParts(at).find((p) => p.type === 'year')!.value;
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');

export function requiredDocumentKindsFor(g: { gender: Gender }, provisionalCertificateIssued: boolean): DocumentKind[] {
  const kinds: DocumentKind[] = ['cancellation_sheet', 'lower_degree_diploma'];
  if (provisionalCertificateIssued) kinds.push('provisional_certificate');
  if (g.gender === 'male') kinds.push('military_status');
  return kinds;
}

export function buildDemoPlan({
  graduates: n,
  now,
  staff,
  seed = DEMO_SEED,
  accounts = true,
  registry,
  uuid,
}: DemoPlanOptions): DemoPlan {
  const rng = new DemoRandom(seed);
  const newId = uuid ?? (() => rng.uuid());
  const nowMs = Math.floor(now.getTime() / 1000) * 1000;
  /** Times are kept as "days ago" while planning and become whole-second instants at the end. */
  const at = (daysAgo: number) => new Date(nowMs - Math.round(daysAgo * 86_400) * 1000);
  /** A point between two "days ago" values: fraction 0 is `from`, 1 is `to`. */
  const between = (from: number, to: number, fraction: number) => from - (from - to) * fraction;

  const plan: DemoPlan = {
    graduates: [],
    accounts: [],
    requests: [],
    stageHistory: [],
    cancellationCases: [],
    welfareRecords: [],
    tickEvents: [],
    documents: [],
    nextActions: [],
    corrections: [],
  };

  // --- graduates ---------------------------------------------------------------------------------------
  const takenNationalIds = registry?.nationalIds ?? new Set<string>();
  const takenStudentNumbers = registry?.studentNumbers ?? new Set<string>();
  const serialDigits = registry ? 5 : 3;
  const makeGraduate = (fixed?: DemoGraduateAccount): PlannedGraduate => {
    const gender: Gender = fixed?.gender ?? (rng.chance(0.58) ? 'male' : 'female');
    const firstName = fixed?.firstName ?? rng.pick(gender === 'male' ? MALE_FIRST_NAMES : FEMALE_FIRST_NAMES);
    const lastName = fixed?.lastName ?? rng.pick(LAST_NAMES);
    const fatherName = rng.pick(FATHER_NAMES);
    const degreeLevel: DegreeLevel = fixed?.degreeLevel ?? (rng.chance(0.75) ? 'masters' : 'phd');
    const faculty = FACULTIES[Number(rng.weighted(Object.fromEntries(FACULTIES.map((f, i) => [i, f.weight]))))]!;
    const program = rng.pick(faculty.programs);
    const birthYear = degreeLevel === 'masters' ? rng.int(1993, 2001) : rng.int(1985, 1996);
    const birthMonth = rng.int(1, 12);
    const birthDay = rng.int(1, new Date(Date.UTC(birthYear, birthMonth, 0)).getUTCDate());
    // 40 + entry year (1400–1402) + faculty + level (3 master's, 4 PhD) + serial.
    const entry = degreeLevel === 'masters' ? rng.pick(['1', '2']) : rng.pick(['0', '0', '1']);
    let studentNumber: string;
    do {
      studentNumber = `40${entry}${faculty.code}${degreeLevel === 'masters' ? '3' : '4'}${pad(rng.int(1, 10 ** serialDigits - 1), serialDigits)}`;
    } while (takenStudentNumbers.has(studentNumber));
    takenStudentNumbers.add(studentNumber);
    const nationalId = demoNationalId(rng, takenNationalIds);
    const g = {
      id: newId(),
      studentNumber,
      nationalId,
      firstName,
      lastName,
      fatherName,
      birthDate: `${birthYear}-${pad(birthMonth, 2)}-${pad(birthDay, 2)}`,
      gender,
      degreeLevel,
      faculty: faculty.name,
      program,
      scholarship: false,
      version: 1,
      createdAt: now,
      updatedAt: now,
    };
    return { ...g, searchText: graduateSearchText(g) };
  };

  const fixedAccounts = accounts ? DEMO_GRADUATE_ACCOUNTS.slice(0, n) : [];
  const slots = stageSlots(n);
  for (const a of fixedAccounts) {
    const i = slots.indexOf(a.stage);
    slots.splice(i >= 0 ? i : slots.length - 1, 1);
  }
  rng.shuffle(slots);
  const assigned: { graduate: PlannedGraduate; slot: Slot; account: DemoGraduateAccount | null }[] = [];
  for (const a of fixedAccounts) assigned.push({ graduate: makeGraduate(a), slot: a.stage, account: a });
  for (const slot of slots) assigned.push({ graduate: makeGraduate(), slot, account: null });

  // ~5% hold a scholarship (never a demo account's graduate: their stories are fixed).
  const others = rng.shuffle(assigned.slice(fixedAccounts.length));
  for (const entry of others.slice(0, Math.round(n * 0.05))) entry.graduate.scholarship = true;

  for (const { graduate, account } of assigned) {
    plan.graduates.push(graduate);
    if (account) {
      plan.accounts.push({
        id: newId(),
        username: account.username,
        displayName: account.name,
        graduateId: graduate.id,
      });
    }
  }
  const accountOf = new Map(plan.accounts.map((a) => [a.graduateId, a.id]));

  // --- requests ----------------------------------------------------------------------------------------
  const printed: { request: PlannedRequest; startPrintingAgo: number }[] = [];

  const actionsTo = (stage: Stage): string[] => {
    switch (stage) {
      case 'draft':
        return ['open'];
      case 'submitted':
        return rng.chance(0.15) ? ['open', 'submit', 'start-review', 'return', 'submit'] : ['open', 'submit'];
      case 'under_review':
        return [...actionsTo('submitted'), 'start-review'];
      case 'returned':
        return rng.chance(0.2) ? ['open', 'submit', 'return'] : ['open', 'submit', 'start-review', 'return'];
      case 'approved':
        return rng.chance(0.25)
          ? ['open', 'submit', 'start-review', 'return', 'submit', 'start-review', 'approve']
          : ['open', 'submit', 'start-review', 'approve'];
      case 'withdrawn': {
        const prior = rng.weighted({ draft: 40, submitted: 15, under_review: 15, returned: 30 });
        return [...actionsTo(prior), 'withdraw'];
      }
      default: {
        const through = AFTER_APPROVAL.indexOf(
          (
            {
              printing: 'start-printing',
              signing: 'send-for-signature',
              ready: 'mark-ready',
              delivered: 'deliver',
            } as const
          )[stage],
        );
        return [...actionsTo('approved'), ...AFTER_APPROVAL.slice(0, through + 1)];
      }
    }
  };

  const fileFor = (kind: DocumentKind, uploadedAgo: number): { sample: SampleKey; originalName: string } => {
    let sample: SampleKey = kind;
    if (SCANNED.has(kind)) {
      const r = rng.next();
      if (r >= 0.5) sample = r < 0.8 ? 'jpeg' : 'png';
    }
    const ext = sample === 'jpeg' ? 'jpg' : sample === 'png' ? 'png' : 'pdf';
    if (rng.chance(0.2)) {
      const d = at(uploadedAgo);
      const stamp = `${d.getUTCFullYear()}${pad(d.getUTCMonth() + 1, 2)}${pad(d.getUTCDate(), 2)}`;
      return {
        sample,
        originalName: ext === 'jpg' ? `IMG_${stamp}_${rng.digits(6)}.jpg` : `scan_${rng.digits(4)}.${ext}`,
      };
    }
    return { sample, originalName: `${rng.pick(FILE_NAMES[kind])}.${ext}` };
  };

  for (const { graduate: g, slot, account } of assigned) {
    if (slot === 'none') continue;
    const stage = slot;
    const requestId = newId();
    const ticksBefore = plan.tickEvents.length;
    const accountId = accountOf.get(g.id) ?? null;
    const actions = actionsTo(stage);
    if (account?.stage === 'returned' && actions[actions.length - 2] !== 'start-review') {
      actions.splice(actions.length - 1, 0, 'start-review');
    }

    // Times, walking back from the moment the request entered its current stage.
    const ago: number[] = new Array(actions.length);
    ago[actions.length - 1] = TERMINAL.includes(stage)
      ? rng.real(0.1, 30)
      : rng.chance(0.3)
        ? rng.real(14.2, 30)
        : rng.real(0.05, 13.8);
    if (account) ago[actions.length - 1] = rng.real(0.5, 6);
    for (let i = actions.length - 2; i >= 0; i--) {
      const [min, max] = GAP_DAYS[actions[i + 1]!]!;
      ago[i] = ago[i + 1]! + rng.real(min, max);
    }
    const createdAgo = ago[0]!;
    const withdrawn = stage === 'withdrawn';
    /** The stage whose state the request's parts show: a withdrawn request keeps the state it was withdrawn in. */
    const effective: Stage = withdrawn ? ACTION_TARGET[actions[actions.length - 2]!]! : stage;
    /** Everything about the request happened before this (days ago). */
    const endAgo = withdrawn ? ago[actions.length - 1]! : 0.01;
    const firstSubmit = actions.indexOf('submit');
    const submitted = firstSubmit >= 0;
    /** Ticks, details and the first uploads come before the final confirmation. */
    const readyByAgo = submitted ? ago[firstSubmit]! : endAgo;

    const createdByOffice = !accountId && rng.chance(0.15);
    const createdBy = createdByOffice ? staff.graduateOffice : accountId;
    const uploader = createdByOffice ? staff.graduateOffice : accountId;

    // Stage history: one row per transition, from creation on.
    const returnNotesUsed: { index: number; note: string; kind: DocumentKind }[] = [];
    const provisional = account?.stage === 'draft' ? true : rng.chance(0.4);
    const required = requiredDocumentKindsFor(g, provisional);
    actions.forEach((action, i) => {
      const office = !['open', 'submit', 'withdraw'].includes(action) || (action === 'withdraw' && rng.chance(0.4));
      let note: string | null = null;
      if (action === 'return') {
        const kind = account?.stage === 'returned' ? 'lower_degree_diploma' : rng.pick(required);
        note =
          account?.stage === 'returned'
            ? returnNotes(kind, g.degreeLevel)[0]!
            : rng.pick(returnNotes(kind, g.degreeLevel));
        returnNotesUsed.push({ index: i, note, kind });
      } else if (action === 'withdraw') {
        note = rng.pick(WITHDRAW_NOTES);
      }
      plan.stageHistory.push({
        requestId,
        fromStage: i === 0 ? null : ACTION_TARGET[actions[i - 1]!]!,
        toStage: ACTION_TARGET[action]!,
        action,
        actorId: action === 'open' ? createdBy : office ? staff.graduateOffice : accountId,
        role:
          action === 'open'
            ? createdByOffice
              ? 'graduate_officer'
              : 'graduate'
            : office
              ? 'graduate_officer'
              : 'graduate',
        note,
        at: at(ago[i]!),
      });
    });

    // The cancellation case and the welfare record.
    const scenario: DraftScenario | null = submitted
      ? null
      : account?.stage === 'draft'
        ? 'ticks_done'
        : rng.weighted({ fresh: 30, in_progress: 35, ticks_done: 35 });
    const route: CancellationRoute = g.scholarship
      ? 'scholarship'
      : rng.weighted({ employment: 35, government_employment: 20, non_employment: 45 });
    const debtor = rng.chance(0.3);
    const cancellation: CancellationState =
      scenario === null || scenario === 'ticks_done'
        ? 'complete'
        : scenario === 'fresh'
          ? 'none'
          : route === 'employment' && rng.chance(0.3)
            ? 'revoked'
            : 'in_progress';
    const welfare: WelfareState =
      scenario === null || scenario === 'ticks_done'
        ? debtor
          ? 'settled'
          : 'clear'
        : scenario === 'fresh'
          ? rng.chance(0.7)
            ? 'unchecked'
            : debtor
              ? 'open'
              : 'clear'
          : rng.chance(0.25)
            ? 'unchecked'
            : debtor
              ? rng.weighted({ open: 50, settled: 30, revoked: 20 })
              : 'clear';

    const times: number[] = [createdAgo];
    const documents: PlannedDocument[] = [];
    const addDocument = (kind: DocumentKind, uploadedAgo: number, by: string | null): PlannedDocument => {
      const doc: PlannedDocument = {
        id: newId(),
        requestId,
        graduateId: g.id,
        kind,
        ...fileFor(kind, uploadedAgo),
        uploadedBy: by,
        uploadedAt: at(uploadedAgo),
        reviewStatus: 'pending',
        reviewNote: null,
        reviewedBy: null,
        reviewedAt: null,
        inPerson: null,
        supersededAt: null,
      };
      documents.push(doc);
      times.push(uploadedAgo);
      return doc;
    };
    const review = (doc: PlannedDocument, status: ReviewStatus, reviewedAgo: number, by: string, note?: string) => {
      doc.reviewStatus = status;
      doc.reviewedBy = by;
      doc.reviewedAt = at(reviewedAgo);
      doc.reviewNote = note ?? null;
      times.push(reviewedAgo);
    };
    const tick = (kind: TickKind, set: boolean, tickAgo: number, reason: string | null = null) => {
      plan.tickEvents.push({
        requestId,
        kind,
        set,
        reason,
        actorId: kind === 'cancellation' ? staff.freeEducation : staff.welfare,
        role: kind === 'cancellation' ? 'free_education_officer' : 'welfare_officer',
        at: at(tickAgo),
      });
      times.push(tickAgo);
    };

    // Money: a scholarship holder pays the free-education cost; a few others owe something too.
    let amountOwed = 0;
    if (cancellation !== 'none') {
      amountOwed =
        route === 'scholarship' ? rng.int(20, 90) * 10_000_000 : rng.chance(0.12) ? rng.int(2, 15) * 10_000_000 : 0;
    }
    const paid = cancellation === 'complete' || cancellation === 'revoked' || (amountOwed > 0 && rng.chance(0.3));
    let cancellationTick = false;
    let caseUpdatedAgo = createdAgo;
    if (cancellation !== 'none') {
      // The case is settled (or worked on) between the request's creation and the final confirmation.
      const tickAgo = between(createdAgo, readyByAgo, rng.real(0.45, 0.85));
      const uploadAgo = () => between(createdAgo, tickAgo, rng.real(0.02, 0.4));
      const casework: { kind: DocumentKind; mustAccept: boolean }[] = [
        { kind: 'national_id_card', mustAccept: false },
        { kind: 'transcript', mustAccept: false },
      ];
      if (rng.chance(0.5)) casework.push({ kind: 'birth_certificate', mustAccept: false });
      const routeKinds: Record<CancellationRoute, DocumentKind[]> = {
        employment: ['employment_certificate', 'insurance_record'],
        government_employment: ['employment_decree'],
        non_employment: ['non_employment_letter'],
        scholarship: ['scholarship_release'],
      };
      for (const kind of routeKinds[route]) casework.push({ kind, mustAccept: true });
      if (amountOwed > 0 && paid) casework.push({ kind: 'payment_receipt', mustAccept: true });
      for (const { kind, mustAccept } of casework) {
        const up = uploadAgo();
        const doc = addDocument(kind, up, uploader);
        // A settled case has everything accepted; one in progress has some reviews done, and a
        // non-employment letter waits for the graduate to bring the original in person.
        const accept =
          cancellation === 'complete' || cancellation === 'revoked'
            ? true
            : kind === 'non_employment_letter'
              ? false
              : rng.chance(mustAccept ? 0.3 : 0.6);
        if (accept) {
          review(doc, 'accepted', between(up, tickAgo, rng.real(0.3, 0.95)), staff.freeEducation);
          if (kind === 'non_employment_letter') {
            doc.inPerson = { presentedByGraduate: true, originalNationalIdChecked: true, originalSeen: true };
          }
        }
      }
      if (cancellation === 'complete') {
        tick('cancellation', true, tickAgo);
        cancellationTick = true;
      } else if (cancellation === 'revoked') {
        // Set on a complete case, then taken back when the employment certificate turned out defective.
        tick('cancellation', true, tickAgo);
        const revokeAgo = between(tickAgo, readyByAgo, rng.real(0.3, 0.8));
        const certificate = documents.find((d) => d.kind === 'employment_certificate')!;
        review(certificate, 'rejected', revokeAgo, staff.freeEducation, EMPLOYMENT_REJECT_NOTE);
        tick('cancellation', false, revokeAgo, CANCELLATION_REVOKE_REASON);
      }
      caseUpdatedAgo = between(createdAgo, tickAgo, 0.95);
    }
    plan.cancellationCases.push({
      requestId,
      route: cancellation === 'none' ? null : route,
      saorgTrackingCode: cancellation === 'none' ? null : `${rng.int(1, 9)}${rng.digits(11)}`,
      amountOwed: String(amountOwed),
      amountPaid: String(paid ? amountOwed : 0),
      paymentRef: paid && amountOwed > 0 ? `${rng.int(1, 9)}${rng.digits(13)}` : null,
      updatedBy: cancellation === 'none' ? null : staff.freeEducation,
      updatedAt: at(caseUpdatedAgo),
    });
    times.push(caseUpdatedAgo);

    let welfareTick = false;
    const welfareAgo = between(createdAgo, readyByAgo, rng.real(0.2, 0.8));
    if (welfare === 'settled') {
      tick('welfare', true, welfareAgo);
      welfareTick = true;
    } else if (welfare === 'revoked') {
      tick('welfare', true, welfareAgo);
      tick('welfare', false, between(welfareAgo, readyByAgo, rng.real(0.3, 0.8)), WELFARE_REVOKE_REASON);
    }
    plan.welfareRecords.push({
      requestId,
      hasDebt: welfare === 'unchecked' ? null : welfare !== 'clear',
      settled: welfare === 'settled',
      note: welfare === 'unchecked' ? null : WELFARE_NOTES[welfare],
      updatedBy: welfare === 'unchecked' ? null : staff.welfare,
      updatedAt: at(welfare === 'unchecked' ? createdAgo : welfareAgo),
    });
    if (welfare !== 'unchecked') times.push(welfareAgo);

    // Personal details: confirmed before the final confirmation (and by some graduates still in draft).
    const confirmed =
      submitted ||
      (scenario === 'ticks_done' && account?.stage !== 'draft' && rng.chance(0.5)) ||
      (scenario === 'in_progress' && rng.chance(0.2));
    const confirmedAgo = confirmed ? between(createdAgo, readyByAgo, rng.real(0.1, 0.9)) : null;
    if (confirmedAgo !== null) times.push(confirmedAgo);

    // The request's own documents, reviewed by the Graduate Office as the request moves.
    const current = new Map<DocumentKind, PlannedDocument>();
    const uploadShare = submitted ? 1 : scenario === 'fresh' ? 0.25 : scenario === 'in_progress' ? 0.5 : 0.75;
    for (const kind of required) {
      const upload =
        account?.stage === 'draft' ? kind !== 'provisional_certificate' : submitted || rng.chance(uploadShare);
      if (upload) current.set(kind, addDocument(kind, between(createdAgo, readyByAgo, rng.real(0.05, 0.9)), uploader));
    }
    let lastReviewStartAgo = createdAgo;
    actions.forEach((action, i) => {
      const when = ago[i]!;
      if (action === 'start-review' || action === 'submit') lastReviewStartAgo = when;
      if (action === 'return') {
        const { note, kind } = returnNotesUsed.find((r) => r.index === i)!;
        for (const [k, doc] of current) {
          if (doc.reviewStatus !== 'pending') continue;
          if (k === kind)
            review(doc, 'rejected', between(lastReviewStartAgo, when, rng.real(0.5, 0.95)), staff.graduateOffice, note);
          else if (rng.chance(0.6))
            review(doc, 'accepted', between(lastReviewStartAgo, when, rng.real(0.2, 0.9)), staff.graduateOffice);
        }
        const resubmit = actions[i + 1] === 'submit' ? ago[i + 1]! : null;
        plan.nextActions.push({
          id: newId(),
          requestId,
          note,
          createdBy: staff.graduateOffice,
          createdAt: at(when),
          resolvedAt: resubmit === null ? null : at(resubmit),
          resolvedBy: resubmit === null ? null : accountId,
        });
        if (resubmit !== null) {
          const old = current.get(kind)!;
          const reuploadAgo = between(when, resubmit, rng.real(0.3, 0.9));
          old.supersededAt = at(reuploadAgo);
          current.set(kind, addDocument(kind, reuploadAgo, uploader));
        }
      }
      if (action === 'approve') {
        for (const doc of current.values()) {
          if (doc.reviewStatus !== 'accepted') {
            review(doc, 'accepted', between(lastReviewStartAgo, when, rng.real(0.2, 0.95)), staff.graduateOffice);
          }
        }
      }
    });
    if (effective === 'under_review') {
      for (const doc of current.values()) {
        if (doc.reviewStatus === 'pending' && rng.chance(0.5)) {
          review(doc, 'accepted', between(lastReviewStartAgo, endAgo, rng.real(0.2, 0.9)), staff.graduateOffice);
        }
      }
    }

    const stageEnteredAgo = ago[actions.length - 1]!;
    const details = personalDetailsSnapshot(g);
    const request: PlannedRequest = {
      id: requestId,
      graduateId: g.id,
      stage,
      stageEnteredAt: at(stageEnteredAgo),
      version: 1,
      provisionalCertificateIssued: provisional,
      cancellationTick,
      welfareTick,
      detailsConfirmedAt: confirmedAgo === null ? null : at(confirmedAgo),
      confirmedDetails: confirmedAgo === null ? null : details,
      diplomaNumber: null,
      diplomaDetails: null,
      createdBy,
      createdAt: at(createdAgo),
      updatedAt: at(Math.min(stageEnteredAgo, ...times)),
    };
    const reviews = documents.filter((d) => d.reviewedAt).length;
    const ticks = plan.tickEvents.length - ticksBefore;
    request.version =
      actions.length +
      documents.length +
      reviews +
      ticks +
      (cancellation === 'none' ? 0 : 1) +
      (welfare === 'unchecked' ? 0 : 1) +
      (confirmed ? 1 : 0);
    plan.requests.push(request);
    plan.documents.push(...documents);
    const printing = actions.indexOf('start-printing');
    if (printing >= 0) printed.push({ request, startPrintingAgo: ago[printing]! });
    g.createdAt = at(createdAgo + rng.real(3, 60));
    g.updatedAt = g.createdAt;
  }

  // Diploma numbers in the order the diplomas went to print, numbered per Solar Hijri year.
  printed.sort((a, b) => b.startPrintingAgo - a.startPrintingAgo);
  const serialByYear = registry?.diplomaSerials ?? new Map<string, number>();
  for (const { request, startPrintingAgo } of printed) {
    const year = solarHijriYear(at(startPrintingAgo));
    const serial = (serialByYear.get(year) ?? 120) + 1;
    serialByYear.set(year, serial);
    request.diplomaNumber = `${year}-${pad(serial, 6)}`;
    request.diplomaDetails = { ...request.confirmedDetails!, diplomaNumber: request.diplomaNumber };
  }

  // --- corrections of personal details -----------------------------------------------------------------
  const requestOf = new Map(plan.requests.map((r) => [r.graduateId, r]));
  const accountGraduates = new Set(plan.accounts.map((a) => a.graduateId));
  for (const g of plan.graduates) {
    const request = requestOf.get(g.id);
    if (!request) {
      g.createdAt = at(rng.real(1, 30));
      g.updatedAt = g.createdAt;
    }
    if (accountGraduates.has(g.id)) continue;
    const requestedBy = accountOf.get(g.id) ?? null;
    const open = !request || (request.stage === 'draft' && request.detailsConfirmedAt === null);
    if (open && rng.chance(request ? 0.25 : 0.5)) {
      // Pending: either legacy Arabic letters in the record (ي ك), or a detail the graduate says is wrong.
      const requestedAgo = rng.real(0.2, 6);
      const legacy = arabicLetterVariant(g.lastName);
      let changes: Partial<PersonalDetails>;
      if (legacy !== g.lastName && rng.chance(0.5)) {
        changes = { lastName: g.lastName };
        g.lastName = legacy;
        g.searchText = graduateSearchText(g);
      } else if (rng.chance(0.5)) {
        changes = { fatherName: rng.pick(FATHER_NAMES.filter((f) => f !== g.fatherName)) };
      } else {
        const d = new Date(`${g.birthDate}T00:00:00Z`);
        d.setUTCDate(d.getUTCDate() + rng.pick([-3, -2, -1, 1, 2, 3]));
        changes = { birthDate: d.toISOString().slice(0, 10) };
      }
      plan.corrections.push({
        id: newId(),
        graduateId: g.id,
        changes,
        status: 'pending',
        requestedBy,
        requestedAt: at(requestedAgo),
        reviewedBy: null,
        reviewedAt: null,
        reviewNote: null,
      });
    } else if (request?.detailsConfirmedAt && rng.chance(0.09)) {
      // Reviewed before the graduate confirmed: accepted ones are already in the record.
      const confirmedMs = request.detailsConfirmedAt.getTime();
      const reviewedAt = new Date(confirmedMs - Math.round(rng.real(0.1, 2) * 86_400) * 1000);
      const requestedAt = new Date(reviewedAt.getTime() - Math.round(rng.real(0.2, 4) * 86_400) * 1000);
      const accepted = rng.chance(0.65);
      plan.corrections.push({
        id: newId(),
        graduateId: g.id,
        changes: accepted
          ? { fatherName: g.fatherName }
          : { birthDate: `${Number(g.birthDate.slice(0, 4)) + 1}${g.birthDate.slice(4)}` },
        status: accepted ? 'accepted' : 'rejected',
        requestedBy,
        requestedAt,
        reviewedBy: staff.graduateOffice,
        reviewedAt,
        reviewNote: accepted ? 'مطابق شناسنامه اصلاح شد.' : 'با شناسنامه و کارت ملی مطابقت ندارد.',
      });
      if (accepted) {
        g.version = 2;
        g.updatedAt = reviewedAt;
        if (g.createdAt >= requestedAt) g.createdAt = new Date(requestedAt.getTime() - 86_400_000);
      }
    }
  }

  // Identity columns number rows in insertion order: insert history and ticks in time order.
  plan.stageHistory.sort((a, b) => a.at.getTime() - b.at.getTime());
  plan.tickEvents.sort((a, b) => a.at.getTime() - b.at.getTime());
  return plan;
}
