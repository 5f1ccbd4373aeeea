import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { type Kysely, sql } from 'kysely';
import type { Database } from './database.ts';
import { buildDemoPlan, type DemoPlan, type DemoStaffIds, newPlanRegistry, type PlannedDocument } from './demo/plan.ts';
import { type SampleKey, type StoredSample, sampleFileContents, storeSampleFiles } from './demo/samples.ts';
import { writeDemoPlan } from './demo/write.ts';
import { seedDemoData } from './seed.ts';
import { detectContentType } from './storage/detect-type.ts';
import type { FileStorage } from './storage/storage.ts';

/**
 * The data generator: fills a database with N realistic requests for load tests and benchmarks, from the
 * same planner as the demo data (so every request obeys the workflow at its stage), in chunks of graduates,
 * each written in one transaction with multi-row inserts and one batched audit append. Runs on a database
 * that already holds data: national IDs, student numbers and diploma numbers never collide with it.
 */

export interface GenerateOptions {
  /** How many requests to add (exactly). */
  requests: number;
  /** Where document files go. */
  storage: FileStorage;
  /**
   * Light: every document row points at one of 15 shared sample files (fast, little disk). Otherwise each
   * document gets a small file of its own (a sample with a unique trailer), as real uploads would.
   */
  light?: boolean;
  /** Seed of the generator's randomness; default: a fresh one per run (the data then never repeats). */
  seed?: number;
  /** Graduates per chunk (one transaction each). */
  chunkSize?: number;
  now?: Date;
  /** How many files are written at once (non-light). */
  fileConcurrency?: number;
  onProgress?: (progress: GenerateProgress) => void;
}

export interface GenerateProgress {
  requests: number;
  total: number;
  graduates: number;
  documents: number;
  files: number;
  auditEvents: number;
  elapsedMs: number;
}

export type GenerateSummary = GenerateProgress & { seed: number };

/** Share of planned graduates that get a request (the planner leaves ~2% without one). */
const REQUESTS_PER_GRADUATE = 0.98;

async function staffIds(db: Kysely<Database>, storage: FileStorage): Promise<DemoStaffIds> {
  // An empty database gets the demo staff accounts first (the same as the app's first start, minus graduates).
  await seedDemoData(db, { storage, graduates: 0 });
  const first = async (role: string) => {
    const row = await db
      .selectFrom('users')
      .select('id')
      .where('role', '=', role as never)
      .where('active', '=', true)
      .orderBy('createdAt')
      .limit(1)
      .executeTakeFirst();
    if (!row) throw new Error(`no active ${role} account: create one before generating data`);
    return row.id;
  };
  return {
    graduateOffice: await first('graduate_officer'),
    freeEducation: await first('free_education_officer'),
    welfare: await first('welfare_officer'),
  };
}

/** What the database already uses, so that the generated data never collides with it. */
async function loadRegistry(db: Kysely<Database>, now: Date) {
  const registry = newPlanRegistry();
  const graduates = await db.selectFrom('graduates').select(['nationalId', 'studentNumber']).execute();
  for (const g of graduates) {
    registry.nationalIds.add(g.nationalId);
    registry.studentNumbers.add(g.studentNumber);
  }
  const { rows } = await sql<{ last: string; top: string | null }>`
    SELECT (SELECT last_value FROM diploma_number_seq)::text AS last,
           (SELECT max(split_part(diploma_number, '-', 2)::bigint) FROM diploma_requests)::text AS top`.execute(db);
  const highest = Math.max(Number(rows[0]?.last ?? 0), Number(rows[0]?.top ?? 0), 120);
  // Diploma numbers restart per Solar Hijri year in the planner; one shared floor keeps them unique overall.
  const year = Number(
    new Intl.DateTimeFormat('en-US-u-ca-persian-nu-latn', { year: 'numeric', timeZone: 'Asia/Tehran' })
      .formatToParts(now)
      .find((p) => p.type === 'year')!.value,
  );
  for (let y = year - 5; y <= year; y += 1) registry.diplomaSerials.set(String(y), highest);
  return registry;
}

/** Keeps the first `keep` requests of a plan and everything that belongs to them. */
function trimPlan(plan: DemoPlan, keep: number): DemoPlan {
  if (plan.requests.length <= keep) return plan;
  const requests = plan.requests.slice(0, keep);
  const ids = new Set(requests.map((r) => r.id));
  const mine = <T extends { requestId: string }>(rows: T[]) => rows.filter((r) => ids.has(r.requestId));
  return {
    ...plan,
    requests,
    stageHistory: mine(plan.stageHistory),
    cancellationCases: mine(plan.cancellationCases),
    welfareRecords: mine(plan.welfareRecords),
    tickEvents: mine(plan.tickEvents),
    documents: mine(plan.documents),
    nextActions: mine(plan.nextActions),
  };
}

/** A sample made unique by a trailer after its end marker (%%EOF, EOI, IEND), which viewers ignore. */
function uniqueFile(sample: Buffer, key: SampleKey, documentId: string): Buffer {
  const trailer = key === 'jpeg' || key === 'png' ? `generated ${documentId}` : `% generated ${documentId}\n`;
  return Buffer.concat([sample, Buffer.from(trailer)]);
}

async function storeOwnFiles(
  storage: FileStorage,
  documents: readonly PlannedDocument[],
  samples: Record<SampleKey, Buffer>,
  concurrency: number,
): Promise<Map<string, StoredSample>> {
  const stored = new Map<string, StoredSample>();
  let next = 0;
  const worker = async () => {
    while (next < documents.length) {
      const d = documents[next++]!;
      const file = await storage.put(Readable.from([uniqueFile(samples[d.sample], d.sample, d.id)]), {
        maxBytes: 1024 * 1024,
        durable: false,
      });
      const contentType = detectContentType(file.head);
      if (!contentType) throw new Error(`generated file for ${d.kind} has no recognised type`);
      stored.set(d.id, { storageKey: file.key, sha256: file.sha256, sizeBytes: file.size, contentType });
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return stored;
}

export async function generateData(db: Kysely<Database>, options: GenerateOptions): Promise<GenerateSummary> {
  const { requests: total, storage, light = false, chunkSize = 2_000, fileConcurrency = 16, onProgress } = options;
  if (!Number.isInteger(total) || total < 1) throw new Error('requests must be a whole number ≥ 1');
  const seed = options.seed ?? Date.now() % 2_147_483_647;
  const now = options.now ?? new Date();
  const started = performance.now();
  const staff = await staffIds(db, storage);
  const registry = await loadRegistry(db, now);
  const shared = light ? await storeSampleFiles(storage) : null;
  const samples = light ? null : sampleFileContents();
  const progress: GenerateProgress = {
    requests: 0,
    total,
    graduates: 0,
    documents: 0,
    files: 0,
    auditEvents: 0,
    elapsedMs: 0,
  };
  for (let chunk = 0; progress.requests < total; chunk += 1) {
    const remaining = total - progress.requests;
    const graduates = Math.min(chunkSize, Math.ceil(remaining / REQUESTS_PER_GRADUATE) + 12);
    const plan = trimPlan(
      buildDemoPlan({ graduates, now, staff, seed: seed + chunk * 7_919, accounts: false, registry, uuid: randomUUID }),
      remaining,
    );
    const own = samples ? await storeOwnFiles(storage, plan.documents, samples, fileConcurrency) : null;
    // The rows must never point at files a crash could lose: one sync for the chunk's files, then the rows.
    if (own) await storage.flush();
    const events = await db.transaction().execute((trx) =>
      writeDemoPlan(trx, plan, shared ?? ((d) => own!.get(d.id)!), '', {
        mark: { generated: true, seed },
        summary: false,
      }),
    );
    progress.requests += plan.requests.length;
    progress.graduates += plan.graduates.length;
    progress.documents += plan.documents.length;
    progress.files += own?.size ?? 0;
    progress.auditEvents += events;
    progress.elapsedMs = Math.round(performance.now() - started);
    onProgress?.({ ...progress });
    if (plan.requests.length === 0) throw new Error('the planner produced no requests: cannot reach the total');
  }
  return { ...progress, seed };
}
