import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import fp from 'fastify-plugin';
import { Problem } from '../../schemas/common.ts';
import { Correction, Graduate } from '../../schemas/graduates.ts';
import { RequestDetail, RequestSummary } from '../../schemas/requests.ts';
import { DOCS_CSP } from '../app/security-headers.ts';

export default fp(async (app) => {
  // Shared schemas are added at the root, so every route plugin can refer to them.
  for (const schema of [Problem, Correction, Graduate, RequestSummary, RequestDetail]) app.addSchema(schema);
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Diploma Desk API',
        version: '0.1.0',
        description:
          "The staff back office for issuing diplomas to full-time master's and PhD graduates. Errors are application/problem+json (RFC 9457). Lists follow react-admin's simple REST protocol.",
      },
      components: {
        securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'dd_session' } },
      },
      security: [{ session: [] }],
    },
    refResolver: { buildLocalReference: (json, _baseUri, _fragment, i) => String(json.$id ?? `def-${i}`) },
  });
  // Its own policy on every /api/docs response, set by the plugin's hook (security-headers.ts).
  await app.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: DOCS_CSP });
  app.get('/api/openapi.json', { schema: { hide: true }, config: { public: true } }, () => app.swagger());
});
