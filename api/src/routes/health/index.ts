import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { sql } from 'kysely';
import Type from 'typebox';
import { ServiceUnavailableError } from '../../errors.ts';
import { problemResponses } from '../../schemas/common.ts';

const health: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/health',
    {
      config: { public: true },
      schema: {
        tags: ['health'],
        summary: 'Whether the API and its database answer',
        security: [],
        response: { 200: Type.Object({ ok: Type.Literal(true) }), ...problemResponses(503) },
      },
    },
    async () => {
      try {
        await sql`SELECT 1`.execute(app.db);
      } catch {
        throw new ServiceUnavailableError();
      }
      return { ok: true as const };
    },
  );
};

export default health;
