/**
 * `pnpm bench`: the benchmark harness of issue 6. Prepares a PostgreSQL database with BENCH_REQUESTS generated
 * requests, starts the real API, and measures the officer's list, the name search, a request page and a tick
 * through the API (autocannon) against the same SQL through a bare pg pool; then uploads, then the embedded
 * database. Writes bench/results/<UTC time>.json, latest.json and latest.md. See bench/README.md.
 */
import os from 'node:os';
import pg from 'pg';
import { StatementRecorder } from './capture.ts';
import { loadBenchConfig, machine, type ScenarioName } from './config.ts';
import { log, prepareDatabase } from './database.ts';
import { runPglite } from './pglite.ts';
import { type BenchResults, evaluateGoals, observe, readUiFigures, toMarkdown, writeResults } from './report.ts';
import { runScenario } from './scenarios.ts';
import { describeProcess, login, startApi } from './server.ts';
import { runUploads } from './uploads.ts';

const LOAD_SCENARIOS = ['list', 'search', 'detail', 'tick'] as const;
const COUNTED_SCENARIOS = ['list-counted', 'search-counted'] as const;

async function main() {
  const config = loadBenchConfig();
  const measuredAt = new Date().toISOString();
  const results: Omit<BenchResults, 'goals' | 'observations'> = {
    measuredAt,
    machine: machine(),
    settings: {
      requests: config.requests,
      database: config.databaseName,
      durationS: config.durationS,
      warmupS: config.warmupS,
      connections: config.connections,
      poolSize: config.poolSize,
      scenarios: [...config.scenarios],
    },
    scenarios: [],
  };
  log(
    `bench: scenarios ${[...config.scenarios].join(', ')}; ${config.durationS} s per run (+${config.warmupS} s warm-up); load average ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );

  const needsPostgres = [...config.scenarios].some((s) => s !== 'pglite');
  if (needsPostgres) {
    results.database = await prepareDatabase(config);
    results.machine.postgres = results.database.postgresVersion;
  }

  // The API as shipped (list totals kept between writes, LIST_COUNT_CACHE_SECONDS=5), then the two lists on a
  // server that counts every page (0): the bare replay always counts, so only the second pair compares the
  // same work on both sides.
  const runLoad = async (names: readonly string[], env: Record<string, string>) => {
    const load = names.filter((s) => config.scenarios.has(s as ScenarioName));
    if (load.length === 0) return;
    const server = await startApi({
      DATABASE_URL: config.databaseUrl,
      DATABASE_POOL_SIZE: String(config.poolSize),
      DATA_DIR: config.dataDir,
      INIT_CWD: config.dataDir,
      DEMO_DATA: 'false',
      ...env,
    });
    const recorder = await StatementRecorder.start(config.databaseUrl, config.poolSize);
    const pool = new pg.Pool({
      connectionString: config.databaseUrl,
      max: config.poolSize,
      application_name: 'diploma-desk-bench-bare',
    });
    const cookies = new Map<string, Promise<string>>();
    try {
      log(`API: ${await describeProcess(server.pid)} (pid ${server.pid}) at ${server.url}`);
      const ctx = {
        config,
        server,
        recorder,
        pool,
        cookie(username: string) {
          if (!cookies.has(username)) cookies.set(username, login(server, username));
          return cookies.get(username)!;
        },
      };
      for (const name of load) results.scenarios.push(await runScenario(ctx, name));
    } finally {
      await server.stop();
      await recorder.close();
      await pool.end();
    }
  };
  await runLoad(LOAD_SCENARIOS, {});
  await runLoad(COUNTED_SCENARIOS, { LIST_COUNT_CACHE_SECONDS: '0' });

  if (config.scenarios.has('uploads')) results.uploads = await runUploads(config);
  if (config.scenarios.has('pglite')) results.pglite = await runPglite(config);

  results.ui = await readUiFigures(config.resultsDir);
  results.machine.loadAverageAtEnd = os.loadavg().map((l) => Math.round(l * 100) / 100);
  const full: BenchResults = { ...results, goals: evaluateGoals(results), observations: observe(results.scenarios) };
  const files = await writeResults(config.resultsDir, full);
  const md = toMarkdown(full);
  process.stdout.write(`\n${md.slice(0, md.indexOf('## Query plans'))}`);
  log(`\nwritten: ${files.join(', ')}`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
