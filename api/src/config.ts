import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Type, { type Static } from 'typebox';
import Value from 'typebox/value';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

const Bool = Type.Union([Type.Literal('true'), Type.Literal('false'), Type.Literal('1'), Type.Literal('0')]);
const Int = (min: number, max: number) => Type.String({ pattern: '^[0-9]+$', description: `${min}..${max}` });

/** Every environment variable the app reads. `.env.example` documents each one. */
const EnvSchema = Type.Object({
  PORT: Type.Optional(Int(1, 65535)),
  HOST: Type.Optional(Type.String({ minLength: 1 })),
  DATA_DIR: Type.Optional(Type.String({ minLength: 1 })),
  DATABASE_URL: Type.Optional(Type.String({ pattern: '^postgres(ql)?://' })),
  DATABASE_OWNER_URL: Type.Optional(Type.String({ pattern: '^postgres(ql)?://' })),
  DATABASE_POOL_SIZE: Type.Optional(Int(1, 200)),
  DATABASE_APP_ROLE: Type.Optional(Type.String({ pattern: '^[A-Za-z_][A-Za-z0-9_$]{0,62}$' })),
  AUDIT_HEAD_INTERVAL_SECONDS: Type.Optional(Int(0, 86400)),
  AUDIT_HEAD_KEY: Type.Optional(Type.String({ minLength: 32, maxLength: 1024 })),
  DEMO_DATA: Type.Optional(Bool),
  SESSION_IDLE_MINUTES: Type.Optional(Int(1, 1440)),
  SESSION_ABSOLUTE_HOURS: Type.Optional(Int(1, 720)),
  SESSION_COOKIE_SECURE: Type.Optional(Type.Union([Type.Literal('auto'), Type.Literal('true'), Type.Literal('false')])),
  TRUST_PROXY: Type.Optional(Bool),
  PUBLIC_ORIGIN: Type.Optional(Type.String({ pattern: '^https?://[^/]+$' })),
  LOGIN_MAX_FAILURES_PER_ACCOUNT: Type.Optional(Int(1, 1000)),
  LOGIN_MAX_FAILURES_PER_IP: Type.Optional(Int(1, 100000)),
  LOGIN_WINDOW_MINUTES: Type.Optional(Int(1, 1440)),
  UI_DIR: Type.Optional(Type.String({ minLength: 1 })),
  UPLOAD_MAX_BYTES: Type.Optional(Int(1, 1_073_741_824)),
  IMPORT_MAX_BYTES: Type.Optional(Type.String({ pattern: '^[1-9][0-9]{0,9}$', description: '1..9999999999' })),
  IMPORT_BATCH_ROWS: Type.Optional(Type.String({ pattern: '^[1-9][0-9]{0,4}$', description: '1..99999' })),
  FILE_SWEEP_GRACE_SECONDS: Type.Optional(Int(0, 604_800)),
  LIST_COUNT_CACHE_SECONDS: Type.Optional(Int(0, 300)),
  NOTIFICATION_INTERVAL_SECONDS: Type.Optional(Int(0, 3600)),
  LOG_LEVEL: Type.Optional(
    Type.Union(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].map((l) => Type.Literal(l))),
  ),
});
type Env = Static<typeof EnvSchema>;

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  databaseOwnerUrl: string | undefined;
  databasePoolSize: number;
  /**
   * The role that migrations (run as the owner) grant SELECT and INSERT on audit_events: DATABASE_APP_ROLE,
   * else DATABASE_URL's user when DATABASE_OWNER_URL names another one.
   */
  databaseAppRole: string | undefined;
  demoData: boolean;
  session: {
    idleMs: number;
    absoluteMs: number;
    cookieSecure: 'auto' | 'always' | 'never';
  };
  trustProxy: boolean;
  publicOrigin: string | undefined;
  loginLimits: { maxFailuresPerAccount: number; maxFailuresPerIp: number; windowMs: number };
  uiDir: string;
  logLevel: string;
  /** Largest document accepted (413 beyond). */
  uploadMaxBytes: number;
  /** Largest graduate CSV file accepted for import (413 beyond). */
  importMaxBytes: number;
  /** Graduates an import's commit creates per transaction (each batch audited and visible as progress). */
  importBatchRows: number;
  /**
   * The start-up sweep removes temporary files and files no document refers to only once they have not
   * been written for this long, so that another API process's upload in flight on the same DATA_DIR keeps
   * its file; 0 removes them all (one API process per DATA_DIR).
   */
  fileSweepGraceMs: number;
  /** How long a list total is kept between writes (lib/count-cache.ts); 0: counted on every page. */
  listCountCacheMs: number;
  /** How often the outbox is delivered; 0 turns delivery off (tests). */
  notificationIntervalMs: number;
  audit: {
    /** How often the chain head is exported; 0 turns it off (tests). */
    headIntervalMs: number;
    /** The HMAC key for exported heads; undefined: one generated and kept in `<dataDir>/audit-head.key`. */
    headKey: string | undefined;
  };
}

/** Loads `.env` from the folder the command was started in, if there is one; real env vars win. */
export function loadDotEnv(env: NodeJS.ProcessEnv = process.env): void {
  const file = path.join(env.INIT_CWD ?? process.cwd(), '.env');
  if (existsSync(file)) process.loadEnvFile(file);
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

const bool = (v: string | undefined, fallback: boolean) => (v === undefined ? fallback : v === 'true' || v === '1');
const int = (v: string | undefined, fallback: number) => (v === undefined ? fallback : Number.parseInt(v, 10));
function urlUser(url: string | undefined): string {
  if (!url || !URL.canParse(url)) return '';
  return decodeURIComponent(new URL(url).username);
}

function appRole(e: Env): string | undefined {
  if (e.DATABASE_APP_ROLE) return e.DATABASE_APP_ROLE;
  if (!e.DATABASE_OWNER_URL) return undefined;
  const app = urlUser(e.DATABASE_URL);
  return app && app !== urlUser(e.DATABASE_OWNER_URL) ? app : undefined;
}

/**
 * Reads and checks the configuration once, at start-up. Relative paths resolve against the folder the
 * command was started from (pnpm and npm report it as INIT_CWD), not the package folder they switch to.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const picked = Object.fromEntries(
    Object.keys(EnvSchema.properties)
      .filter((k) => env[k] !== undefined && env[k] !== '')
      .map((k) => [k, env[k]]),
  );
  if (!Value.Check(EnvSchema, picked)) {
    const problems = [...Value.Errors(EnvSchema, picked)].map(
      (e) => `${e.instancePath.replace(/^\//, '') || 'env'}: ${e.message}`,
    );
    throw new ConfigError(`invalid configuration:\n  ${problems.join('\n  ')}`);
  }
  const e = picked as Env;
  const baseDir = env.INIT_CWD ?? process.cwd();
  const databaseUrl = e.DATABASE_URL;
  const cookieSecure = e.SESSION_COOKIE_SECURE ?? 'auto';
  return {
    port: int(e.PORT, 3000),
    host: e.HOST ?? '127.0.0.1',
    dataDir: path.resolve(baseDir, e.DATA_DIR ?? './data'),
    databaseUrl,
    databaseOwnerUrl: e.DATABASE_OWNER_URL,
    databasePoolSize: int(e.DATABASE_POOL_SIZE, 10),
    databaseAppRole: appRole(e),
    demoData: bool(e.DEMO_DATA, databaseUrl === undefined),
    session: {
      idleMs: int(e.SESSION_IDLE_MINUTES, 30) * 60_000,
      absoluteMs: int(e.SESSION_ABSOLUTE_HOURS, 12) * 3_600_000,
      cookieSecure: cookieSecure === 'true' ? 'always' : cookieSecure === 'false' ? 'never' : 'auto',
    },
    trustProxy: bool(e.TRUST_PROXY, false),
    publicOrigin: e.PUBLIC_ORIGIN,
    loginLimits: {
      maxFailuresPerAccount: int(e.LOGIN_MAX_FAILURES_PER_ACCOUNT, 5),
      maxFailuresPerIp: int(e.LOGIN_MAX_FAILURES_PER_IP, 50),
      windowMs: int(e.LOGIN_WINDOW_MINUTES, 15) * 60_000,
    },
    uiDir: path.resolve(baseDir, e.UI_DIR ?? path.join(repoRoot, 'admin-ui', 'dist')),
    uploadMaxBytes: int(e.UPLOAD_MAX_BYTES, 20_971_520),
    importMaxBytes: int(e.IMPORT_MAX_BYTES, 10_485_760),
    importBatchRows: int(e.IMPORT_BATCH_ROWS, 500),
    fileSweepGraceMs: int(e.FILE_SWEEP_GRACE_SECONDS, 600) * 1000,
    listCountCacheMs: int(e.LIST_COUNT_CACHE_SECONDS, 5) * 1000,
    logLevel: e.LOG_LEVEL ?? 'info',
    notificationIntervalMs: int(e.NOTIFICATION_INTERVAL_SECONDS, 10) * 1000,
    audit: {
      headIntervalMs: int(e.AUDIT_HEAD_INTERVAL_SECONDS, 300) * 1000,
      headKey: e.AUDIT_HEAD_KEY,
    },
  };
}
