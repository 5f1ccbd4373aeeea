import type { Kysely } from 'kysely';
import { appendAuditEvent } from './audit.ts';
import type { Database } from './database.ts';
import type { Role } from './domain.ts';
import { hashPassword } from './passwords.ts';

export const DEMO_PASSWORD = 'demo-pass-1405';

export const DEMO_ACCOUNTS: ReadonlyArray<{ username: string; role: Role; displayName: string }> = [
  { username: 'admin', role: 'admin', displayName: 'مدیر سامانه' },
  { username: 'graduate.office', role: 'graduate_officer', displayName: 'کارشناس دفتر تحصیلات تکمیلی' },
  { username: 'free.education', role: 'free_education_officer', displayName: 'کارشناس لغو تعهد آموزش رایگان' },
  { username: 'welfare.office', role: 'welfare_officer', displayName: 'کارشناس اداره رفاه دانشجویی' },
  { username: 'auditor', role: 'auditor', displayName: 'حسابرس داخلی' },
];

/** Seeds the demo accounts once: only into a database that has no users yet. Returns whether it did. */
export async function seedDemoData(db: Kysely<Database>): Promise<boolean> {
  const hasUsers = async (ex: Kysely<Database>) =>
    (await ex.selectFrom('users').select('id').limit(1).execute()).length > 0;
  // Checked before hashing so that every later start skips the (deliberately slow) hash.
  if (await hasUsers(db)) return false;
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  return db.transaction().execute(async (trx) => {
    if (await hasUsers(trx)) return false;
    for (const account of DEMO_ACCOUNTS) {
      const user = await trx
        .insertInto('users')
        .values({ ...account, passwordHash, graduateId: null })
        .returning(['id', 'username', 'role', 'displayName', 'active', 'version'])
        .executeTakeFirstOrThrow();
      await appendAuditEvent(trx, {
        actorId: null,
        role: 'system',
        action: 'user.create',
        subjectType: 'user',
        subjectId: user.id,
        after: { ...user, demo: true },
      });
    }
    return true;
  });
}
