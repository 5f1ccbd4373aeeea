import { ForbiddenError as CaslForbiddenError, subject } from '@casl/ability';
import { burnPasswordCheck, hashPassword, verifyPassword } from '@diploma-desk/db';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import Type from 'typebox';
import { defineAbilityFor, packedRulesFor } from '../../auth/abilities.ts';
import { clearSessionCookie, readSessionToken, setSessionCookie } from '../../auth/cookies.ts';
import { checkPassword } from '../../auth/password-policy.ts';
import {
  createSession,
  endSession,
  endUserSessions,
  hashToken,
  newSessionToken,
} from '../../auth/sessions.repository.ts';
import {
  InvalidCredentialsError,
  RateLimitedError,
  UnauthorizedError,
  ValidationError,
  VersionConflictError,
} from '../../errors.ts';
import { audit } from '../../lib/audit.ts';
import { ChangePasswordBody, LoginBody, PasswordChanged, SessionResponse } from '../../schemas/auth.ts';
import { problemResponses } from '../../schemas/common.ts';
import { findUserById, findUserByUsername, updateUser } from '../users/users.repository.ts';

interface Who {
  id: string;
  username: string;
  displayName: string;
  role: import('@diploma-desk/db').Role;
  graduateId: string | null;
}

function sessionBody(user: Who) {
  const ability = defineAbilityFor({ id: user.id, role: user.role, graduateId: user.graduateId });
  return {
    user: {
      id: user.id,
      username: user.username,
      displayName: user.displayName,
      role: user.role,
      graduateId: user.graduateId,
    },
    rules: packedRulesFor(ability),
  };
}

const userAgentOf = (request: FastifyRequest) => request.headers['user-agent']?.slice(0, 512) ?? null;

const auth: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '/api/auth/login',
    {
      config: { public: true },
      schema: {
        tags: ['auth'],
        summary: 'Log in: sets the session cookie and returns the user with their CASL rules',
        security: [],
        body: LoginBody,
        response: { 200: SessionResponse, ...problemResponses(400, 401, 403, 429) },
      },
    },
    async (request, reply) => {
      const { username, password } = request.body;
      const limiter = app.loginLimiter;
      const wait = limiter.retryAfter(request.ip, username);
      if (wait > 0) throw new RateLimitedError(wait);

      const user = await findUserByUsername(app.db, username);
      let ok = false;
      if (user) ok = await verifyPassword(user.passwordHash, password);
      else await burnPasswordCheck(password);
      if (!user || !ok || !user.active) {
        limiter.recordFailure(request.ip, username);
        await app.db.transaction().execute((trx) =>
          audit(trx, request, {
            action: 'auth.login_failed',
            subjectType: 'user',
            subjectId: user?.id ?? null,
            after: {
              username: username.slice(0, 128),
              reason: !user ? 'unknown_user' : !ok ? 'bad_password' : 'inactive',
            },
          }),
        );
        throw new InvalidCredentialsError();
      }
      limiter.recordSuccess(username);

      const previous = readSessionToken(request, app.config);
      const { token, id } = newSessionToken();
      await app.db.transaction().execute(async (trx) => {
        // A new login never keeps a session id the browser already had (no fixation).
        if (previous) await endSession(trx, hashToken(previous), 'replaced');
        await createSession(trx, {
          id,
          userId: user.id,
          expiresAt: new Date(Date.now() + app.config.session.absoluteMs),
          ip: request.ip,
          userAgent: userAgentOf(request),
        });
        request.user = { ...user, sessionId: id, lastSeenAt: new Date() };
        await audit(trx, request, { action: 'auth.login', subjectType: 'user', subjectId: user.id });
      });
      setSessionCookie(reply, app.config, token);
      return sessionBody(user);
    },
  );

  app.post(
    '/api/auth/logout',
    {
      schema: {
        tags: ['auth'],
        summary: 'Log out: ends the session server-side',
        response: { 204: Type.Null({ description: 'Logged out' }), ...problemResponses(401, 403) },
      },
    },
    async (request, reply) => {
      const user = request.user!;
      await app.db.transaction().execute(async (trx) => {
        await endSession(trx, user.sessionId, 'logout');
        await audit(trx, request, { action: 'auth.logout', subjectType: 'user', subjectId: user.id });
      });
      clearSessionCookie(reply, app.config);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/api/auth/password',
    {
      schema: {
        tags: ['auth'],
        summary: 'Change your own password; needs the current one',
        description:
          'A wrong current password counts toward the same lockout as failed logins (429 with Retry-After). ' +
          'On success this session is renewed (a new cookie) and every other session of the account ends.',
        body: ChangePasswordBody,
        response: { 200: PasswordChanged, ...problemResponses(400, 401, 403, 429) },
      },
    },
    async (request, reply) => {
      const me = request.user!;
      const { currentPassword, newPassword } = request.body;
      const limiter = app.loginLimiter;
      const wait = limiter.retryAfter(request.ip, me.username);
      if (wait > 0) throw new RateLimitedError(wait);
      const row = await findUserById(app.db, me.id);
      if (!row) throw new UnauthorizedError();
      CaslForbiddenError.from(request.ability).throwUnlessCan('update', subject('User', { ...row }), 'password');
      if (!(await verifyPassword(row.passwordHash, currentPassword))) {
        limiter.recordFailure(request.ip, me.username);
        await app.db
          .transaction()
          .execute((trx) =>
            audit(trx, request, { action: 'auth.password_change_failed', subjectType: 'user', subjectId: me.id }),
          );
        throw new ValidationError('The current password is incorrect.', [
          { field: 'currentPassword', message: 'is incorrect', code: 'password_incorrect' },
        ]);
      }
      checkPassword(newPassword, row.username, 'newPassword');
      if (newPassword === currentPassword) {
        throw new ValidationError('The new password is the current one.', [
          { field: 'newPassword', message: 'is the current password', code: 'password_unchanged' },
        ]);
      }
      limiter.recordSuccess(me.username);
      const passwordHash = await hashPassword(newPassword);
      const { token, id } = newSessionToken();
      const endedSessions = await app.db.transaction().execute(async (trx) => {
        const updated = await updateUser(trx, row.id, row.version, { passwordHash, passwordChangedAt: new Date() });
        if (!updated) throw new VersionConflictError(row.version);
        // Every session ends, this one too: the browser that changed the password goes on with a new token.
        const ended = await endUserSessions(trx, row.id, 'password_changed');
        await createSession(trx, {
          id,
          userId: row.id,
          expiresAt: new Date(Date.now() + app.config.session.absoluteMs),
          ip: request.ip,
          userAgent: userAgentOf(request),
        });
        const others = Math.max(0, ended - 1);
        await audit(trx, request, {
          action: 'user.change_password',
          subjectType: 'user',
          subjectId: row.id,
          after: { endedSessions: others },
        });
        return others;
      });
      request.user = { ...me, sessionId: id };
      setSessionCookie(reply, app.config, token);
      return { endedSessions };
    },
  );

  app.get(
    '/api/auth/session',
    {
      schema: {
        tags: ['auth'],
        summary: 'The logged-in user and their CASL rules',
        response: { 200: SessionResponse, ...problemResponses(401) },
      },
    },
    async (request) => sessionBody(request.user!),
  );
};

export default auth;
