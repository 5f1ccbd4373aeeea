import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { BenchConfig } from './config.ts';
import { log, runCli } from './database.ts';
import { type LoadFigures, runApi } from './load.ts';
import { LIST_FILTER, listPath } from './scenarios.ts';
import { login, startApi } from './server.ts';

export interface PgliteResult {
  requests: number;
  generationSeconds: number;
  total: number;
  runs: LoadFigures[];
}

/**
 * The embedded database: a fresh DATA_DIR, N requests generated into it by the CLI while no server runs
 * (PGlite is one process's), then the API started on it and the officer's list measured.
 */
export async function runPglite(config: BenchConfig): Promise<PgliteResult> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'dd-bench-pglite-'));
  try {
    log(`\n## PGlite: generating ${config.pgliteRequests} requests into ${dataDir}`);
    const t0 = performance.now();
    await runCli(['generate', '--requests', String(config.pgliteRequests), '--light', '--seed', '1405'], {
      DATA_DIR: dataDir,
      INIT_CWD: dataDir,
    });
    const generationSeconds = Math.round((performance.now() - t0) / 100) / 10;
    const server = await startApi({ DATA_DIR: dataDir, INIT_CWD: dataDir });
    try {
      const cookie = await login(server, 'graduate.office');
      const url = `${server.url}${listPath(LIST_FILTER)}`;
      const check = await fetch(url, { headers: { cookie } });
      if (check.status !== 200) throw new Error(`pglite list: ${check.status} ${await check.text()}`);
      const total = Number(/\/(\d+)$/.exec(check.headers.get('content-range') ?? '')?.[1] ?? Number.NaN);
      const runs: LoadFigures[] = [];
      for (const connections of [1, 10]) {
        if (config.warmupS > 0) await runApi({ url, connections, durationS: config.warmupS, headers: { cookie } });
        const run = await runApi({ url, connections, durationS: config.durationS, headers: { cookie } });
        runs.push(run);
        log(
          `  ${String(connections).padStart(2)} conn  ${run.rps} req/s p50 ${run.p50} p95 ${run.p95} p99 ${run.p99} ms (non-2xx ${run.non2xx}, errors ${run.errors})`,
        );
      }
      return { requests: config.pgliteRequests, generationSeconds, total, runs };
    } finally {
      await server.stop();
    }
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}
