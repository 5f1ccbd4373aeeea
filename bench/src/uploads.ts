import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { BenchConfig } from './config.ts';
import { log } from './database.ts';
import { describeProcess, login, rssMiB, sampleRss, startApi } from './server.ts';

export interface UploadResult {
  uploads: number;
  bytesEach: number;
  totalMB: number;
  seconds: number;
  mbPerSecond: number;
  statuses: Record<string, number>;
  idleRssMiB: number;
  peakRssMiB: number;
  /** Peak during the uploads minus idle before them. */
  addedMiB: number;
  addedMB: number;
  rssSamples: number;
  /** The sampling interval achieved (20 ms asked). */
  rssMeanIntervalMs: number;
  serverProcess: string;
}

const PRE_APPROVAL = ['draft', 'submitted', 'under_review', 'returned'];
const KIND = 'lower_degree_diploma';

/** A PDF by its magic bytes (the API detects the type from them), `size` bytes, random inside. */
function pdfOf(size: number): Buffer {
  const head = Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n', 'latin1');
  const tail = Buffer.from('\n%%EOF\n');
  return Buffer.concat([head, randomBytes(size - head.length - tail.length), tail]);
}

/** multipart/form-data with `kind`, then `file` (api/test/fixtures.ts uploadBody). */
function uploadBody(data: Buffer) {
  const boundary = `----ddbench${randomBytes(8).toString('hex')}`;
  const body = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="kind"\r\n\r\n${KIND}\r\n`),
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="diploma.pdf"\r\nContent-Type: application/pdf\r\n\r\n`,
    ),
    data,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { body, contentType: `multipart/form-data; boundary=${boundary}` };
}

/**
 * N concurrent uploads of a fresh PDF each, by the Graduate Office (which may add a document to any request
 * before approval), to N different requests, on a freshly started API: throughput, and the server's peak
 * resident memory (VmRSS sampled every 20 ms) against its idle memory just before.
 */
export async function runUploads(config: BenchConfig): Promise<UploadResult> {
  const { count, bytes } = config.uploads;
  const admin = new pg.Client({ connectionString: config.databaseUrl });
  await admin.connect();
  let targets: string[];
  try {
    const { rows } = await admin.query<{ id: string }>(
      'SELECT id FROM diploma_requests WHERE stage = ANY($1) ORDER BY random() LIMIT $2',
      [PRE_APPROVAL, count + 1],
    );
    targets = rows.map((r) => r.id);
  } finally {
    await admin.end();
  }
  if (targets.length < count + 1) throw new Error(`uploads: only ${targets.length} requests before approval`);

  const server = await startApi({
    DATABASE_URL: config.databaseUrl,
    DATABASE_POOL_SIZE: String(config.poolSize),
    DATA_DIR: config.dataDir,
    INIT_CWD: config.dataDir,
    DEMO_DATA: 'false',
  });
  try {
    const serverProcess = await describeProcess(server.pid);
    const cookie = await login(server, 'graduate.office');
    const post = async (requestId: string, data: Buffer) => {
      const { body, contentType } = uploadBody(data);
      const res = await fetch(`${server.url}/api/requests/${requestId}/documents`, {
        method: 'POST',
        headers: { cookie, origin: server.origin, 'content-type': contentType },
        body,
      });
      const text = await res.text();
      if (res.status !== 201) log(`  upload to ${requestId}: ${res.status} ${text.slice(0, 300)}`);
      return res.status;
    };
    // One small upload first: the code paths are loaded before the idle figure is taken.
    await post(targets[0]!, pdfOf(1024 * 1024));
    const files = targets.slice(1).map(() => pdfOf(bytes));
    await new Promise((r) => setTimeout(r, 1_000));
    const idle: number[] = [];
    for (let i = 0; i < 10; i += 1) {
      idle.push(await rssMiB(server.pid));
      await new Promise((r) => setTimeout(r, 50));
    }
    const idleRssMiB = idle.reduce((a, b) => a + b, 0) / idle.length;
    const sampler = sampleRss(server.pid, 20);
    const t0 = performance.now();
    const statuses = await Promise.all(targets.slice(1).map((id, i) => post(id, files[i]!)));
    const seconds = (performance.now() - t0) / 1000;
    const { peakMiB, samples, meanIntervalMs } = await sampler.stop();
    const totalMB = (count * bytes) / 1e6;
    const tally: Record<string, number> = {};
    for (const s of statuses) tally[s] = (tally[s] ?? 0) + 1;
    const addedMiB = peakMiB - idleRssMiB;
    const result: UploadResult = {
      uploads: count,
      bytesEach: bytes,
      totalMB: Math.round(totalMB * 10) / 10,
      seconds: Math.round(seconds * 100) / 100,
      mbPerSecond: Math.round((totalMB / seconds) * 10) / 10,
      statuses: tally,
      idleRssMiB: Math.round(idleRssMiB * 10) / 10,
      peakRssMiB: Math.round(peakMiB * 10) / 10,
      addedMiB: Math.round(addedMiB * 10) / 10,
      addedMB: Math.round(((addedMiB * 2 ** 20) / 1e6) * 10) / 10,
      rssSamples: samples,
      rssMeanIntervalMs: meanIntervalMs,
      serverProcess,
    };
    log(
      `\n## Uploads: ${count} × ${bytes} bytes at once: ${result.seconds} s, ${result.mbPerSecond} MB/s, statuses ${JSON.stringify(tally)}; ` +
        `RSS idle ${result.idleRssMiB} MiB, peak ${result.peakRssMiB} MiB (+${result.addedMiB} MiB = ${result.addedMB} MB, ${samples} samples, one per ${meanIntervalMs} ms)`,
    );
    return result;
  } finally {
    await server.stop();
  }
}
