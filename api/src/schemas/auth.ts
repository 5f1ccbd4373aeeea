import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '@diploma-desk/db';
import Type from 'typebox';
import { SessionUser } from './users.ts';

export const LoginBody = Type.Object(
  {
    // No control characters: a NUL reached PostgreSQL, which refuses it in text (a 500 where a 400 is due).
    username: Type.String({ minLength: 1, maxLength: 128, pattern: '^[^\\u0000-\\u001f\\u007f]*$' }),
    password: Type.String({ minLength: 1, maxLength: 1024 }),
  },
  { additionalProperties: false },
);

export const ChangePasswordBody = Type.Object(
  {
    currentPassword: Type.String({ minLength: 1, maxLength: 1024 }),
    newPassword: Type.String({ minLength: PASSWORD_MIN_LENGTH, maxLength: PASSWORD_MAX_LENGTH }),
  },
  { additionalProperties: false },
);

export const PasswordChanged = Type.Object(
  {
    endedSessions: Type.Integer({ minimum: 0, description: 'How many other sessions of the account were ended' }),
  },
  { $id: 'PasswordChanged' },
);

export const SessionResponse = Type.Object({
  user: SessionUser,
  rules: Type.Array(Type.Unknown(), { description: 'CASL rules, packed with @casl/ability/extra packRules' }),
});
