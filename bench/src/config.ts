import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const benchDir = path.join(repoRoot, 'bench');

export const SCENARIOS = [
  'list',
  'search',
  'list-counted',
  'search-counted',
  'detail',
  'tick',
  'uploads',
  'pglite',
] as const;
export type ScenarioName = (typeof SCENARIOS)[number];

export interface BenchConfig {
  /** The PostgreSQL server (its maintenance database is used to create the bench database). */
  serverUrl: string;
  /** The bench database's own URL. */
  databaseUrl: string;
  databaseName: string;
  requests: number;
  /** Where generated and uploaded files go (the API's DATA_DIR for the PostgreSQL runs). */
  dataDir: string;
  durationS: number;
  warmupS: number;
  connections: number[];
  scenarios: Set<ScenarioName>;
  skipPglite: boolean;
  pgliteRequests: number;
  /** The API's DATABASE_POOL_SIZE, and the bare pool's size. */
  poolSize: number;
  uploads: { count: number; bytes: number };
  resultsDir: string;
}

function positiveInt(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw.replaceAll('_', ''));
  if (!Number.isInteger(n) || n < 1) throw new Error(`${name} must be a whole number ≥ 1, not ${raw}`);
  return n;
}

function positiveNumber(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n) || n < 0) throw new Error(`${name} must be a number ≥ 0, not ${raw}`);
  return n;
}

/** The server part of a PostgreSQL URL (scheme, user, password, host, port), with any database name dropped. */
function withDatabase(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${encodeURIComponent(database)}`;
  return url.toString();
}

export function loadBenchConfig(argv: string[] = process.argv.slice(2)): BenchConfig {
  const serverUrl = process.env.BENCH_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432';
  if (!/^postgres(ql)?:\/\//.test(serverUrl)) throw new Error('BENCH_DATABASE_URL must be a postgres:// URL');
  const requests = positiveInt('BENCH_REQUESTS', 100_000);
  // A smaller data set gets a database of its own, so that a quick run never passes for the real one.
  const databaseName =
    process.env.BENCH_DB_NAME || (requests === 100_000 ? 'diploma_desk_bench' : `diploma_desk_bench_${requests}`);
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(databaseName)) throw new Error('BENCH_DB_NAME: lower-case letters, digits, _');
  const listed = (process.env.BENCH_SCENARIOS ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  for (const s of listed) {
    if (!(SCENARIOS as readonly string[]).includes(s)) {
      throw new Error(`BENCH_SCENARIOS: unknown scenario ${s} (known: ${SCENARIOS.join(', ')})`);
    }
  }
  const skipPglite = ['1', 'true'].includes(process.env.BENCH_SKIP_PGLITE ?? '') || argv.includes('--skip-pglite');
  const scenarios = new Set<ScenarioName>(listed.length > 0 ? (listed as ScenarioName[]) : SCENARIOS);
  if (skipPglite) scenarios.delete('pglite');
  const connections = (process.env.BENCH_CONNECTIONS ?? '1,10,50').split(',').map((s) => {
    const n = Number(s.trim());
    if (!Number.isInteger(n) || n < 1) throw new Error(`BENCH_CONNECTIONS: ${s} is not a whole number ≥ 1`);
    return n;
  });
  return {
    serverUrl,
    databaseUrl: withDatabase(serverUrl, databaseName),
    databaseName,
    requests,
    dataDir: path.resolve(process.env.BENCH_DATA_DIR || path.join(benchDir, '.data', databaseName)),
    durationS: positiveNumber('BENCH_DURATION', 10),
    warmupS: positiveNumber('BENCH_WARMUP', 2),
    connections,
    scenarios,
    skipPglite,
    pgliteRequests: positiveInt('BENCH_PGLITE_REQUESTS', 1_000),
    poolSize: positiveInt('DATABASE_POOL_SIZE', 10),
    uploads: { count: positiveInt('BENCH_UPLOADS', 20), bytes: positiveInt('BENCH_UPLOAD_BYTES', 10 * 1024 * 1024) },
    resultsDir: path.join(benchDir, 'results'),
  };
}

export function machine() {
  return {
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model ?? 'unknown',
    memGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    platform: `${os.type()} ${os.release()}`,
    loadAverageAtStart: os.loadavg().map((l) => Math.round(l * 100) / 100),
  };
}
