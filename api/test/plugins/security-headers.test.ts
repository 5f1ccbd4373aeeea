import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DEMO_PASSWORD } from '@diploma-desk/db';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_CSP, DOCS_CSP, FILE_CSP, HSTS, uiCsp } from '../../src/plugins/app/security-headers.ts';
import { CSP_NONCE_PLACEHOLDER } from '../../src/plugins/external/static-ui.ts';
import { createGraduate, pdfBytes, uploadBody } from '../fixtures.ts';
import { createTestApp, type TestApp } from '../helpers.ts';

/**
 * The browser-side defences on every kind of response: JSON, problem+json (from a route, the not-found
 * handler, a hook and validation), uploaded files, the admin UI's page and assets, and Swagger UI. Test names
 * carry the OWASP ASVS 5.0 requirement they check. That the built UI and Swagger UI run under these
 * policies without a violation is test/browser/csp.test.ts.
 */

const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);

/** An index.html as `vite build` writes it with html.cspNonce (admin-ui/vite.config.ts). */
const INDEX_HTML = `<!doctype html>
<html lang="fa" dir="rtl">
  <head>
    <meta charset="UTF-8" />
    <title>میز دانشنامه</title>
    <meta property="csp-nonce" nonce="${CSP_NONCE_PLACEHOLDER}">
    <script type="module" crossorigin src="/assets/index-abc.js" nonce="${CSP_NONCE_PLACEHOLDER}"></script>
    <link rel="stylesheet" crossorigin href="/assets/index-abc.css" nonce="${CSP_NONCE_PLACEHOLDER}">
  </head>
  <body><div id="root"></div></body>
</html>
`;

type Kind = 'api' | 'file' | 'ui' | 'docs';

let h: TestApp;
let uiDir: string;
let admin: string;
const responses: Array<{ name: string; kind: Kind; res: LightMyRequestResponse }> = [];

beforeAll(async () => {
  uiDir = await mkdtemp(path.join(tmpdir(), 'dd-ui-'));
  await mkdir(path.join(uiDir, 'assets'));
  await writeFile(path.join(uiDir, 'index.html'), INDEX_HTML);
  await writeFile(path.join(uiDir, 'assets', 'index-abc.js'), 'console.log("app");\n');
  await writeFile(path.join(uiDir, 'assets', 'index-abc.css'), 'body { margin: 0; }\n');
  h = await createTestApp({ UI_DIR: uiDir });
  admin = await h.login('admin');
  const office = await h.login('graduate.office');
  const graduate = await createGraduate(h, office, admin);
  const request = await h.call(graduate.cookie, { method: 'POST', url: '/api/requests', payload: {} });
  expect(request.statusCode).toBe(201);
  const requestId = request.json().id as string;
  const upload = async (kind: string, data: Buffer, name: string, type: string) => {
    const res = await h.call(graduate.cookie, {
      method: 'POST',
      url: `/api/requests/${requestId}/documents`,
      ...uploadBody(kind, data, name, type),
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json().id as string;
  };
  const pdfId = await upload('cancellation_sheet', pdfBytes(), 'sheet.pdf', 'application/pdf');
  const pngId = await upload('lower_degree_diploma', PNG, 'diploma.png', 'image/png');

  const get = (url: string, cookie?: string) => h.call(cookie, { method: 'GET', url });
  const add = async (name: string, kind: Kind, res: Promise<LightMyRequestResponse>) =>
    responses.push({ name, kind, res: await res });
  await add('JSON: GET /api/health', 'api', get('/api/health'));
  await add('JSON: GET /api/auth/session', 'api', get('/api/auth/session', admin));
  await add(
    'JSON: POST /api/auth/login',
    'api',
    h.call(undefined, {
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'auditor', password: DEMO_PASSWORD },
    }),
  );
  await add('JSON: GET /api/openapi.json', 'api', get('/api/openapi.json'));
  await add('problem 401: no session', 'api', get('/api/auth/session'));
  await add('problem 404: unknown API route', 'api', get('/api/no-such-thing', admin));
  await add('problem 404: unknown API method', 'api', h.call(admin, { method: 'PATCH', url: '/api/health' }));
  await add(
    'problem 403: CSRF refused in a hook',
    'api',
    h.app.inject({
      method: 'POST',
      url: '/api/auth/logout',
      headers: { host: 'localhost:80', origin: 'https://evil.example', cookie: admin },
    }),
  );
  await add('problem 400: validation', 'api', h.call(admin, { method: 'POST', url: '/api/users', payload: {} }));
  await add('file: PDF', 'file', get(`/api/documents/${pdfId}/file`, graduate.cookie));
  await add('file: PNG', 'file', get(`/api/documents/${pngId}/file`, office));
  await add('file: HEAD', 'file', h.call(office, { method: 'HEAD', url: `/api/documents/${pdfId}/file` }));
  await add('UI: GET /', 'ui', get('/'));
  await add('UI: GET /index.html', 'ui', get('/index.html'));
  await add('UI: SPA fallback GET /requests/123/show', 'ui', get('/requests/123/show'));
  await add('UI asset: GET /assets/index-abc.js', 'api', get('/assets/index-abc.js'));
  await add('UI asset: GET /assets/index-abc.css', 'api', get('/assets/index-abc.css'));
  await add('docs: GET /api/docs/', 'docs', get('/api/docs/'));
  await add('docs: GET /api/docs/static/swagger-ui.css', 'docs', get('/api/docs/static/swagger-ui.css'));
  await add('docs: GET /api/docs/json', 'docs', get('/api/docs/json'));
});

afterAll(async () => {
  await h?.close();
  await rm(uiDir, { recursive: true, force: true });
});

/** A policy as a map of directive → source list. */
function parseCsp(header: string | string[] | number | undefined): Map<string, string[]> {
  expect(typeof header).toBe('string');
  const policy = new Map<string, string[]>();
  for (const part of String(header).split(';')) {
    const [name, ...sources] = part.trim().split(/\s+/);
    if (name) policy.set(name.toLowerCase(), sources);
  }
  return policy;
}

/** What a fetch directive allows: its own sources, else default-src's (CSP Level 3, § 6.8.3). */
const effective = (policy: Map<string, string[]>, directive: string) =>
  policy.get(directive) ?? policy.get('default-src');

const nonceOf = (res: LightMyRequestResponse) =>
  /'nonce-([A-Za-z0-9+/]+={0,2})'/.exec(String(res.headers['content-security-policy']))?.[1];

const named = (kinds: Kind[]) => responses.filter((r) => kinds.includes(r.kind)).map((r) => r.name);
const response = (name: string) => responses.find((r) => r.name === name)!;

describe('every response', () => {
  // The names are known only once beforeAll has run, so each test walks the whole list.
  it('covers JSON, problem+json, files, the UI and the docs', () => {
    expect(responses).toHaveLength(20);
    expect(new Set(responses.map((r) => r.kind))).toEqual(new Set(['api', 'file', 'ui', 'docs']));
    for (const { name, res } of responses) {
      expect(res.statusCode, name).toBeLessThan(500);
    }
    expect(response('problem 401: no session').res.statusCode).toBe(401);
    expect(response('problem 403: CSRF refused in a hook').res.json().type).toBe('/api/problems/csrf-rejected');
    expect(response('problem 400: validation').res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response('file: PNG').res.headers['content-type']).toBe('image/png');
  });

  it("ASVS 3.4.3: has a Content-Security-Policy in which objects and <base> are 'none' and nothing is 'unsafe-'", () => {
    for (const { name, res } of responses) {
      const policy = parseCsp(res.headers['content-security-policy']);
      expect(effective(policy, 'object-src'), name).toEqual(["'none'"]);
      expect(policy.get('base-uri'), name).toEqual(["'none'"]);
      expect(effective(policy, 'script-src'), name).not.toContain("'unsafe-inline'");
      expect(String(res.headers['content-security-policy']), name).not.toMatch(/unsafe-|\*/);
    }
  });

  it("ASVS 3.4.6: forbids framing with frame-ancestors 'none' (and the obsolete X-Frame-Options: DENY)", () => {
    for (const { name, res } of responses) {
      expect(parseCsp(res.headers['content-security-policy']).get('frame-ancestors'), name).toEqual(["'none'"]);
      expect(res.headers['x-frame-options'], name).toBe('DENY');
    }
  });

  it('ASVS 3.4.4: has X-Content-Type-Options: nosniff', () => {
    for (const { name, res } of responses) expect(res.headers['x-content-type-options'], name).toBe('nosniff');
  });

  it('ASVS 3.4.5: has Referrer-Policy: same-origin, so that no URL leaves for another site', () => {
    for (const { name, res } of responses) expect(res.headers['referrer-policy'], name).toBe('same-origin');
  });

  it('ASVS 3.4.8: has Cross-Origin-Opener-Policy: same-origin, the pages that render a document included', () => {
    const pages = responses.filter(({ res }) => String(res.headers['content-type']).startsWith('text/html'));
    expect(pages.map((r) => r.kind)).toEqual(['ui', 'ui', 'ui', 'docs']);
    for (const { name, res } of responses) {
      expect(res.headers['cross-origin-opener-policy'], name).toBe('same-origin');
    }
  });

  it('ASVS 3.5.8: has Cross-Origin-Resource-Policy: same-origin, so no other site can embed what a session sees', () => {
    for (const { name, res } of responses) {
      expect(res.headers['cross-origin-resource-policy'], name).toBe('same-origin');
    }
  });

  it('turns off camera, microphone and geolocation with Permissions-Policy', () => {
    for (const { name, res } of responses) {
      expect(res.headers['permissions-policy'], name).toBe('camera=(), microphone=(), geolocation=()');
    }
  });

  it('ASVS 3.4.1: has no Strict-Transport-Security over plain HTTP (browsers ignore it there)', () => {
    for (const { name, res } of responses) expect(res.headers['strict-transport-security'], name).toBeUndefined();
  });
});

describe('the policy of each kind of response', () => {
  it("ASVS 3.4.3: JSON, problems and assets may load nothing: default-src 'none'", () => {
    expect(API_CSP).toBe("default-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'");
    for (const name of named(['api']))
      expect(response(name).res.headers['content-security-policy'], name).toBe(API_CSP);
  });

  it('ASVS 3.2.1: uploaded files are sandboxed, whatever their type, and carry nosniff and their real type', () => {
    expect(FILE_CSP).toBe(`${API_CSP}; sandbox`);
    for (const name of named(['file'])) {
      const { res } = response(name);
      expect(res.headers['content-security-policy'], name).toBe(FILE_CSP);
      expect(parseCsp(res.headers['content-security-policy']).get('sandbox'), name).toEqual([]);
      expect(res.headers['content-type'], name).toMatch(/^(application\/pdf|image\/png)$/);
    }
  });

  it("ASVS 3.4.3 (L3): the UI page has a per-response nonce for styles, and scripts from 'self' only", () => {
    for (const name of named(['ui'])) {
      const { res } = response(name);
      const nonce = nonceOf(res);
      expect(nonce, name).toMatch(/^[A-Za-z0-9+/]{22}==$/);
      expect(res.headers['content-security-policy'], name).toBe(
        [
          "default-src 'self'",
          "script-src 'self'",
          `style-src 'self' 'nonce-${nonce}'`,
          "img-src 'self' blob: data:",
          "font-src 'self'",
          "connect-src 'self'",
          "frame-src 'self' blob:",
          "object-src 'none'",
          "base-uri 'none'",
          "form-action 'self'",
          "frame-ancestors 'none'",
        ].join('; '),
      );
      expect(res.headers['content-security-policy']).toBe(uiCsp(nonce!));
      expect(res.headers['content-type'], name).toBe('text/html; charset=utf-8');
      expect(res.headers['cache-control'], name).toBe('no-cache');
    }
  });

  it('ASVS 3.4.3 (L3): each page load gets a fresh nonce, and the page carries the nonce of its own policy', async () => {
    const loads = await Promise.all(
      Array.from({ length: 20 }, (_, i) => h.call(undefined, { method: 'GET', url: i % 2 ? '/' : '/graduates' })),
    );
    const nonces = loads.map(nonceOf);
    expect(new Set(nonces).size).toBe(loads.length);
    for (const [i, res] of loads.entries()) {
      expect(res.body).not.toContain(CSP_NONCE_PLACEHOLDER);
      // The meta tag emotion reads, and the tags Vite wrote: all with this response's nonce.
      expect(res.body.match(/nonce="[^"]*"/g)).toEqual(Array(3).fill(`nonce="${nonces[i]}"`));
      expect(res.body).toContain(`<meta property="csp-nonce" nonce="${nonces[i]}">`);
    }
  });

  it('ASVS 3.4.3: the UI page is never served as a plain file, with the placeholder in it', async () => {
    for (const method of ['GET', 'HEAD'] as const) {
      for (const url of ['/', '/index.html', '/index.html?x=1', '/a/b/c']) {
        const res = await h.call(undefined, { method, url });
        expect(res.statusCode, `${method} ${url}`).toBe(method === 'HEAD' && url === '/a/b/c' ? 404 : 200);
        if (res.statusCode !== 200) continue;
        expect(res.body, `${method} ${url}`).not.toContain(CSP_NONCE_PLACEHOLDER);
        expect(nonceOf(res), `${method} ${url}`).toBeDefined();
      }
    }
  });

  it('ASVS 3.4.3: Swagger UI gets its own policy, which allows its one inline <style> by hash and nothing else inline', async () => {
    for (const name of named(['docs'])) {
      expect(response(name).res.headers['content-security-policy'], name).toBe(DOCS_CSP);
    }
    // Every inline <style> the installed Swagger UI renders (React elements in the scripts its page loads)
    // is allowed by its hash.
    const require = createRequire(import.meta.url);
    const staticDir = path.join(path.dirname(require.resolve('@fastify/swagger-ui/package.json')), 'static');
    const scripts = ['swagger-ui-bundle.js', 'swagger-ui-standalone-preset.js'];
    expect(response('docs: GET /api/docs/').res.body).toContain(scripts[1]);
    const code = (await Promise.all(scripts.map((file) => readFile(path.join(staticDir, file), 'utf8')))).join('\n');
    const inline = [...code.matchAll(/createElement\("style",null,"([^"]*)"\)/g)].map((m) => m[1]!);
    expect(inline.length).toBeGreaterThan(0);
    const styleSrc = parseCsp(DOCS_CSP).get('style-src')!;
    const hashes = inline.map((css) => `'sha256-${createHash('sha256').update(css).digest('base64')}'`);
    expect(styleSrc).toEqual(["'self'", ...new Set(hashes)]);
    expect(parseCsp(DOCS_CSP).get('script-src')).toEqual(["'self'"]);
  });
});

describe('ASVS 3.4.1: Strict-Transport-Security', () => {
  let proxied: TestApp;
  let alwaysTls: TestApp;
  beforeAll(async () => {
    proxied = await createTestApp({ TRUST_PROXY: 'true' });
    alwaysTls = await createTestApp({ SESSION_COOKIE_SECURE: 'true' });
  });
  afterAll(async () => {
    await proxied?.close();
    await alwaysTls?.close();
  });

  const https = { 'x-forwarded-proto': 'https', origin: 'https://localhost' };

  it('is sent for a year, subdomains included, on every response that came over TLS through a trusted proxy', async () => {
    expect(HSTS).toBe('max-age=31536000; includeSubDomains');
    const maxAge = Number(/max-age=(\d+)/.exec(HSTS)?.[1]);
    expect(maxAge).toBeGreaterThanOrEqual(365 * 24 * 3600);
    for (const [method, url] of [
      ['GET', '/api/health'],
      ['GET', '/api/auth/session'],
      ['GET', '/api/no-such-thing'],
      ['GET', '/api/docs/'],
      ['POST', '/api/auth/logout'],
    ] as const) {
      const res = await proxied.app.inject({ method, url, headers: { host: 'localhost', ...https } });
      expect(res.headers['strict-transport-security'], `${method} ${url}`).toBe(HSTS);
    }
  });

  it('is not sent over plain HTTP, nor on an X-Forwarded-Proto the app does not trust', async () => {
    const plain = await proxied.call(undefined, { method: 'GET', url: '/api/health' });
    expect(plain.headers['strict-transport-security']).toBeUndefined();
    const untrusted = await h.app.inject({
      method: 'GET',
      url: '/api/health',
      headers: { host: 'localhost', ...https },
    });
    expect(untrusted.headers['strict-transport-security']).toBeUndefined();
  });

  it('is sent when the deployment says it always runs behind TLS (SESSION_COOKIE_SECURE=true)', async () => {
    for (const url of ['/api/health', '/api/auth/session', '/api/no-such-thing']) {
      const res = await alwaysTls.call(undefined, { method: 'GET', url });
      expect(res.headers['strict-transport-security'], url).toBe(HSTS);
    }
  });
});

describe('the API prefix', () => {
  it('never falls back to the UI page: an unknown API path is a problem with the API policy', async () => {
    for (const url of ['/api', '/api/', '/api/nothing/here']) {
      const res = await h.call(undefined, { method: 'GET', url });
      expect(res.statusCode, url).toBe(404);
      expect(res.headers['content-type'], url).toMatch(/^application\/problem\+json/);
      expect(res.headers['content-security-policy'], url).toBe(API_CSP);
    }
  });
});
