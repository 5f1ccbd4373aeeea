import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createTestDb, type TestDb } from '@diploma-desk/db/testing';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const apiDir = path.join(repoRoot, 'api');

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      srv.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

export interface RunningServer {
  url: string;
  /** The data directory (files, and PGlite's database when there is no DATABASE_URL). */
  dataDir: string;
  /** The PostgreSQL database the server uses; undefined on the embedded one. */
  databaseUrl: string | undefined;
  /** The server's own node process (spawned directly, no pnpm or tsx wrapper in between); undefined when down. */
  pid(): number | undefined;
  output: () => string;
  /** SIGKILLs the server process (no shutdown hooks run) and waits until it is gone; the data stays. */
  kill(): Promise<void>;
  /** Starts the server again on the same port, data directory and database; stops it first if it runs. */
  restart(): Promise<void>;
  /** Stops the server and removes what startServer created (its data directory, its database). */
  stop(): Promise<void>;
}

export interface ServerOptions {
  /** Run on this data directory, which stop() leaves in place; default: a fresh one that stop() removes. */
  dataDir?: string;
  /**
   * `auto` (the default): a fresh PostgreSQL database when TEST_DATABASE_URL is set, the embedded one in the
   * data directory otherwise; `pglite`: always the embedded one. A DATABASE_URL in `env` is used as it is.
   */
  database?: 'auto' | 'pglite';
  /** How long to wait for /api/health to answer 200 after each start. */
  healthTimeoutMs?: number;
}

/**
 * Starts the real server (the same entry point as `pnpm start`) with demo data: on a fresh PostgreSQL
 * database when TEST_DATABASE_URL is set, on the embedded database in a fresh data directory otherwise.
 */
export async function startServer(
  env: Record<string, string> = {},
  options: ServerOptions = {},
): Promise<RunningServer> {
  const port = await freePort();
  const ownDataDir = options.dataDir === undefined;
  const dataDir = options.dataDir ?? (await mkdtemp(path.join(os.tmpdir(), 'dd-e2e-')));
  let db: TestDb | undefined;
  if (!env.DATABASE_URL && (options.database ?? 'auto') === 'auto' && process.env.TEST_DATABASE_URL) {
    db = await createTestDb(process.env.TEST_DATABASE_URL);
    await db.db.destroy();
  }
  const databaseUrl = env.DATABASE_URL ?? db?.databaseUrl;
  const childEnv = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? os.tmpdir(),
    PORT: String(port),
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    DEMO_DATA: 'true',
    LOG_LEVEL: 'warn',
    // A UI built elsewhere (vite build --outDir …), so that work in parallel need not share admin-ui/dist.
    ...(process.env.UI_DIR ? { UI_DIR: process.env.UI_DIR } : {}),
    ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
    ...env,
  };
  const url = `http://127.0.0.1:${port}`;
  const healthTimeoutMs = options.healthTimeoutMs ?? 90_000;
  let child: ChildProcess | undefined;
  let out = '';
  let starts = 0;

  async function launch() {
    starts += 1;
    if (starts > 1) out += `\n--- start ${starts} ---\n`;
    // node itself, with tsx as an import hook: the pid is the server's, so a signal reaches the server.
    const proc = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
      cwd: apiDir,
      env: childEnv,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child = proc;
    const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
    proc.stdout?.on('data', (d) => {
      out += d;
    });
    proc.stderr?.on('data', (d) => {
      out += d;
    });
    const deadline = Date.now() + healthTimeoutMs;
    for (;;) {
      if (proc.exitCode !== null || proc.signalCode !== null) {
        throw new Error(`server exited with ${proc.exitCode ?? proc.signalCode}:\n${out}`);
      }
      try {
        const res = await fetch(`${url}/api/health`, { signal: AbortSignal.timeout(5_000) });
        if (res.ok) break;
      } catch {}
      if (Date.now() > deadline) {
        proc.kill('SIGKILL');
        await exited;
        throw new Error(`server did not become healthy:\n${out}`);
      }
      await new Promise((r) => setTimeout(r, 250));
    }
  }

  const running = () => child !== undefined && child.exitCode === null && child.signalCode === null;

  async function halt(signal: 'SIGTERM' | 'SIGKILL') {
    const proc = child;
    if (!proc || !running()) return;
    const exited = new Promise((r) => proc.once('exit', r));
    proc.kill(signal);
    await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
    if (running()) {
      proc.kill('SIGKILL');
      await exited;
    }
  }

  await launch();
  return {
    url,
    dataDir,
    databaseUrl,
    pid: () => (running() ? child?.pid : undefined),
    output: () => out,
    kill: () => halt('SIGKILL'),
    async restart() {
      await halt('SIGTERM');
      await launch();
    },
    async stop() {
      await halt('SIGTERM');
      if (ownDataDir) await rm(dataDir, { recursive: true, force: true });
      if (db) {
        const { default: pg } = await import('pg');
        const admin = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
        await admin.connect();
        await admin.query(`DROP DATABASE IF EXISTS "${new URL(db.databaseUrl!).pathname.slice(1)}" WITH (FORCE)`);
        await admin.end();
      }
    },
  };
}
