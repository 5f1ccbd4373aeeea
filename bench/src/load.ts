import type { EventEmitter } from 'node:events';
import autocannon from 'autocannon';

/** What one load run measured. Latencies in milliseconds, over every response of the measured part. */
export interface LoadFigures {
  connections: number;
  seconds: number;
  calls: number;
  /** Completed calls per second. */
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  /** Answers outside 2xx (API), or calls that threw (bare). */
  non2xx: number;
  errors: number;
  statusCodes?: Record<string, number>;
}

const round = (n: number, digits = 2) => Math.round(n * 10 ** digits) / 10 ** digits;

/** Nearest-rank percentile of a sorted list. */
function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

function figures(
  connections: number,
  seconds: number,
  latencies: number[],
  non2xx: number,
  errors: number,
  statusCodes?: Record<string, number>,
): LoadFigures {
  const sorted = latencies.sort((a, b) => a - b);
  return {
    connections,
    seconds: round(seconds),
    calls: sorted.length,
    rps: round(sorted.length / seconds, 1),
    p50: round(percentile(sorted, 50)),
    p95: round(percentile(sorted, 95)),
    p99: round(percentile(sorted, 99)),
    max: round(sorted.at(-1) ?? Number.NaN),
    non2xx,
    errors,
    ...(statusCodes ? { statusCodes } : {}),
  };
}

export interface ApiLoad {
  /** One URL, or one per connection (connection i uses url[i % n]: how each connection owns a request). */
  url: string | string[];
  connections: number;
  durationS: number;
  headers: Record<string, string>;
  method?: 'GET' | 'POST';
  body?: string;
  requests?: autocannon.Request[];
}

/** One autocannon run (a kept load tool, used as a library); every response's latency is kept for p95. */
export async function runApi(load: ApiLoad): Promise<LoadFigures> {
  const latencies: number[] = [];
  const instance = autocannon({
    url: load.url as string,
    connections: load.connections,
    duration: load.durationS,
    headers: load.headers,
    method: load.method ?? 'GET',
    ...(load.body !== undefined ? { body: load.body } : {}),
    ...(load.requests ? { requests: load.requests } : {}),
    timeout: 30,
  }) as unknown as EventEmitter & Promise<autocannon.Result>;
  instance.on('response', (_client: unknown, _status: number, _bytes: number, responseTime: number) => {
    latencies.push(responseTime);
  });
  const result = await instance;
  const statusCodes = Object.fromEntries(
    Object.entries(result.statusCodeStats ?? {}).map(([code, v]) => [code, (v as { count: number }).count]),
  );
  return figures(
    load.connections,
    result.duration,
    latencies,
    result.non2xx,
    result.errors + result.timeouts,
    statusCodes,
  );
}

export interface BareLoad {
  connections: number;
  durationS: number;
  /** One call as the API would make it; `worker` is the connection's index, `i` its call count so far. */
  call(worker: number, i: number): Promise<void>;
}

/**
 * The bare-pg side: `connections` workers, each making calls back to back for the duration (closed loop).
 * Counted as autocannon counts: the calls answered within the run, over the run's length (a call still
 * running at the end is waited for, so that the next run starts clean, but not counted).
 */
export async function runBare(load: BareLoad): Promise<LoadFigures & { firstError?: string }> {
  const latencies: number[] = [];
  let errors = 0;
  let firstError: string | undefined;
  const t0 = performance.now();
  const deadline = t0 + load.durationS * 1000;
  await Promise.all(
    Array.from({ length: load.connections }, async (_, worker) => {
      for (let i = 0; performance.now() < deadline; i += 1) {
        const start = performance.now();
        try {
          await load.call(worker, i);
          const end = performance.now();
          if (end <= deadline) latencies.push(end - start);
        } catch (error) {
          errors += 1;
          firstError ??= error instanceof Error ? error.message : String(error);
        }
      }
    }),
  );
  const seconds = load.durationS;
  return { ...figures(load.connections, seconds, latencies, errors, errors), ...(firstError ? { firstError } : {}) };
}
