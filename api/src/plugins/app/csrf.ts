import fp from 'fastify-plugin';
import { hasSessionCookie } from '../../auth/cookies.ts';
import { CsrfError } from '../../errors.ts';

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * State-changing requests from a browser must carry this application's own Origin. Browsers always send
 * Origin on such requests; a script without a session cookie (and so without ambient authority) may omit it.
 */
export default fp(async (app) => {
  app.addHook('onRequest', async (request) => {
    if (SAFE.has(request.method)) return;
    const expected = app.config.publicOrigin ?? `${request.protocol}://${request.host}`;
    const origin = request.headers.origin;
    if (origin !== undefined) {
      if (origin !== expected) throw new CsrfError();
      return;
    }
    const site = request.headers['sec-fetch-site'];
    if (site !== undefined && site !== 'same-origin' && site !== 'none') throw new CsrfError();
    if (hasSessionCookie(request)) throw new CsrfError();
  });
});
