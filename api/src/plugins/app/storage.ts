import path from 'node:path';
import { type FileStorage, LocalFileStorage } from '@diploma-desk/db';
import fp from 'fastify-plugin';
import { sweepStorage } from '../../lib/storage-sweep.ts';

/**
 * Where uploaded documents live: `<DATA_DIR>/files`, unless whoever builds the app hands in a storage.
 * Before the app serves anything, what a crash left behind is swept away (older than FILE_SWEEP_GRACE_SECONDS).
 */
export default fp<{ storage?: FileStorage | undefined }>(async (app, { storage }) => {
  const files = storage ?? new LocalFileStorage(path.join(app.config.dataDir, 'files'));
  app.decorate('storage', files);
  const swept = await sweepStorage(app.db, files, { graceMs: app.config.fileSweepGraceMs });
  const removed = { sweptTemporaryFiles: swept.temporary, sweptOrphanFiles: swept.orphans };
  if (swept.temporary > 0 || swept.orphans.length > 0) {
    // Worth a look: each is an upload a crash (or a lost database) cut off.
    app.log.warn(removed, 'file storage: removed files left by interrupted uploads');
  }
  app.log.info({ ...removed, checkedFiles: swept.checked }, 'file storage ready');
});
