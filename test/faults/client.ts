import { createHash, randomBytes } from 'node:crypto';
import http from 'node:http';

/** What a client saw of one call. `status` 0: no answer (connection refused or cut, or timed out). */
export interface Answer {
  status: number;
  contentType: string;
  retryAfter: string | null;
  // biome-ignore lint/suspicious/noExplicitAny: JSON bodies of many shapes
  body: any;
  startedAt: number;
  endedAt: number;
  error?: string;
}

export const acknowledged = (a: Answer) => a.status >= 200 && a.status < 300;

/** A seeded PRNG (mulberry32): the same seed, the same rounds. */
export function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T,
    chance: (p: number) => next() < p,
  };
}
export type Rng = ReturnType<typeof prng>;

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A logged-in API client, as a script outside the browser would be: cookie and the app's own Origin. */
export class ApiClient {
  cookie: string | undefined;
  constructor(
    readonly base: string,
    readonly username: string,
    readonly password: string,
  ) {}

  async login(): Promise<void> {
    const res = await this.call('POST', '/api/auth/login', { username: this.username, password: this.password });
    if (res.status !== 200) throw new Error(`login ${this.username}: ${res.status} ${JSON.stringify(res.body)}`);
  }

  async call(method: string, path: string, body?: unknown, timeoutMs = 20_000): Promise<Answer> {
    const startedAt = Date.now();
    try {
      const res = await fetch(`${this.base}${path}`, {
        method,
        headers: {
          origin: this.base,
          ...(this.cookie ? { cookie: this.cookie } : {}),
          ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        },
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
        signal: AbortSignal.timeout(timeoutMs),
      });
      const text = await res.text();
      const set = res.headers.getSetCookie().find((c) => c.startsWith('dd_session='));
      if (set) this.cookie = set.split(';')[0];
      let parsed: unknown = text;
      try {
        parsed = JSON.parse(text);
      } catch {}
      return {
        status: res.status,
        contentType: res.headers.get('content-type') ?? '',
        retryAfter: res.headers.get('retry-after'),
        body: parsed,
        startedAt,
        endedAt: Date.now(),
      };
    } catch (error) {
      const e = error as Error & { cause?: { code?: string } };
      return {
        status: 0,
        contentType: '',
        retryAfter: null,
        body: null,
        startedAt,
        endedAt: Date.now(),
        error: e.cause?.code ?? e.name,
      };
    }
  }

  /** The `Content-Range` total of a list, asking for one row only. */
  async total(path: string): Promise<number> {
    const res = await fetch(
      `${this.base}${path}${path.includes('?') ? '&' : '?'}range=${encodeURIComponent('[0,0]')}`,
      {
        headers: { origin: this.base, ...(this.cookie ? { cookie: this.cookie } : {}) },
      },
    );
    if (res.status !== 200) throw new Error(`${path}: ${res.status} ${await res.text()}`);
    const range = res.headers.get('content-range') ?? '';
    return Number(range.split('/')[1]);
  }

  /** Every row of a list, a page of 500 at a time. */
  // biome-ignore lint/suspicious/noExplicitAny: list rows of any resource
  async all(resource: string, filter: object): Promise<any[]> {
    const rows = [];
    for (let start = 0; ; start += 500) {
      const q = `filter=${encodeURIComponent(JSON.stringify(filter))}&range=${encodeURIComponent(JSON.stringify([start, start + 499]))}`;
      const res = await this.call('GET', `/api/${resource}?${q}`);
      if (res.status !== 200) throw new Error(`${resource}: ${res.status} ${JSON.stringify(res.body)}`);
      rows.push(...res.body);
      if (res.body.length < 500) return rows;
    }
  }
}

/** A file's bytes: a PDF by its magic number, the rest random, so that no two uploads share storage. */
export function pdfOfSize(size: number): { bytes: Buffer; sha256: string } {
  const head = Buffer.from('%PDF-1.4\n%');
  const bytes = Buffer.concat([head, randomBytes(Math.max(0, size - head.length))]);
  return { bytes, sha256: createHash('sha256').update(bytes).digest('hex') };
}

/**
 * A multipart upload written by hand over node:http, in chunks with pauses between them: a slow client
 * whose file is still streaming into storage when the server dies. Never throws; status 0 when cut off.
 */
export function slowUpload(
  client: ApiClient,
  requestId: string,
  kind: string,
  bytes: Buffer,
  { chunkBytes, pauseMs }: { chunkBytes: number; pauseMs: () => number },
): Promise<Answer> {
  const url = new URL(client.base);
  const boundary = `----ddfault${randomBytes(8).toString('hex')}`;
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="kind"\r\n\r\n${kind}\r\n` +
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="scan.pdf"\r\nContent-Type: application/pdf\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  const startedAt = Date.now();
  return new Promise<Answer>((resolve) => {
    let settled = false;
    const finish = (a: Omit<Answer, 'startedAt' | 'endedAt'>) => {
      if (settled) return;
      settled = true;
      resolve({ ...a, startedAt, endedAt: Date.now() });
    };
    const req = http.request({
      host: url.hostname,
      port: url.port,
      method: 'POST',
      path: `/api/requests/${requestId}/documents`,
      headers: {
        origin: client.base,
        cookie: client.cookie ?? '',
        'content-type': `multipart/form-data; boundary=${boundary}`,
        'content-length': String(head.length + bytes.length + tail.length),
      },
    });
    req.setTimeout(60_000, () => req.destroy(new Error('timeout')));
    req.on('error', (error: NodeJS.ErrnoException) =>
      finish({ status: 0, contentType: '', retryAfter: null, body: null, error: error.code ?? error.message }),
    );
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('error', (error: NodeJS.ErrnoException) =>
        finish({ status: 0, contentType: '', retryAfter: null, body: null, error: error.code ?? error.message }),
      );
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let body: unknown = text;
        try {
          body = JSON.parse(text);
        } catch {}
        finish({
          status: res.statusCode ?? 0,
          contentType: String(res.headers['content-type'] ?? ''),
          retryAfter: (res.headers['retry-after'] as string | undefined) ?? null,
          body,
        });
      });
    });
    void (async () => {
      const write = (b: Buffer) =>
        new Promise<void>((done) => {
          if (settled || req.destroyed) return done();
          req.write(b, () => done());
        });
      await write(head);
      for (let at = 0; at < bytes.length && !settled && !req.destroyed; at += chunkBytes) {
        await write(bytes.subarray(at, at + chunkBytes));
        await sleep(pauseMs());
      }
      await write(tail);
      if (!settled && !req.destroyed) req.end();
    })();
  });
}
