import path from 'node:path';
import {
  AUDIT_HEADS_FILE,
  type AuditVerification,
  appendAuditHead,
  currentAuditHead,
  loadAuditHeadKey,
  type SignedAuditHead,
  signAuditHead,
  verifyAudit,
} from '@diploma-desk/db';
import fp from 'fastify-plugin';

export interface AuditHeads {
  /** Signs the chain's head and appends it to `<dataDir>/audit-heads.jsonl` and the log; unless unchanged. */
  exportHead(): Promise<SignedAuditHead | undefined>;
  /** Walks the chain in pages and checks every exported head against it. */
  verify(): Promise<AuditVerification>;
}

/**
 * Exports the audit chain's head every AUDIT_HEAD_INTERVAL_SECONDS (and on shutdown), so that a rewrite of
 * the whole chain by someone with full database rights is caught against heads kept outside the database.
 */
export default fp(async (app) => {
  const { dataDir, audit } = app.config;
  const file = path.join(dataDir, AUDIT_HEADS_FILE);
  let exported: string | undefined;

  const heads: AuditHeads = {
    async exportHead() {
      const head = await currentAuditHead(app.db);
      if (!head || exported === `${head.id}:${head.hash}`) return undefined;
      const key = await loadAuditHeadKey(dataDir, audit.headKey, true);
      const signed = signAuditHead(key, {
        id: head.id,
        hash: head.hash,
        at: head.at.toISOString(),
        exportedAt: new Date().toISOString(),
      });
      await appendAuditHead(file, signed);
      exported = `${head.id}:${head.hash}`;
      app.log.info({ auditHead: signed }, 'audit chain head');
      return signed;
    },
    async verify() {
      return verifyAudit(app.db, { file, key: await loadAuditHeadKey(dataDir, audit.headKey, false) });
    },
  };
  app.decorate('auditHeads', heads);

  if (audit.headIntervalMs <= 0) return;
  let running: Promise<unknown> = Promise.resolve();
  const tick = () => {
    running = running
      .then(() => heads.exportHead())
      .catch((err: unknown) => app.log.error({ err }, 'audit chain head export failed'));
    return running;
  };
  const timer = setInterval(tick, audit.headIntervalMs);
  timer.unref();
  app.addHook('onReady', async () => {
    void tick();
  });
  app.addHook('onClose', async () => {
    clearInterval(timer);
    await tick();
  });
});
