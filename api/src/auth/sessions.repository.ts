import { createHash, randomBytes } from 'node:crypto';
import type { Database, Role } from '@diploma-desk/db';
import type { Kysely, Transaction } from 'kysely';

type Executor = Kysely<Database> | Transaction<Database>;

export interface SessionUser {
  sessionId: string;
  id: string;
  username: string;
  displayName: string;
  role: Role;
  graduateId: string | null;
  lastSeenAt: Date;
}

export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

/** A fresh 256-bit token; only its hash is stored. */
export function newSessionToken(): { token: string; id: string } {
  const token = randomBytes(32).toString('base64url');
  return { token, id: hashToken(token) };
}

export async function createSession(
  db: Executor,
  values: { id: string; userId: string; expiresAt: Date; ip: string | null; userAgent: string | null },
): Promise<void> {
  await db
    .insertInto('sessions')
    .values({ ...values, endedAt: null, endedReason: null })
    .execute();
}

/** The live session for a token: not ended, not past its absolute expiry or idle timeout, user active. */
export async function findLiveSession(db: Executor, id: string, idleMs: number): Promise<SessionUser | undefined> {
  const now = Date.now();
  const row = await db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.userId')
    .select([
      'sessions.id as sessionId',
      'sessions.lastSeenAt',
      'sessions.expiresAt',
      'sessions.endedAt',
      'users.id',
      'users.username',
      'users.displayName',
      'users.role',
      'users.graduateId',
      'users.active',
    ])
    .where('sessions.id', '=', id)
    .executeTakeFirst();
  if (!row || row.endedAt !== null || !row.active) return undefined;
  if (row.expiresAt.getTime() <= now || row.lastSeenAt.getTime() + idleMs <= now) return undefined;
  return {
    sessionId: row.sessionId,
    id: row.id,
    username: row.username,
    displayName: row.displayName,
    role: row.role,
    graduateId: row.graduateId,
    lastSeenAt: row.lastSeenAt,
  };
}

export async function touchSession(db: Executor, id: string): Promise<void> {
  await db.updateTable('sessions').set({ lastSeenAt: new Date() }).where('id', '=', id).execute();
}

export async function endSession(db: Executor, id: string, reason: string): Promise<boolean> {
  const r = await db
    .updateTable('sessions')
    .set({ endedAt: new Date(), endedReason: reason })
    .where('id', '=', id)
    .where('endedAt', 'is', null)
    .executeTakeFirst();
  return r.numUpdatedRows > 0n;
}

export async function endUserSessions(db: Executor, userId: string, reason: string): Promise<number> {
  const r = await db
    .updateTable('sessions')
    .set({ endedAt: new Date(), endedReason: reason })
    .where('userId', '=', userId)
    .where('endedAt', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}
