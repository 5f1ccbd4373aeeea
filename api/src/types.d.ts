import type { Database, FileStorage } from '@diploma-desk/db';
import type { Kysely } from 'kysely';
import type { AppAbility } from './auth/abilities.ts';
import type { LoginLimiter } from './auth/login-limiter.ts';
import type { SessionUser } from './auth/sessions.repository.ts';
import type { Config } from './config.ts';

declare module 'fastify' {
  interface FastifyInstance {
    config: Config;
    db: Kysely<Database>;
    loginLimiter: LoginLimiter;
    storage: FileStorage;
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
