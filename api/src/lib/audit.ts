import { type AuditInput, appendAuditEvent, type Database } from '@diploma-desk/db';
import type { FastifyRequest } from 'fastify';
import type { Transaction } from 'kysely';

type EventFields = Omit<AuditInput, 'actorId' | 'role' | 'ip' | 'userAgent' | 'at'>;

/** Appends an event for this request's actor, inside the transaction of the change it records. */
export function audit(trx: Transaction<Database>, request: FastifyRequest, event: EventFields) {
  return appendAuditEvent(trx, {
    actorId: request.user?.id ?? null,
    role: request.user?.role ?? null,
    ip: request.ip,
    userAgent: request.headers['user-agent']?.slice(0, 512) ?? null,
    ...event,
  });
}
