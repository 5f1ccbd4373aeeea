import multipart from '@fastify/multipart';
import fp from 'fastify-plugin';

/** Upload limits are set here once; routes stream the one file part and check truncation and type. */
export default fp(async (app) => {
  await app.register(multipart, {
    limits: {
      fileSize: app.config.uploadMaxBytes,
      files: 1,
      fields: 5,
      fieldSize: 1024,
      parts: 8,
      headerPairs: 100,
    },
  });
});
