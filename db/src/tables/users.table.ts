import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';

import type { Role } from '../domain.ts';

export interface UsersTable {
  id: Generated<string>;
  username: string;
  passwordHash: string;
  role: Role;
  displayName: string;
  graduateId: string | null;
  active: Generated<boolean>;
  version: Generated<number>;
  passwordChangedAt: Generated<Date>;
  createdAt: ColumnType<Date, never, never>;
  updatedAt: Generated<Date>;
}

export type UserRow = Selectable<UsersTable>;
export type NewUserRow = Insertable<UsersTable>;
export type UserRowUpdate = Updateable<UsersTable>;
