import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { link, mkdir, open, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { createInterface } from 'node:readline';
import canonicalize from 'canonicalize';
import type { Kysely } from 'kysely';
import { type ChainVerification, verifyAuditChain } from './audit.ts';
import type { Database } from './database.ts';

/**
 * The chain's head written outside the database, signed: a superuser can rewrite the whole chain
 * consistently, but not the heads exported before, nor sign new ones without the key.
 */
export const AUDIT_HEADS_FILE = 'audit-heads.jsonl';
export const AUDIT_HEAD_KEY_FILE = 'audit-head.key';

export interface AuditHead {
  /** The newest event when the head was taken. */
  id: string;
  hash: string;
  /** That event's time. */
  at: string;
  exportedAt: string;
}

export interface SignedAuditHead extends AuditHead {
  /** HMAC-SHA256 (hex) over the canonical JSON of the four fields above. */
  sig: string;
}

export interface AuditHeadsLocation {
  file: string;
  /** The HMAC key; undefined when none was ever made (then no exported head can be trusted). */
  key: string | undefined;
}

function signature(key: string, head: AuditHead): Buffer {
  const canonical = canonicalize({ id: head.id, hash: head.hash, at: head.at, exportedAt: head.exportedAt });
  if (canonical === undefined) throw new Error('audit head cannot be canonicalised');
  return createHmac('sha256', key).update(canonical, 'utf8').digest();
}

export function signAuditHead(key: string, head: AuditHead): SignedAuditHead {
  return { ...head, sig: signature(key, head).toString('hex') };
}

export function auditHeadSignatureValid(key: string, head: SignedAuditHead): boolean {
  const given = Buffer.from(head.sig, 'hex');
  const expected = signature(key, head);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

export async function currentAuditHead(db: Kysely<Database>) {
  return db.selectFrom('auditEvents').select(['id', 'hash', 'at']).orderBy('id', 'desc').limit(1).executeTakeFirst();
}

/**
 * The configured key, else the one kept in `<dataDir>/audit-head.key` (readable by its owner only),
 * generated there once when `create` is set; undefined when there is none and none may be made.
 */
export async function loadAuditHeadKey(dataDir: string, configured: string | undefined, create: true): Promise<string>;
export async function loadAuditHeadKey(
  dataDir: string,
  configured: string | undefined,
  create: boolean,
): Promise<string | undefined>;
export async function loadAuditHeadKey(
  dataDir: string,
  configured: string | undefined,
  create: boolean,
): Promise<string | undefined> {
  if (configured) return configured;
  const file = path.join(dataDir, AUDIT_HEAD_KEY_FILE);
  const read = async () => {
    const key = (await readFile(file, 'utf8')).trim();
    if (key.length < 32) throw new Error(`${file} holds no usable key (fewer than 32 characters)`);
    return key;
  };
  try {
    return await read();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    if (!create) return undefined;
  }
  await mkdir(dataDir, { recursive: true });
  const key = randomBytes(32).toString('hex');
  // Written in full under a name of its own, then linked into place: a write that fails (a full disk, a
  // crash) never leaves a half-made key file that every later start would refuse.
  const partial = `${file}.${randomBytes(8).toString('hex')}.partial`;
  try {
    const handle = await open(partial, 'wx', 0o600);
    try {
      await handle.writeFile(`${key}\n`);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await link(partial, file);
    const dir = await open(dataDir, 'r');
    try {
      await dir.sync();
    } finally {
      await dir.close();
    }
    return key;
  } catch (error) {
    // Another process made it first: use theirs.
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return read();
    throw error;
  } finally {
    await rm(partial, { force: true });
  }
}

/** One line per head, appended and flushed to disk before returning. */
export async function appendAuditHead(file: string, head: SignedAuditHead): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  const handle = await open(file, 'a');
  try {
    await handle.appendFile(`${JSON.stringify(head)}\n`);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Signs and appends the current head; undefined when the log is empty. */
export async function exportAuditHead(
  db: Kysely<Database>,
  location: { file: string; key: string },
  now = new Date(),
): Promise<SignedAuditHead | undefined> {
  const head = await currentAuditHead(db);
  if (!head) return undefined;
  const signed = signAuditHead(location.key, {
    id: head.id,
    hash: head.hash,
    at: head.at.toISOString(),
    exportedAt: now.toISOString(),
  });
  await appendAuditHead(location.file, signed);
  return signed;
}

export interface HeadMismatch {
  /** 1-based line of the heads file. */
  line: number;
  id: string | null;
  /** malformed line, bad signature, no key to check with, event gone, or event with another hash. */
  reason: 'malformed' | 'signature' | 'no-key' | 'missing' | 'hash';
}

export interface HeadsVerification {
  headsChecked: number;
  headMismatch?: HeadMismatch;
}

export interface AuditVerification extends ChainVerification, HeadsVerification {}

function parseHead(text: string): SignedAuditHead | undefined {
  try {
    const v = JSON.parse(text) as Record<string, unknown>;
    const fields = ['id', 'hash', 'at', 'exportedAt', 'sig'] as const;
    if (fields.every((f) => typeof v[f] === 'string') && /^[0-9]{1,19}$/.test(v.id as string)) {
      return v as unknown as SignedAuditHead;
    }
  } catch {}
  return undefined;
}

type Entry = { line: number; head?: SignedAuditHead; failure?: HeadMismatch['reason'] };

/**
 * Checks every exported head, in file order, against the events now in the table: its signature, and that
 * the event with its id still has its hash. Reads the file line by line and looks events up in batches.
 */
export async function verifyAuditHeads(
  db: Kysely<Database>,
  location: AuditHeadsLocation,
  batchSize = 1_000,
): Promise<HeadsVerification> {
  let headsChecked = 0;
  let batch: Entry[] = [];

  const flush = async (): Promise<HeadMismatch | undefined> => {
    const ids = batch.flatMap((e) => (e.head ? [e.head.id] : []));
    const found = new Map<string, string>();
    if (ids.length > 0) {
      const rows = await db.selectFrom('auditEvents').select(['id', 'hash']).where('id', 'in', ids).execute();
      for (const r of rows) found.set(r.id, r.hash);
    }
    for (const e of batch) {
      headsChecked += 1;
      let reason = e.failure;
      if (!reason && e.head) {
        const hash = found.get(e.head.id);
        reason = hash === undefined ? 'missing' : hash !== e.head.hash ? 'hash' : undefined;
      }
      if (reason) return { line: e.line, id: e.head?.id ?? null, reason };
    }
    batch = [];
    return undefined;
  };

  const stream = createReadStream(location.file, { encoding: 'utf8' });
  const lines = createInterface({ input: stream, crlfDelay: Number.POSITIVE_INFINITY });
  let lineNo = 0;
  try {
    for await (const text of lines) {
      lineNo += 1;
      if (text.trim() === '') continue;
      const head = parseHead(text);
      const failure: Entry['failure'] = !head
        ? 'malformed'
        : location.key === undefined
          ? 'no-key'
          : auditHeadSignatureValid(location.key, head)
            ? undefined
            : 'signature';
      batch.push({ line: lineNo, ...(head ? { head } : {}), ...(failure ? { failure } : {}) });
      if (batch.length >= batchSize) {
        const mismatch = await flush();
        if (mismatch) return { headsChecked, headMismatch: mismatch };
      }
    }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { headsChecked: 0 };
    throw error;
  } finally {
    lines.close();
    stream.destroy();
  }
  const mismatch = await flush();
  return mismatch ? { headsChecked, headMismatch: mismatch } : { headsChecked };
}

/** The chain walked in pages, then every exported head checked against it. */
export async function verifyAudit(
  db: Kysely<Database>,
  heads: AuditHeadsLocation | undefined,
  pageSize?: number,
): Promise<AuditVerification> {
  const chain = await verifyAuditChain(db, pageSize);
  const checkedHeads = heads ? await verifyAuditHeads(db, heads) : { headsChecked: 0 };
  return { ...chain, ...checkedHeads, ok: chain.ok && checkedHeads.headMismatch === undefined };
}
