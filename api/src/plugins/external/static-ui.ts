import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyReply } from 'fastify';
import fp from 'fastify-plugin';
import { NotFoundError } from '../../errors.ts';
import { newNonce, uiCsp } from '../app/security-headers.ts';

/**
 * What the UI build writes where the nonce goes (admin-ui/vite.config.ts, `html.cspNonce`): Vite puts it in a
 * `<meta property="csp-nonce">` and on the tags it emits; each response replaces it with a fresh nonce.
 */
export const CSP_NONCE_PLACEHOLDER = '__CSP_NONCE__';

/** Vite's build output for everything but index.html (`build.assetsDir`): file names carry a content hash. */
export const ASSETS_PREFIX = '/assets/';

/** A file whose name changes whenever its content does may be kept by any cache for good. */
export const IMMUTABLE_CACHE_CONTROL = 'public, max-age=31536000, immutable';

/** `name-<hash>.ext` as Vite writes it (8 characters of base64url), optionally with the .br/.gz beside it. */
const HASHED_NAME = /-[A-Za-z0-9_-]{8}\.[a-z0-9]+(\.(br|gz))?$/;

/**
 * Serves the built admin UI on the API's port; any non-API GET falls back to the SPA's index.html, which is
 * sent with a fresh nonce in the page and in its Content-Security-Policy each time, and revalidated on every
 * load (`no-cache`). The hashed assets are cached for a year as immutable, and sent as the `.br` or `.gz`
 * the build wrote beside each (admin-ui/vite.config.ts) when the browser accepts it. A missing asset is a
 * 404, never the page: a tab still running an older build asks for chunks that a new one no longer has.
 */
export default fp(async (app) => {
  const uiDir = app.config.uiDir;
  const indexFile = path.join(uiDir, 'index.html');
  const assetsDir = path.join(uiDir, ASSETS_PREFIX); // with its trailing separator
  const hasUi = existsSync(indexFile);
  const template = hasUi ? readFileSync(indexFile, 'utf8') : '';
  if (hasUi && !template.includes(CSP_NONCE_PLACEHOLDER)) {
    app.log.warn(`${indexFile} has no ${CSP_NONCE_PLACEHOLDER}: the UI's styles will be refused by its CSP`);
  }

  const sendIndex = (reply: FastifyReply) => {
    const nonce = newNonce();
    return reply
      .header('Cache-Control', 'no-cache')
      .header('Content-Security-Policy', uiCsp(nonce))
      .type('text/html; charset=utf-8')
      .send(template.replaceAll(CSP_NONCE_PLACEHOLDER, nonce));
  };

  if (hasUi) {
    // The assets as files; index.html never as a file, always through sendIndex. The compressed copies are
    // no routes of their own: @fastify/static picks one for the file asked for, by Accept-Encoding.
    await app.register(fastifyStatic, {
      root: uiDir,
      wildcard: false,
      index: false,
      globIgnore: ['index.html', '**/*.br', '**/*.gz'],
      preCompressed: true,
      cacheControl: false,
      setHeaders: (reply, filePath) => {
        const hashed = filePath.startsWith(assetsDir) && HASHED_NAME.test(path.basename(filePath));
        reply.header('Cache-Control', hashed ? IMMUTABLE_CACHE_CONTROL : 'no-cache');
      },
    });
    for (const url of ['/', '/index.html']) {
      app.get(url, { schema: { hide: true }, config: { public: true } }, (_request, reply) => sendIndex(reply));
    }
  }
  app.setNotFoundHandler((request, reply) => {
    const pathname = request.url.split('?')[0] ?? '';
    if (
      hasUi &&
      request.method === 'GET' &&
      !pathname.startsWith('/api/') &&
      pathname !== '/api' &&
      !pathname.startsWith(ASSETS_PREFIX)
    ) {
      return sendIndex(reply);
    }
    throw new NotFoundError(`${request.method} ${pathname}`);
  });
});
