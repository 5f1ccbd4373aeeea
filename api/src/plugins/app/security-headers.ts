import { createHash, randomBytes } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { isSecure } from '../../auth/cookies.ts';
import type { Config } from '../../config.ts';

/**
 * The browser-side defences, set on every response in one place. Content-Security-Policy comes in four
 * kinds; a route that knows what it answers sets its own before this plugin's onSend hook runs, which then
 * leaves it alone:
 * - API_CSP: JSON, problem+json, static assets and anything else that is not a page (the default here);
 * - FILE_CSP: uploaded files (the documents route), also sandboxed;
 * - uiCsp(nonce): the admin UI's index.html (static-ui), with a fresh nonce for emotion's <style> tags;
 * - DOCS_CSP: Swagger UI at /api/docs (the swagger plugin hands it to @fastify/swagger-ui).
 */

/** Nothing may be loaded, run, submitted or framed by a response that is not a page. */
export const API_CSP = "default-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/** An uploaded file opened in a tab runs as an opaque origin: no scripts, no forms, no cookies of the app. */
export const FILE_CSP = `${API_CSP}; sandbox`;

/**
 * The built admin UI: scripts, styles, fonts and API calls from this origin only. MUI's emotion caches put
 * the nonce on the <style> tags they inject (admin-ui/src/theme/emotionCaches.ts), so inline styles need no
 * 'unsafe-inline'. Images and PDFs are previewed from blob: URLs the UI makes of the fetched files.
 */
export function uiCsp(nonce: string): string {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(nonce)) throw new Error('a CSP nonce is base64');
  return [
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
  ].join('; ');
}

/**
 * The one inline <style> Swagger UI renders: the one inside its top-bar logo (an SVG React component in
 * swagger-ui-standalone-preset.js). Allowed by its hash: api/test/plugins/security-headers.test.ts checks it
 * against the installed Swagger UI, test/browser/csp.test.ts that the page shows no violation.
 */
const SWAGGER_LOGO_STYLE = '.logo_small_svg__cls-2{fill:#fff}.logo_small_svg__cls-3{fill:#85ea2d}';
const sha256 = (text: string) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;

/**
 * Swagger UI (@fastify/swagger-ui): its scripts and styles are files served from /api/docs/static, its
 * icons data: SVGs in its stylesheet; "Try it out" calls this origin.
 */
export const DOCS_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  `style-src 'self' ${sha256(SWAGGER_LOGO_STYLE)}`,
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** One year, this host and the hosts under it; sent only where the browser reached us over TLS. */
export const HSTS = 'max-age=31536000; includeSubDomains';
export const PERMISSIONS_POLICY = 'camera=(), microphone=(), geolocation=()';

/** 128 random bits, base64: a nonce for one response. */
export const newNonce = () => randomBytes(16).toString('base64');

/**
 * TLS as the browser saw it: the request came over https (behind a proxy: X-Forwarded-Proto with
 * TRUST_PROXY), or the deployment says it always runs behind TLS (SESSION_COOKIE_SECURE=true).
 */
function overTls(request: FastifyRequest, config: Config): boolean {
  return request.protocol === 'https' || isSecure(request, config);
}

function setHeaders(request: FastifyRequest, reply: FastifyReply, config: Config): void {
  if (!reply.hasHeader('Content-Security-Policy')) reply.header('Content-Security-Policy', API_CSP);
  reply.header('X-Content-Type-Options', 'nosniff');
  reply.header('Referrer-Policy', 'same-origin');
  // Obsolete next to frame-ancestors, but older browsers read only this one.
  reply.header('X-Frame-Options', 'DENY');
  reply.header('Cross-Origin-Opener-Policy', 'same-origin');
  reply.header('Cross-Origin-Resource-Policy', 'same-origin');
  reply.header('Permissions-Policy', PERMISSIONS_POLICY);
  if (overTls(request, config)) reply.header('Strict-Transport-Security', HSTS);
}

/** Registered first, so that its hook covers every route, the not-found handler and the error handler. */
export default fp(
  async (app) => {
    app.addHook('onSend', async (request, reply) => {
      setHeaders(request, reply, app.config);
    });
  },
  { name: 'security-headers' },
);
