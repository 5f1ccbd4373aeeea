import type { Migration } from 'kysely';
import * as foundation from './2026-11-28T16-00-00_foundation.ts';
import * as requests from './2026-11-28T17-00-00_requests.ts';

/** Every migration, by its frozen name. Listed statically so tsx, vitest and bundlers all load them alike. */
export const migrations: Record<string, Migration> = {
  '2026-11-28T16-00-00_foundation': foundation,
  '2026-11-28T17-00-00_requests': requests,
};
