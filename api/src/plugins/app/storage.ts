import path from 'node:path';
import { type FileStorage, LocalFileStorage } from '@diploma-desk/db';
import fp from 'fastify-plugin';

/** Where uploaded documents live: `<DATA_DIR>/files`, unless whoever builds the app hands in a storage. */
export default fp<{ storage?: FileStorage | undefined }>(async (app, { storage }) => {
  const files = storage ?? new LocalFileStorage(path.join(app.config.dataDir, 'files'));
  app.decorate('storage', files);
  // Uploads that a crash interrupted leave temporary files; none can be in flight before the app starts.
  const swept = await files.sweepTemporary();
  app.log.info({ sweptTemporaryFiles: swept }, 'file storage ready');
});
