import type { Identifier } from 'react-admin';

export interface AuditEvent {
  id: Identifier;
  at: string;
  actorId: string | null;
  /** The actor's display name now, when the server can tell it. */
  actorName?: string | null;
  role: string | null;
  action: string;
  subjectType: string;
  subjectId: string | null;
  requestId: string | null;
  before: unknown;
  after: unknown;
  ip: string | null;
  userAgent: string | null;
  prevHash: string;
  hash: string;
}

export type HeadMismatchReason = 'malformed' | 'signature' | 'no-key' | 'missing' | 'hash';

export interface ChainVerification {
  ok: boolean;
  checked: number;
  firstBrokenId?: string;
  headsChecked?: number;
  headMismatch?: { line: number; id: string | null; reason: HeadMismatchReason };
}

export type AuditFilter = Record<string, unknown>;
