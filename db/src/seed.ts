import { type Kysely, sql } from 'kysely';
import { appendAuditEvent } from './audit.ts';
import type { Database } from './database.ts';
import { buildDemoPlan } from './demo/plan.ts';
import { storeSampleFiles } from './demo/samples.ts';
import { writeDemoPlan } from './demo/write.ts';
import type { Role } from './domain.ts';
import { hashPassword } from './passwords.ts';
import type { FileStorage } from './storage/storage.ts';

export const DEMO_PASSWORD = 'demo-pass-1405';
export const DEFAULT_DEMO_GRADUATES = 200;
/** pg_advisory_xact_lock key: two processes starting on one empty database seed it once. */
const SEED_LOCK = 4_711_1405;

export const DEMO_ACCOUNTS: ReadonlyArray<{ username: string; role: Role; displayName: string }> = [
  { username: 'admin', role: 'admin', displayName: 'مدیر سامانه' },
  { username: 'graduate.office', role: 'graduate_officer', displayName: 'کارشناس دفتر تحصیلات تکمیلی' },
  { username: 'free.education', role: 'free_education_officer', displayName: 'کارشناس لغو تعهد آموزش رایگان' },
  { username: 'welfare.office', role: 'welfare_officer', displayName: 'کارشناس اداره رفاه دانشجویی' },
  { username: 'auditor', role: 'auditor', displayName: 'حسابرس داخلی' },
];

export interface SeedDemoOptions {
  /** Where the sample files of the demo documents go (content-addressed: stored once, shared by all rows). */
  storage: FileStorage;
  /** How many demo graduates, each with a request in some stage (a few without one); 0 seeds the staff only. */
  graduates?: number;
  /** The moment the demo data's times are relative to; defaults to now. */
  now?: Date;
}

/**
 * Seeds the demo data once: only into a database that has no users yet. Returns whether it did.
 * The staff accounts (DEMO_ACCOUNTS), then — unless `graduates` is 0 — demo graduates with requests spread
 * over every stage and cancellation route, their documents (sample files put into `storage`), ticks,
 * stage history, next actions and corrections, and the self-service DEMO_GRADUATE_ACCOUNTS. Deterministic:
 * the same data (relative to `now`) on every first start. All in one transaction, audited.
 */
export async function seedDemoData(db: Kysely<Database>, options: SeedDemoOptions): Promise<boolean> {
  // Callers from before the options existed (untyped JS) get what they got then: the staff accounts only.
  const graduates = options ? (options.graduates ?? DEFAULT_DEMO_GRADUATES) : 0;
  if (!Number.isInteger(graduates) || graduates < 0) throw new Error('graduates must be a whole number ≥ 0');
  const hasUsers = async (ex: Kysely<Database>) =>
    (await ex.selectFrom('users').select('id').limit(1).execute()).length > 0;
  // Checked before hashing so that every later start skips the (deliberately slow) hash.
  if (await hasUsers(db)) return false;
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  // Files first: storing them twice is harmless (same content, same key), and the transaction stays short.
  const samples = graduates > 0 ? await storeSampleFiles(options.storage) : null;
  return db.transaction().execute(async (trx) => {
    await sql`SELECT pg_advisory_xact_lock(${SEED_LOCK})`.execute(trx);
    if (await hasUsers(trx)) return false;
    const staff = new Map<string, string>();
    for (const account of DEMO_ACCOUNTS) {
      const user = await trx
        .insertInto('users')
        .values({ ...account, passwordHash, graduateId: null })
        .returning(['id', 'username', 'role', 'displayName', 'active', 'version'])
        .executeTakeFirstOrThrow();
      staff.set(user.username, user.id);
      await appendAuditEvent(trx, {
        actorId: null,
        role: 'system',
        action: 'user.create',
        subjectType: 'user',
        subjectId: user.id,
        after: { ...user, demo: true },
      });
    }
    if (samples) {
      const plan = buildDemoPlan({
        graduates,
        now: options.now ?? new Date(),
        staff: {
          graduateOffice: staff.get('graduate.office')!,
          freeEducation: staff.get('free.education')!,
          welfare: staff.get('welfare.office')!,
        },
      });
      await writeDemoPlan(trx, plan, samples, passwordHash);
    }
    return true;
  });
}
