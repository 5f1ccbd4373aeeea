import type { Kysely } from 'kysely';
import * as foundation from './2026-11-28T16-00-00_foundation.ts';
import * as requests from './2026-11-28T17-00-00_requests.ts';
import * as auditHardening from './2026-11-28T18-00-00_audit-hardening.ts';
import * as listIndexes from './2026-11-28T19-00-00_list-indexes.ts';
import * as workingCalendar from './2026-11-29T10-00-00_working-calendar.ts';
import * as savedViews from './2026-11-29T11-00-00_saved-views.ts';
import * as assignment from './2026-11-29T12-00-00_assignment.ts';
import * as graduateImports from './2026-11-29T13-00-00_graduate-imports.ts';

/** What a deployment tells its migrations: plain values, never the app's types. */
export interface MigrationOptions {
  /** The role the app connects as, when migrations run as a separate owner (PostgreSQL only). */
  appRole?: string | undefined;
}

export interface MigrationModule {
  up(db: Kysely<any>, options?: MigrationOptions): Promise<void>;
  down?(db: Kysely<any>, options?: MigrationOptions): Promise<void>;
}

/** Every migration, by its frozen name. Listed statically so tsx, vitest and bundlers all load them alike. */
export const migrations: Record<string, MigrationModule> = {
  '2026-11-28T16-00-00_foundation': foundation,
  '2026-11-28T17-00-00_requests': requests,
  '2026-11-28T18-00-00_audit-hardening': auditHardening,
  '2026-11-28T19-00-00_list-indexes': listIndexes,
  '2026-11-29T10-00-00_working-calendar': workingCalendar,
  '2026-11-29T11-00-00_saved-views': savedViews,
  '2026-11-29T12-00-00_assignment': assignment,
  '2026-11-29T13-00-00_graduate-imports': graduateImports,
};
