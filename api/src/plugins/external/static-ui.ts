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

/**
 * Serves the built admin UI on the API's port; any non-API GET falls back to the SPA's index.html, which is
 * sent with a fresh nonce in the page and in its Content-Security-Policy each time.
 */
export default fp(async (app) => {
  const uiDir = app.config.uiDir;
  const indexFile = path.join(uiDir, 'index.html');
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
    // The assets as files; index.html never as a file, always through sendIndex.
    await app.register(fastifyStatic, {
      root: uiDir,
      wildcard: false,
      index: false,
      globIgnore: ['index.html'],
      maxAge: '1h',
    });
    for (const url of ['/', '/index.html']) {
      app.get(url, { schema: { hide: true }, config: { public: true } }, (_request, reply) => sendIndex(reply));
    }
  }
  app.setNotFoundHandler((request, reply) => {
    const pathname = request.url.split('?')[0] ?? '';
    if (hasUi && request.method === 'GET' && !pathname.startsWith('/api/') && pathname !== '/api') {
      return sendIndex(reply);
    }
    throw new NotFoundError(`${request.method} ${pathname}`);
  });
});
