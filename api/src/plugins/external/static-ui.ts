import { existsSync } from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import fp from 'fastify-plugin';
import { NotFoundError } from '../../errors.ts';

/** Serves the built admin UI on the API's port; any non-API GET falls back to the SPA's index.html. */
export default fp(async (app) => {
  const uiDir = app.config.uiDir;
  const hasUi = existsSync(path.join(uiDir, 'index.html'));
  if (hasUi) {
    await app.register(fastifyStatic, { root: uiDir, wildcard: false, index: 'index.html', maxAge: '1h' });
  }
  app.setNotFoundHandler((request, reply) => {
    const pathname = request.url.split('?')[0] ?? '';
    if (hasUi && request.method === 'GET' && !pathname.startsWith('/api/') && pathname !== '/api') {
      return reply.header('Cache-Control', 'no-cache').sendFile('index.html');
    }
    throw new NotFoundError(`${request.method} ${pathname}`);
  });
});
