import fp from 'fastify-plugin';
import { CountCache } from '../../lib/count-cache.ts';

declare module 'fastify' {
  interface FastifyInstance {
    /** List totals kept between writes (lib/count-cache.ts). */
    countCache: CountCache;
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * One count cache for the app. Every answered write — any method but GET/HEAD/OPTIONS that did not fail —
 * forgets the kept totals, on every route (a graduate's name change moves search totals as a stage change
 * moves queue totals). onSend runs before the answer leaves, so the caller's next list already counts afresh.
 */
export default fp(
  async (app) => {
    app.decorate('countCache', new CountCache(app.config.listCountCacheMs));
    app.addHook('onSend', async (request, reply) => {
      if (!SAFE_METHODS.has(request.method) && reply.statusCode < 400) app.countCache.invalidate();
    });
  },
  { name: 'count-cache' },
);
