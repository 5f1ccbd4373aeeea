import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';

export interface SessionsTable {
  /** SHA-256 of the session token: a leaked table does not yield usable cookies. */
  id: string;
  userId: string;
  createdAt: ColumnType<Date, never, never>;
  lastSeenAt: Generated<Date>;
  expiresAt: Date;
  endedAt: Date | null;
  endedReason: string | null;
  ip: string | null;
  userAgent: string | null;
}

export type SessionRow = Selectable<SessionsTable>;
export type NewSessionRow = Insertable<SessionsTable>;
export type SessionRowUpdate = Updateable<SessionsTable>;
