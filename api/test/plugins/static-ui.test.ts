import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_CSP } from '../../src/plugins/app/security-headers.ts';
import { CSP_NONCE_PLACEHOLDER, IMMUTABLE_CACHE_CONTROL } from '../../src/plugins/external/static-ui.ts';
import { createTestApp, type TestApp } from '../helpers.ts';

/**
 * How the API serves the built admin UI (api/src/plugins/external/static-ui.ts, issue 6 part 3): the hashed
 * assets as the .br or .gz the build wrote beside them (admin-ui/vite.config.ts) when the browser accepts one,
 * cached for a year as immutable; index.html with a fresh nonce and `no-cache`; a missing asset a 404, not
 * the page (a tab of an older release asks for chunks that are gone). The security headers of these
 * responses are test/plugins/security-headers.test.ts.
 */

const INDEX_HTML = `<!doctype html>
<html lang="fa" dir="rtl">
  <head>
    <meta property="csp-nonce" nonce="${CSP_NONCE_PLACEHOLDER}">
    <script type="module" crossorigin src="/assets/index-AbCd12_-.js" nonce="${CSP_NONCE_PLACEHOLDER}"></script>
  </head>
  <body><div id="root"></div></body>
</html>
`;

/** A script large enough to be worth compressing, as the build writes one. */
const SCRIPT = Buffer.from(
  Array.from({ length: 200 }, (_, i) => `export const message${i} = 'پیام شماره ${i} برای میز دانشنامه';\n`).join(''),
);
const STYLE = Buffer.from(Array.from({ length: 100 }, (_, i) => `.c${i} { margin: ${i}px; }\n`).join(''));
const SMALL = Buffer.from('export const x = 1;\n');

const files: Record<string, Buffer> = {
  'index.html': Buffer.from(INDEX_HTML),
  // Brotli and gzip copies, as the build writes them for a chunk.
  'assets/index-AbCd12_-.js': SCRIPT,
  'assets/index-AbCd12_-.js.br': brotliCompressSync(SCRIPT),
  'assets/index-AbCd12_-.js.gz': gzipSync(SCRIPT, { level: 9 }),
  // Only a gzip copy.
  'assets/theme-Zz9y8X7w.css': STYLE,
  'assets/theme-Zz9y8X7w.css.gz': gzipSync(STYLE, { level: 9 }),
  // Too small to be given copies.
  'assets/tiny-Q1w2E3r4.js': SMALL,
  // Not named by a content hash, though under assets/.
  'assets/unhashed.js': SMALL,
  // Beside index.html, not hashed.
  'robots.txt': Buffer.from('User-agent: *\nDisallow: /\n'),
};

let h: TestApp;
let uiDir: string;

beforeAll(async () => {
  uiDir = await mkdtemp(path.join(tmpdir(), 'dd-ui-static-'));
  await mkdir(path.join(uiDir, 'assets'));
  for (const [name, data] of Object.entries(files)) await writeFile(path.join(uiDir, name), data);
  h = await createTestApp({ UI_DIR: uiDir });
});

afterAll(async () => {
  await h?.close();
  await rm(uiDir, { recursive: true, force: true });
});

const get = (url: string, acceptEncoding?: string, method: 'GET' | 'HEAD' = 'GET') =>
  h.app.inject({ method, url, headers: acceptEncoding === undefined ? {} : { 'accept-encoding': acceptEncoding } });

/** The body as the browser sees it once it has undone the Content-Encoding. */
function decoded(res: LightMyRequestResponse): Buffer {
  const raw = res.rawPayload;
  switch (res.headers['content-encoding']) {
    case 'br':
      return brotliDecompressSync(raw);
    case 'gzip':
      return gunzipSync(raw);
    case undefined:
      return raw;
    default:
      throw new Error(`unexpected Content-Encoding ${res.headers['content-encoding']}`);
  }
}

const varies = (res: LightMyRequestResponse) =>
  String(res.headers.vary ?? '')
    .toLowerCase()
    .split(/\s*,\s*/);

describe('hashed assets', () => {
  it('are sent as the brotli copy to a browser that accepts br, byte for byte, with their own type', async () => {
    const res = await get('/assets/index-AbCd12_-.js', 'gzip, deflate, br, zstd');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-encoding']).toBe('br');
    expect(res.rawPayload.equals(files['assets/index-AbCd12_-.js.br']!)).toBe(true);
    expect(Number(res.headers['content-length'])).toBe(files['assets/index-AbCd12_-.js.br']!.length);
    expect(decoded(res).equals(SCRIPT)).toBe(true);
    expect(res.headers['content-type']).toMatch(/^text\/javascript|^application\/javascript/);
    expect(varies(res)).toContain('accept-encoding');
  });

  it('are sent as the gzip copy to a browser that accepts only gzip', async () => {
    const res = await get('/assets/index-AbCd12_-.js', 'gzip');
    expect(res.headers['content-encoding']).toBe('gzip');
    expect(res.rawPayload.equals(files['assets/index-AbCd12_-.js.gz']!)).toBe(true);
    expect(decoded(res).equals(SCRIPT)).toBe(true);
  });

  it("follow the browser's preference when it states one with q-values", async () => {
    const res = await get('/assets/index-AbCd12_-.js', 'br;q=0.5, gzip;q=1');
    expect(res.headers['content-encoding']).toBe('gzip');
  });

  it('are sent as they are to a client that accepts no encoding, or refuses every one it could get', async () => {
    for (const accept of [undefined, 'identity', 'zstd', 'br;q=0, gzip;q=0']) {
      const res = await get('/assets/index-AbCd12_-.js', accept);
      expect(res.statusCode, String(accept)).toBe(200);
      expect(res.headers['content-encoding'], String(accept)).toBeUndefined();
      expect(res.rawPayload.equals(SCRIPT), String(accept)).toBe(true);
      // The answer depends on Accept-Encoding even when it is the plain file: a shared cache must not hand
      // it to a browser that would have got the brotli copy.
      expect(varies(res), String(accept)).toContain('accept-encoding');
    }
  });

  it('fall back to the gzip copy when there is no brotli one, and to the file when there is neither', async () => {
    const css = await get('/assets/theme-Zz9y8X7w.css', 'br, gzip');
    expect(css.headers['content-encoding']).toBe('gzip');
    expect(decoded(css).equals(STYLE)).toBe(true);
    expect(css.headers['content-type']).toMatch(/^text\/css/);
    const tiny = await get('/assets/tiny-Q1w2E3r4.js', 'br, gzip');
    expect(tiny.statusCode).toBe(200);
    expect(tiny.headers['content-encoding']).toBeUndefined();
    expect(tiny.rawPayload.equals(SMALL)).toBe(true);
  });

  it('are cached for a year as immutable, whichever copy is sent, and to HEAD too', async () => {
    const answers = await Promise.all([
      get('/assets/index-AbCd12_-.js', 'br'),
      get('/assets/index-AbCd12_-.js', 'gzip'),
      get('/assets/index-AbCd12_-.js'),
      get('/assets/theme-Zz9y8X7w.css', 'br, gzip'),
      get('/assets/tiny-Q1w2E3r4.js', 'br'),
      get('/assets/index-AbCd12_-.js', 'br', 'HEAD'),
    ]);
    for (const res of answers) {
      expect(res.statusCode).toBe(200);
      expect(res.headers['cache-control']).toBe(IMMUTABLE_CACHE_CONTROL);
    }
    expect(IMMUTABLE_CACHE_CONTROL).toBe('public, max-age=31536000, immutable');
  });

  it('keep the API policy and nosniff, compressed or not', async () => {
    for (const accept of ['br', undefined]) {
      const res = await get('/assets/index-AbCd12_-.js', accept);
      expect(res.headers['content-security-policy']).toBe(API_CSP);
      expect(res.headers['x-content-type-options']).toBe('nosniff');
    }
  });
});

describe('what is not a hashed asset', () => {
  it('is revalidated on every use (no-cache): a file whose name does not change with its content', async () => {
    for (const url of ['/assets/unhashed.js', '/robots.txt']) {
      const res = await get(url, 'br, gzip');
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['cache-control'], url).toBe('no-cache');
    }
  });

  it('index.html is sent with a fresh nonce, never from a file or a compressed copy, and revalidated each time', async () => {
    for (const url of ['/', '/index.html', '/requests/123/show']) {
      const res = await get(url, 'br, gzip');
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['content-type'], url).toBe('text/html; charset=utf-8');
      expect(res.headers['content-encoding'], url).toBeUndefined();
      expect(res.headers['cache-control'], url).toBe('no-cache');
      expect(res.body, url).not.toContain(CSP_NONCE_PLACEHOLDER);
      const nonce = /nonce="([^"]+)"/.exec(res.body)?.[1];
      expect(res.headers['content-security-policy'], url).toContain(`'nonce-${nonce}'`);
    }
  });
});

describe('a missing asset', () => {
  it('is a 404 problem, not the page: a tab of an older release asks for chunks that are gone', async () => {
    for (const url of ['/assets/RequestList-0ldH4sh1.js', '/assets/', '/assets/nested/x-AbCd12_-.js']) {
      const res = await get(url, 'br, gzip');
      expect(res.statusCode, url).toBe(404);
      expect(res.headers['content-type'], url).toMatch(/^application\/problem\+json/);
      expect(res.body, url).not.toContain('<html');
    }
  });

  it('includes the compressed copies themselves: they are chosen by Accept-Encoding, not asked for', async () => {
    for (const url of ['/assets/index-AbCd12_-.js.br', '/assets/index-AbCd12_-.js.gz']) {
      const res = await get(url, 'br, gzip');
      expect(res.statusCode, url).toBe(404);
    }
  });

  it('leaves the SPA fallback for every other path, as before', async () => {
    for (const url of ['/users', '/assetsX/y.js', '/audit-events/12/show']) {
      const res = await get(url);
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['content-type'], url).toBe('text/html; charset=utf-8');
    }
  });
});
