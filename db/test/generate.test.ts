import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { verifyIranianNationalId } from '@persian-tools/persian-tools';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../src/audit.ts';
import { STAGES } from '../src/domain.ts';
import { type GenerateProgress, generateData } from '../src/generate.ts';
import { detectContentType } from '../src/storage/detect-type.ts';
import { LocalFileStorage } from '../src/storage/local-storage.ts';
import { createTestDb, type TestDb } from '../src/testing.ts';

let t: TestDb;
let dir = '';
let storage: LocalFileStorage;
const progress: GenerateProgress[] = [];
beforeAll(async () => {
  t = await createTestDb(process.env.TEST_DATABASE_URL);
  dir = await mkdtemp(path.join(tmpdir(), 'dd-generate-'));
  storage = new LocalFileStorage(path.join(dir, 'files'));
  // Small chunks, so that several transactions and the cross-chunk registry are exercised.
  await generateData(t.db, { requests: 450, storage, seed: 7, chunkSize: 200, onProgress: (p) => progress.push(p) });
});
afterAll(async () => {
  await t.close();
  await rm(dir, { recursive: true, force: true });
});

const count = async (table: 'diplomaRequests' | 'graduates' | 'documents' | 'auditEvents' | 'users') =>
  Number(
    (
      await t.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

describe('data generator', () => {
  it('adds exactly the requested number of requests, in chunks, reporting progress', async () => {
    expect(await count('diplomaRequests')).toBe(450);
    expect(progress.length).toBeGreaterThanOrEqual(3);
    expect(progress.at(-1)).toMatchObject({ requests: 450, total: 450 });
    // The demo staff accounts were created first, and no graduate accounts.
    const users = await t.db.selectFrom('users').select('role').execute();
    expect(users.map((u) => u.role).sort()).toEqual([
      'admin',
      'auditor',
      'free_education_officer',
      'graduate_officer',
      'welfare_officer',
    ]);
  });

  it('spreads requests over every stage, with about six documents each', async () => {
    const stages = await t.db
      .selectFrom('diplomaRequests')
      .select(['stage', (eb) => eb.fn.countAll<string>().as('n')])
      .groupBy('stage')
      .execute();
    expect(new Set(stages.map((s) => s.stage))).toEqual(new Set(STAGES));
    const perRequest = (await count('documents')) / 450;
    expect(perRequest).toBeGreaterThan(4);
    expect(perRequest).toBeLessThan(9);
  });

  it('gives every graduate a valid, unique national ID and student number', async () => {
    const graduates = await t.db.selectFrom('graduates').select(['nationalId', 'studentNumber']).execute();
    expect(graduates.length).toBeGreaterThanOrEqual(450);
    for (const g of graduates) expect(verifyIranianNationalId(g.nationalId), g.nationalId).toBe(true);
    expect(new Set(graduates.map((g) => g.studentNumber)).size).toBe(graduates.length);
  });

  it('writes a small real file of its own for each document, of the type the row says', async () => {
    const documents = await t.db
      .selectFrom('documents')
      .select(['storageKey', 'sha256', 'sizeBytes', 'contentType'])
      .execute();
    expect(new Set(documents.map((d) => d.storageKey)).size).toBe(documents.length);
    for (const d of documents.slice(0, 60)) {
      const bytes = await readFile(path.join(dir, 'files', d.storageKey));
      expect(bytes.length).toBe(Number(d.sizeBytes));
      expect(createHash('sha256').update(bytes).digest('hex')).toBe(d.sha256);
      expect(detectContentType(bytes.subarray(0, 16))).toBe(d.contentType);
    }
  });

  it('audits every generated graduate and request in an intact chain', async () => {
    const events = await count('auditEvents');
    expect(events).toBeGreaterThanOrEqual(450 + 450 + 5);
    expect(await verifyAuditChain(t.db)).toEqual({ ok: true, checked: events });
  });

  it('adds to existing data without collisions, and leaves the diploma sequence past every number', async () => {
    const before = await count('diplomaRequests');
    // The same seed again: ids and identities must still not collide with what is there.
    await generateData(t.db, { requests: 120, storage, seed: 7, light: true });
    expect(await count('diplomaRequests')).toBe(before + 120);
    const numbers = await t.db
      .selectFrom('diplomaRequests')
      .select('diplomaNumber')
      .where('diplomaNumber', 'is not', null)
      .execute();
    expect(new Set(numbers.map((n) => n.diplomaNumber)).size).toBe(numbers.length);
    const highest = Math.max(...numbers.map((n) => Number(n.diplomaNumber!.split('-')[1])));
    const { rows } = await sql<{ last: string }>`SELECT last_value AS last FROM diploma_number_seq`.execute(t.db);
    expect(Number(rows[0]!.last)).toBeGreaterThanOrEqual(highest);
    expect((await verifyAuditChain(t.db)).ok).toBe(true);
  });

  it('points light documents at the shared sample files', async () => {
    // One file per non-light document; the light run's documents share the 15 samples.
    const shared = await t.db
      .selectFrom('documents')
      .select((eb) => ['storageKey', eb.fn.countAll<string>().as('n')])
      .groupBy('storageKey')
      .having((eb) => eb.fn.countAll(), '>', 1)
      .execute();
    expect(shared.length).toBeGreaterThan(0);
    expect(shared.length).toBeLessThanOrEqual(15);
  });
});
