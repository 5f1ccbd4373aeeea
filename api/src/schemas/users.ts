import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH, ROLES } from '@diploma-desk/db';
import Type, { type Static } from 'typebox';
import { HumanText, Uuid } from './common.ts';

export const RoleSchema = Type.Union(
  [
    Type.Literal('admin'),
    Type.Literal('graduate_officer'),
    Type.Literal('free_education_officer'),
    Type.Literal('welfare_officer'),
    Type.Literal('auditor'),
    Type.Literal('graduate'),
  ],
  { description: `One of: ${ROLES.join(', ')}` },
);

export const Username = Type.String({
  minLength: 3,
  maxLength: 64,
  pattern: '^[a-z0-9][a-z0-9._-]*$',
  description: 'lower-case letters, digits, dot, dash, underscore',
});

export const Password = Type.String({ minLength: PASSWORD_MIN_LENGTH, maxLength: PASSWORD_MAX_LENGTH });

export const User = Type.Object(
  {
    id: Uuid,
    username: Type.String(),
    displayName: Type.String(),
    role: RoleSchema,
    graduateId: Type.Union([Uuid, Type.Null()]),
    active: Type.Boolean(),
    version: Type.Integer(),
    createdAt: Type.String({ format: 'date-time' }),
    updatedAt: Type.String({ format: 'date-time' }),
    passwordChangedAt: Type.String({ format: 'date-time' }),
  },
  { $id: 'User' },
);
export type UserDto = Static<typeof User>;

export const SessionUser = Type.Object(
  {
    id: Uuid,
    username: Type.String(),
    displayName: Type.String(),
    role: RoleSchema,
    graduateId: Type.Union([Uuid, Type.Null()]),
  },
  { $id: 'SessionUser' },
);

export const CreateUserBody = Type.Object(
  {
    username: Username,
    password: Password,
    role: RoleSchema,
    displayName: HumanText(200),
    graduateId: Type.Optional(Type.Union([Uuid, Type.Null()])),
  },
  { additionalProperties: false },
);
export type CreateUserBody = Static<typeof CreateUserBody>;

export const UpdateUserBody = Type.Object(
  {
    version: Type.Integer({ minimum: 1 }),
    displayName: Type.Optional(HumanText(200)),
    role: Type.Optional(RoleSchema),
    active: Type.Optional(Type.Boolean()),
    password: Type.Optional(Password),
    graduateId: Type.Optional(Type.Union([Uuid, Type.Null()])),
  },
  { additionalProperties: false },
);
export type UpdateUserBody = Static<typeof UpdateUserBody>;

export const EndedSessions = Type.Object(
  { endedSessions: Type.Integer({ minimum: 0, description: 'How many live sessions were ended' }) },
  { $id: 'EndedSessions' },
);

export const UserListFilter = Type.Object(
  {
    q: Type.Optional(Type.String({ maxLength: 200 })),
    role: Type.Optional(RoleSchema),
    active: Type.Optional(Type.Boolean()),
    id: Type.Optional(Type.Union([Uuid, Type.Array(Uuid, { maxItems: 500 })])),
  },
  { additionalProperties: false },
);
export type UserListFilter = Static<typeof UserListFilter>;
export const USER_SORTABLE = ['username', 'displayName', 'role', 'active', 'createdAt', 'updatedAt'] as const;
