import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { PreparedDatabase } from './database.ts';
import type { LoadFigures } from './load.ts';
import type { PgliteResult } from './pglite.ts';
import type { ScenarioResult } from './scenarios.ts';
import type { UploadResult } from './uploads.ts';

export interface BenchResults {
  measuredAt: string;
  machine: {
    cpus: number;
    cpuModel: string;
    memGiB: number;
    node: string;
    platform: string;
    loadAverageAtStart: number[];
    loadAverageAtEnd?: number[];
    postgres?: string;
  };
  settings: {
    requests: number;
    database: string;
    durationS: number;
    warmupS: number;
    connections: number[];
    poolSize: number;
    scenarios: string[];
  };
  database?: PreparedDatabase;
  scenarios: ScenarioResult[];
  uploads?: UploadResult;
  pglite?: PgliteResult;
  ui?: { firstLoadJsGzipKB: number; source: string; raw: unknown };
  goals: Goal[];
  observations: string[];
}

export interface Goal {
  goal: string;
  figure: string;
  limit: string;
  status: 'met' | 'not met' | 'not measured';
}

const ms = (n: number) => (Number.isFinite(n) ? `${n < 10 ? n.toFixed(2) : n.toFixed(1)}` : '–');
const rate = (n: number) => (Number.isFinite(n) ? n.toFixed(n < 100 ? 1 : 0) : '–');

/** bench/results/ui.json, written by whoever measures the UI bundle: `firstLoadJsGzipBytes` or `…KB`. */
export async function readUiFigures(resultsDir: string): Promise<BenchResults['ui']> {
  const file = path.join(resultsDir, 'ui.json');
  if (!existsSync(file)) return undefined;
  const raw = JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>;
  const num = (k: string) => (typeof raw[k] === 'number' ? (raw[k] as number) : undefined);
  const bytes = num('firstLoadJsGzipBytes') ?? num('firstLoadGzipBytes');
  const kb = num('firstLoadJsGzipKB') ?? num('firstLoadJsGzipKb') ?? (bytes === undefined ? undefined : bytes / 1000);
  if (kb === undefined) return undefined;
  return { firstLoadJsGzipKB: Math.round(kb * 10) / 10, source: 'bench/results/ui.json', raw };
}

const at = (s: ScenarioResult | undefined, connections: number) => s?.runs.find((r) => r.connections === connections);

export function evaluateGoals(r: Omit<BenchResults, 'goals' | 'observations'>): Goal[] {
  const goals: Goal[] = [];
  const by = (name: string) => r.scenarios.find((s) => s.name === name);
  const list50 = at(by('list'), 50);
  goals.push({
    goal: 'API ÷ bare pg, request list, 50 users',
    figure: list50 ? `${list50.ratio} (${rate(list50.api.rps)} ÷ ${rate(list50.bare.rps)} per s)` : '–',
    limit: '≥ 0.7',
    status: list50 ? (list50.ratio >= 0.7 ? 'met' : 'not met') : 'not measured',
  });
  const counted50 = at(by('list-counted'), 50);
  goals.push({
    goal: 'API ÷ bare pg, request list, 50 users, every page counted (the same statements on both sides)',
    figure: counted50 ? `${counted50.ratio} (${rate(counted50.api.rps)} ÷ ${rate(counted50.bare.rps)} per s)` : '–',
    limit: '≥ 0.7',
    status: counted50 ? (counted50.ratio >= 0.7 ? 'met' : 'not met') : 'not measured',
  });
  const titles: Record<string, string> = {
    list: 'request list',
    search: 'name search',
    'list-counted': 'request list, every page counted',
    'search-counted': 'name search, every page counted',
    detail: 'request page',
    tick: 'welfare tick',
  };
  for (const name of ['list', 'search', 'list-counted', 'search-counted', 'detail', 'tick']) {
    const s = by(name);
    const run = at(s, 50);
    goals.push({
      goal: `p95 at 50 users, ${titles[name]}`,
      figure: run ? `${ms(run.api.p95)} ms${run.api.non2xx ? ` (${run.api.non2xx} non-2xx)` : ''}` : '–',
      limit: '< 50 ms',
      status: run
        ? run.api.p95 < 50 && run.api.non2xx === 0 && run.api.errors === 0
          ? 'met'
          : 'not met'
        : 'not measured',
    });
  }
  const u = r.uploads;
  goals.push({
    goal: `${u?.uploads ?? 20} × ${u ? Math.round(u.bytesEach / 2 ** 20) : 10} MB uploads at once: resident memory added`,
    figure: u ? `${u.addedMB} MB (idle ${u.idleRssMiB} MiB → peak ${u.peakRssMiB} MiB)` : '–',
    limit: '< 100 MB',
    status: u
      ? u.addedMB < 100 && Object.keys(u.statuses).every((s) => s === '201')
        ? 'met'
        : 'not met'
      : 'not measured',
  });
  goals.push({
    goal: 'first-load JS (gzip)',
    figure: r.ui ? `${r.ui.firstLoadJsGzipKB} kB` : 'not in this run (bench/results/ui.json absent)',
    limit: '≤ 450 kB',
    status: r.ui ? (r.ui.firstLoadJsGzipKB <= 450 ? 'met' : 'not met') : 'not measured',
  });
  return goals;
}

/** Facts read off the plans and the captured statements: where the time goes, for the fixes. */
export function observe(scenarios: ScenarioResult[]): string[] {
  const out: string[] = [];
  for (const s of scenarios) {
    const repeats = s.explain.filter((e) => e.repeats !== undefined);
    const execution = s.explain.map((e) => Number(/Execution Time: ([\d.]+) ms/.exec(e.plan)?.[1] ?? 0));
    const total = execution.reduce((a, b) => a + b, 0);
    const slowest = s.explain
      .map((e, i) => ({ e, t: execution[i]! }))
      .sort((a, b) => b.t - a.t)
      .slice(0, 2)
      .filter((x) => x.t > 0.5);
    out.push(
      `${s.title}: ${s.statements} statements on ${s.leases} pool checkouts per call; EXPLAIN ANALYZE execution ${total.toFixed(2)} ms in all` +
        (slowest.length ? ` (slowest: ${slowest.map((x) => `#${x.e.n} ${x.t.toFixed(2)} ms`).join(', ')})` : ''),
    );
    if (repeats.length > 0) {
      out.push(
        `${s.title}: ${repeats.length} statement(s) repeat an earlier one word for word (${repeats.map((e) => `#${e.n} = #${e.repeats}`).join(', ')}): the same rows read twice per call`,
      );
    }
    for (const e of s.explain) {
      for (const m of e.plan.matchAll(
        /Seq Scan on (\w+)[^\n]*actual time=[\d.]+\.\.([\d.]+) rows=(\d+) loops=(\d+)/g,
      )) {
        const rows = Number(m[3]) * Number(m[4]);
        const removed = Number(/Rows Removed by Filter: (\d+)/.exec(e.plan.slice(m.index ?? 0))?.[1] ?? 0);
        if (rows + removed >= 5_000) {
          out.push(
            `${s.title} #${e.n}: sequential scan of ${m[1]} (${rows} rows kept, ${removed} removed by the filter)`,
          );
        }
      }
      if (/Sort Method: external/.test(e.plan)) out.push(`${s.title} #${e.n}: a sort spilled to disk`);
      if (/count\(\*\) as "total"/i.test(e.text)) {
        const t = Number(/Execution Time: ([\d.]+) ms/.exec(e.plan)?.[1] ?? 0);
        out.push(`${s.title} #${e.n}: the total count runs the whole filter on every page (${t.toFixed(2)} ms)`);
      }
    }
  }
  return out;
}

/** Too few answers in a run for its figures to mean much: each call took about as long as the run. */
const few = (f: LoadFigures) => (f.calls < 2 * f.connections ? ' ⚠' : '');

function runTable(s: ScenarioResult): string[] {
  const lines = [
    '| users | API req/s | API p50 / p95 / p99 ms | API non-2xx | bare pg calls/s | bare p50 / p95 / p99 ms | API ÷ bare |',
    '|---:|---:|---:|---:|---:|---:|---:|',
  ];
  for (const r of s.runs) {
    lines.push(
      `| ${r.connections} | ${rate(r.api.rps)}${few(r.api)} | ${ms(r.api.p50)} / ${ms(r.api.p95)} / ${ms(r.api.p99)} | ${r.api.non2xx + r.api.errors} | ${rate(r.bare.rps)}${few(r.bare)} | ${ms(r.bare.p50)} / ${ms(r.bare.p95)} / ${ms(r.bare.p99)} | ${r.ratio} |`,
    );
  }
  if (s.runs.some((r) => few(r.api) || few(r.bare))) {
    lines.push(
      '',
      '⚠ fewer answers than two per connection in the run: calls took about as long as the run, so its figures are rough (a longer BENCH_DURATION helps).',
    );
  }
  return lines;
}

const FENCE = '```';
const fence = (lang: string, text: string) => [`${FENCE}${lang}`, text, FENCE];

export function toMarkdown(r: BenchResults): string {
  const m = r.machine;
  const busy = Math.max(...m.loadAverageAtStart) > m.cpus * 0.5;
  const lines: string[] = [
    '# Benchmark results',
    '',
    `Measured ${r.measuredAt} by \`pnpm bench\` (bench/README.md): ${r.settings.requests.toLocaleString('en')} requests on PostgreSQL ${m.postgres ?? '?'} (database \`${r.settings.database}\`), ${r.settings.durationS} s per run after ${r.settings.warmupS} s of warm-up, API pool and bare pool of ${r.settings.poolSize} connections.`,
    '',
    `Machine: ${m.cpus} CPUs (${m.cpuModel}), ${m.memGiB} GiB RAM, Node ${m.node}, ${m.platform}. Load average at start ${m.loadAverageAtStart.join(' / ')}${m.loadAverageAtEnd ? `, at end ${m.loadAverageAtEnd.join(' / ')}` : ''}.`,
    ...(busy
      ? [
          '',
          `**The machine was busy when this run started (load ${m.loadAverageAtStart[0]} on ${m.cpus} CPUs): these figures are noisy.**`,
        ]
      : []),
    '',
    '## Goals',
    '',
    '| goal | figure | limit | status |',
    '|---|---|---|---|',
    ...r.goals.map((g) => `| ${g.goal} | ${g.figure} | ${g.limit} | ${g.status} |`),
    '',
    '## The API against the same SQL through a bare pg pool',
    '',
    'Each API figure is an autocannon run against the real server; the bare figure replays, at the same concurrency and pool size, the exact statements the API ran for one such call (captured in-process), with the same parallelism. Latencies are per call, over every response.',
  ];
  for (const s of r.scenarios) {
    lines.push(
      '',
      `### ${s.title}`,
      '',
      `${s.what}, as \`${s.user}\`: \`${s.call.method} ${decodeURIComponent(s.call.url)}\`.`,
    );
    for (const n of s.notes) lines.push(`- ${n}`);
    lines.push(`- ${s.statements} statements per call on ${s.leases} pool checkouts`, '', ...runTable(s));
  }
  if (r.uploads) {
    const u = r.uploads;
    lines.push(
      '',
      '## Uploads',
      '',
      `${u.uploads} uploads of ${(u.bytesEach / 2 ** 20).toFixed(0)} MiB PDFs at once (Graduate Office, one request each), on a freshly started API.`,
      '',
      '| measure | value | limit |',
      '|---|---:|---:|',
      `| total | ${u.totalMB} MB in ${u.seconds} s | |`,
      `| throughput | ${u.mbPerSecond} MB/s | |`,
      `| answers | ${Object.entries(u.statuses)
        .map(([k, v]) => `${v} × ${k}`)
        .join(', ')} | all 201 |`,
      `| resident memory idle → peak | ${u.idleRssMiB} → ${u.peakRssMiB} MiB (${u.rssSamples} samples, one per ${u.rssMeanIntervalMs} ms) | |`,
      `| added by the uploads | ${u.addedMiB} MiB = ${u.addedMB} MB | < 100 MB |`,
    );
  }
  if (r.pglite) {
    const p = r.pglite;
    lines.push(
      '',
      '## The embedded database (PGlite)',
      '',
      `${p.requests.toLocaleString('en')} requests generated in ${p.generationSeconds} s; the officer's list (${p.total} matching).`,
      '',
      '| users | req/s | p50 / p95 / p99 ms | non-2xx |',
      '|---:|---:|---:|---:|',
      ...p.runs.map(
        (x) =>
          `| ${x.connections} | ${rate(x.rps)}${few(x)} | ${ms(x.p50)} / ${ms(x.p95)} / ${ms(x.p99)} | ${x.non2xx + x.errors} |`,
      ),
    );
  }
  if (r.database) {
    const d = r.database;
    lines.push(
      '',
      '## Data',
      '',
      `${d.requests.toLocaleString('en')} requests, database ${d.sizeMiB} MiB.` +
        (d.generation
          ? ` Generated in this run: ${d.generation.added.toLocaleString('en')} requests in ${d.generation.seconds} s (--light, seed ${d.generation.seed}), VACUUM (ANALYZE) ${d.analyzeSeconds} s.`
          : ' Reused from an earlier run.'),
    );
  }
  if (r.observations.length > 0) {
    lines.push('', '## What the plans show', '', ...r.observations.map((o) => `- ${o}`));
  }
  lines.push(
    '',
    '## Query plans',
    '',
    'EXPLAIN (ANALYZE, BUFFERS) of each statement of one call, in the order the API ran them.',
  );
  for (const s of r.scenarios) {
    lines.push('', `### ${s.title}`);
    for (const e of s.explain) {
      lines.push(
        '',
        `<details><summary>#${e.n}${e.repeats ? ` (repeats #${e.repeats})` : ''}: ${e.text.slice(0, 100).replaceAll('<', '&lt;')}${e.text.length > 100 ? '…' : ''}</summary>`,
        '',
        ...fence('sql', e.text),
        '',
        `values: \`${JSON.stringify(e.values)}\``,
        '',
        ...fence('', e.plan),
        '',
        '</details>',
      );
    }
  }
  return `${lines.join('\n')}\n`;
}

export async function writeResults(resultsDir: string, r: BenchResults): Promise<string[]> {
  await mkdir(resultsDir, { recursive: true });
  const stamp = r.measuredAt.replace(/[:.]/g, '-');
  const json = `${JSON.stringify(r, null, 2)}\n`;
  const files = [path.join(resultsDir, `${stamp}.json`), path.join(resultsDir, 'latest.json')];
  for (const f of files) await writeFile(f, json);
  const md = path.join(resultsDir, 'latest.md');
  await writeFile(md, toMarkdown(r));
  return [...files, md];
}

export type { LoadFigures };
