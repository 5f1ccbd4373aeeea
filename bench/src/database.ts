import { spawn } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { createDb, migrateToLatest } from '@diploma-desk/db';
import pg from 'pg';
import { type BenchConfig, repoRoot } from './config.ts';

export interface PreparedDatabase {
  created: boolean;
  requests: number;
  /** Requests added by this run's generation, and how long it took; null when the data was reused. */
  generation: { added: number; seconds: number; light: true; seed: number } | null;
  analyzeSeconds: number | null;
  postgresVersion: string;
  sizeMiB: number;
}

export const log = (line: string) => process.stderr.write(`${line}\n`);

function maintenanceUrl(serverUrl: string): string {
  const url = new URL(serverUrl);
  url.pathname = '/postgres';
  return url.toString();
}

/** Runs the API's CLI (`api/src/cli.ts`) as its own process, its progress lines passed through to stderr. */
export function runCli(args: string[], env: Record<string, string>): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', ...args], {
      cwd: path.join(repoRoot, 'api'),
      // A minimal environment: no .env file of the developer's (INIT_CWD points at the data dir) leaks in.
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', LOG_LEVEL: 'warn', ...env },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
    });
    child.once('error', reject);
    child.once('exit', (code) =>
      code === 0 ? resolve(out) : reject(new Error(`cli ${args[0]} exited with ${code}: ${out.slice(-2000)}`)),
    );
  });
}

async function countRequests(client: pg.Client): Promise<number> {
  const { rows } = await client.query<{ n: string }>('SELECT count(*)::text AS n FROM diploma_requests');
  return Number(rows[0]?.n ?? 0);
}

/**
 * The bench database: created when missing, migrated to the latest schema, and filled by the data generator
 * (`api/src/cli.ts generate --light`) up to `config.requests` requests; reused as it is when it holds that many.
 */
export async function prepareDatabase(config: BenchConfig): Promise<PreparedDatabase> {
  const admin = new pg.Client({ connectionString: maintenanceUrl(config.serverUrl) });
  await admin.connect();
  let created = false;
  try {
    const { rowCount } = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [config.databaseName]);
    if (!rowCount) {
      log(`creating database ${config.databaseName}`);
      await admin.query(`CREATE DATABASE "${config.databaseName}"`);
      created = true;
    }
  } finally {
    await admin.end();
  }

  await mkdir(config.dataDir, { recursive: true });
  const handle = await createDb({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, poolSize: 1 });
  try {
    const steps = await migrateToLatest(handle.db);
    if (steps.length > 0) log(`migrated: ${steps.join(', ')}`);
  } finally {
    await handle.close();
  }

  const client = new pg.Client({ connectionString: config.databaseUrl });
  await client.connect();
  try {
    const before = await countRequests(client);
    let generation: PreparedDatabase['generation'] = null;
    let analyzeSeconds: number | null = null;
    if (before < config.requests) {
      const added = config.requests - before;
      const seed = Number(process.env.BENCH_SEED ?? 1405);
      log(
        `generating ${added} requests (the database holds ${before}) into ${config.databaseName}, files in ${config.dataDir}`,
      );
      const t0 = performance.now();
      await runCli(['generate', '--requests', String(added), '--light', '--seed', String(seed + before)], {
        DATABASE_URL: config.databaseUrl,
        DATA_DIR: config.dataDir,
        INIT_CWD: config.dataDir,
      });
      const seconds = (performance.now() - t0) / 1000;
      generation = { added, seconds: Math.round(seconds * 10) / 10, light: true, seed: seed + before };
      log(`generation took ${generation.seconds} s (${Math.round(added / seconds)} requests/s)`);
      const a0 = performance.now();
      // As autovacuum leaves a table some time after a bulk load: statistics, and the visibility map that
      // index-only scans (the list's counts) rely on. Without it, the first runs would measure a state no
      // running server stays in.
      await client.query('VACUUM (ANALYZE)');
      analyzeSeconds = Math.round((performance.now() - a0) / 100) / 10;
    } else {
      log(`reusing ${config.databaseName}: it holds ${before} requests (≥ ${config.requests})`);
    }
    const requests = await countRequests(client);
    const { rows } = await client.query<{ version: string; size: string }>(
      'SELECT current_setting($1) AS version, pg_database_size(current_database())::text AS size',
      ['server_version'],
    );
    return {
      created,
      requests,
      generation,
      analyzeSeconds,
      postgresVersion: rows[0]?.version ?? 'unknown',
      sizeMiB: Math.round(Number(rows[0]?.size ?? 0) / 2 ** 20),
    };
  } finally {
    await client.end();
  }
}
