import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { buildApp } from '@diploma-desk/api';
import { loadConfig } from '@diploma-desk/api/config';
import { type Database, LocalFileStorage } from '@diploma-desk/db';
import { CamelCasePlugin, Kysely, PostgresDialect, type PostgresPool } from 'kysely';
import pg from 'pg';
import { DEMO_PASSWORD } from './server.ts';

/** One statement as the API sent it to PostgreSQL: text and parameters. */
export interface Statement {
  text: string;
  values: unknown[];
}

/**
 * One checkout of a pool connection: the statements run on it in order (one statement for a plain query,
 * BEGIN … COMMIT for a transaction), and which earlier checkouts had ended before it began (`after`): the
 * API's parallelism (Promise.all) is kept by replaying each lease once those have ended.
 */
export interface Lease {
  statements: Statement[];
  after: number[];
}

/** What the bench sends to the in-process app. */
export interface CallOptions {
  method: 'GET' | 'POST';
  url: string;
  payload?: object;
  headers?: Record<string, string>;
}

export interface CapturedCall {
  method: string;
  url: string;
  status: number;
  leases: Lease[];
}

interface RecordingLease {
  statements: Statement[];
  start: number;
  end: number;
}

/** A pg pool that records, while asked to, every statement each checkout runs and when it was held. */
class RecordingPool {
  recording: RecordingLease[] | null = null;
  constructor(readonly pool: pg.Pool) {}

  async connect() {
    const start = performance.now();
    const client = await this.pool.connect();
    const into = this.recording;
    if (!into) return client;
    const lease: RecordingLease = { statements: [], start, end: Number.POSITIVE_INFINITY };
    into.push(lease);
    return {
      query: (text: string, values: readonly unknown[]) => {
        lease.statements.push({ text, values: [...values] });
        return client.query(text, [...values]);
      },
      release: (error?: boolean) => {
        lease.end = performance.now();
        client.release(error);
      },
    };
  }

  end() {
    return this.pool.end();
  }
}

/**
 * The API built in-process (`buildApp`) on a Kysely whose pool records the SQL it runs, so that the bare
 * `pg` baseline replays exactly the statements one API call issues, not a hand-written approximation.
 */
export class StatementRecorder {
  private constructor(
    private readonly app: Awaited<ReturnType<typeof buildApp>>,
    private readonly pool: RecordingPool,
    private readonly db: Kysely<Database>,
    private readonly dataDir: string,
  ) {}

  static async start(databaseUrl: string, poolSize: number): Promise<StatementRecorder> {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'dd-bench-capture-'));
    const pool = new RecordingPool(
      new pg.Pool({ connectionString: databaseUrl, max: poolSize, application_name: 'diploma-desk-capture' }),
    );
    // The same dialect and plugins as createDb (db/src/create-db.ts) builds for the server.
    const db = new Kysely<Database>({
      dialect: new PostgresDialect({ pool: pool as unknown as PostgresPool }),
      plugins: [new CamelCasePlugin()],
    });
    const config = loadConfig({
      DATABASE_URL: databaseUrl,
      DATABASE_POOL_SIZE: String(poolSize),
      DATA_DIR: dataDir,
      INIT_CWD: dataDir,
      UI_DIR: '/nonexistent',
      LOG_LEVEL: 'silent',
      NOTIFICATION_INTERVAL_SECONDS: '0',
      AUDIT_HEAD_INTERVAL_SECONDS: '0',
    });
    // Its own empty file storage: the start-up sweep has nothing to look at.
    const app = await buildApp({
      config,
      db,
      logger: false,
      storage: new LocalFileStorage(path.join(dataDir, 'files')),
    });
    await app.ready();
    return new StatementRecorder(app, pool, db, dataDir);
  }

  /** Logs in through the in-process app; returns the Cookie header value. */
  async login(username: string): Promise<string> {
    const res = await this.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username, password: DEMO_PASSWORD },
    });
    if (res.statusCode !== 200) throw new Error(`in-process login ${username}: ${res.statusCode} ${res.body}`);
    const cookie = res.cookies.find((c) => c.name === 'dd_session');
    if (!cookie) throw new Error('in-process login: no session cookie');
    return `dd_session=${cookie.value}`;
  }

  /** Makes one call to the in-process app and returns the statements it ran, with their parallelism. */
  async capture(cookie: string, options: CallOptions): Promise<CapturedCall> {
    const recorded: RecordingLease[] = [];
    this.pool.recording = recorded;
    let res: Awaited<ReturnType<typeof this.app.inject>>;
    try {
      res = await this.app.inject({
        ...options,
        headers: { host: 'localhost:80', origin: 'http://localhost:80', cookie, ...options.headers },
      });
    } finally {
      this.pool.recording = null;
    }
    if (res.statusCode >= 300)
      throw new Error(`capture ${options.method} ${options.url}: ${res.statusCode} ${res.body}`);
    const leases = recorded.map((lease, i) => ({
      statements: lease.statements,
      after: recorded.flatMap((other, j) => (j !== i && other.end <= lease.start ? [j] : [])),
    }));
    return { method: options.method, url: options.url, status: res.statusCode, leases };
  }

  async close() {
    await this.app.close();
    await this.db.destroy();
    await rm(this.dataDir, { recursive: true, force: true });
  }
}

/** The statements of a call in the order they ran (for EXPLAIN and the report). */
export function statementsOf(call: CapturedCall): Statement[] {
  return call.leases.flatMap((l) => l.statements);
}
