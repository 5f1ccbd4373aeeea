import { type AuditInput, appendAuditEvent, appendAuditEvents, type Database } from '@diploma-desk/db';
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

/**
 * Appends one event per record a bulk change touched, for this request's actor, in the transaction of the
 * change, under one chain lock (appendAuditEvents).
 */
export function auditEach(trx: Transaction<Database>, request: FastifyRequest, events: readonly EventFields[]) {
  const actor = {
    actorId: request.user?.id ?? null,
    role: request.user?.role ?? null,
    ip: request.ip,
    userAgent: request.headers['user-agent']?.slice(0, 512) ?? null,
  };
  return appendAuditEvents(
    trx,
    events.map((event) => ({ ...actor, ...event })),
  );
}
