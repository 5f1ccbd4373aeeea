import Type from 'typebox';
import { SessionUser } from './users.ts';

export const LoginBody = Type.Object(
  {
    username: Type.String({ minLength: 1, maxLength: 128 }),
    password: Type.String({ minLength: 1, maxLength: 1024 }),
  },
  { additionalProperties: false },
);

export const SessionResponse = Type.Object({
  user: SessionUser,
  rules: Type.Array(Type.Unknown(), { description: 'CASL rules, packed with @casl/ability/extra packRules' }),
});
