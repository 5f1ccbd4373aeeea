import Type, { type Static } from 'typebox';
import { Uuid } from './common.ts';

const NullableString = (options: { description?: string } = {}) => Type.Union([Type.String(options), Type.Null()]);

/** At most 18 digits: every such number fits a bigint, where 19 digits may not (a 500 where a 400 is due). */
export const EventId = Type.String({ pattern: '^[0-9]{1,18}$', description: 'position in the hash chain' });

export const AuditEvent = Type.Object(
  {
    id: EventId,
    at: Type.String({ format: 'date-time' }),
    actorId: NullableString(),
    actorName: NullableString({ description: 'the actor’s display name now, for people to read' }),
    role: NullableString(),
    action: Type.String(),
    subjectType: Type.String(),
    subjectId: NullableString(),
    requestId: NullableString(),
    before: Type.Unknown(),
    after: Type.Unknown(),
    ip: NullableString({ description: 'shown to auditors, and to others on their own events only' }),
    userAgent: NullableString(),
    prevHash: Type.String(),
    hash: Type.String(),
  },
  { $id: 'AuditEvent' },
);
export type AuditEventDto = Static<typeof AuditEvent>;

const Action = Type.String({
  pattern: '^[A-Za-z0-9_.-]{1,100}\\*?$',
  description: 'an action, or a prefix ending in * (e.g. request.*)',
});
const Code = Type.String({ pattern: '^[a-z_]{1,50}$' });

export const AuditEventListFilter = Type.Object(
  {
    id: Type.Optional(Type.Union([EventId, Type.Array(EventId, { maxItems: 500 })])),
    actorId: Type.Optional(Uuid),
    role: Type.Optional(Type.Union([Code, Type.Array(Code, { maxItems: 10 })])),
    action: Type.Optional(Type.Union([Action, Type.Array(Action, { maxItems: 50 })])),
    subjectType: Type.Optional(Code),
    subjectId: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    requestId: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    from: Type.Optional(Type.String({ format: 'date-time' })),
    to: Type.Optional(Type.String({ format: 'date-time' })),
    q: Type.Optional(Type.String({ maxLength: 200 })),
  },
  { additionalProperties: false },
);
export type AuditEventListFilter = Static<typeof AuditEventListFilter>;
export const AUDIT_EVENT_SORTABLE = ['id', 'at'] as const;

export const ExportQuery = Type.Object(
  { filter: Type.Optional(Type.String({ maxLength: 4000 })) },
  { additionalProperties: false },
);

export const AuditVerification = Type.Object(
  {
    ok: Type.Boolean(),
    checked: Type.Integer({ description: 'events walked, up to the first broken one' }),
    firstBrokenId: Type.Optional(EventId),
    headsChecked: Type.Integer({ description: 'exported heads checked against the chain' }),
    headMismatch: Type.Optional(
      Type.Object({
        line: Type.Integer({ description: 'line of the heads file' }),
        id: Type.Union([EventId, Type.Null()]),
        reason: Type.Union(
          [
            Type.Literal('malformed'),
            Type.Literal('signature'),
            Type.Literal('no-key'),
            Type.Literal('missing'),
            Type.Literal('hash'),
          ],
          { description: 'bad line, bad signature, no key to check with, event gone, or event changed' },
        ),
      }),
    ),
  },
  { $id: 'AuditVerification' },
);
