import type { Database, FileStorage } from '@diploma-desk/db';
import type { Kysely } from 'kysely';
import type { AppAbility } from './auth/abilities.ts';
import type { LoginLimiter } from './auth/login-limiter.ts';
import type { SessionUser } from './auth/sessions.repository.ts';
import type { Config } from './config.ts';
import type { AuditHeads } from './plugins/app/audit-heads.ts';

declare module 'fastify' {
  interface FastifyInstance {
    config: Config;
    db: Kysely<Database>;
    loginLimiter: LoginLimiter;
    storage: FileStorage;
    auditHeads: AuditHeads;
    /** Every route registered, one entry per method: the audit coverage test enumerates them. */
    routeList: ReadonlyArray<{ method: string; url: string }>;
  }
  interface FastifyRequest {
    user: SessionUser | null;
    ability: AppAbility;
  }
  interface FastifyContextConfig {
    /** Reachable without a session. */
    public?: boolean;
  }
}
