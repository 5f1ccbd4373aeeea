export * from './audit.ts';
export * from './create-db.ts';
export type { Database } from './database.ts';
export * from './migrate.ts';
export * from './passwords.ts';
export * from './seed.ts';
export type * from './tables/audit-events.table.ts';
export type * from './tables/sessions.table.ts';
export * from './tables/users.table.ts';
