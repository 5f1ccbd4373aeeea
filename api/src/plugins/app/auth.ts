import fp from 'fastify-plugin';
import { defineAbilityFor } from '../../auth/abilities.ts';
import { readSessionToken } from '../../auth/cookies.ts';
import { LoginLimiter } from '../../auth/login-limiter.ts';
import { findLiveSession, hashToken, touchSession } from '../../auth/sessions.repository.ts';
import { UnauthorizedError } from '../../errors.ts';

/** Writing last-seen on every request would turn reads into writes; once a minute keeps idle timeouts exact enough. */
const TOUCH_INTERVAL_MS = 60_000;

/** The API is private unless a route says otherwise; the SPA's files and the API docs are public. */
function isPrivate(url: string, routeIsPublic: boolean): boolean {
  if (routeIsPublic) return false;
  return url.startsWith('/api/') && !url.startsWith('/api/docs');
}

/** Resolves the session cookie to a user and a CASL ability on every request; routes are private unless marked public. */
export default fp(async (app) => {
  app.decorate('loginLimiter', new LoginLimiter(app.config.loginLimits));
  app.decorateRequest('user', null);
  app.decorateRequest('ability', null as never);

  app.addHook('onRequest', async (request, reply) => {
    const token = readSessionToken(request, app.config);
    const user = token ? await findLiveSession(app.db, hashToken(token), app.config.session.idleMs) : undefined;
    request.user = user ?? null;
    // The request's log lines, its completion included, say who made it (ASVS 16.2.1).
    if (user) request.log = reply.log = request.log.child({ userId: user.id });
    request.ability = defineAbilityFor(user ? { id: user.id, role: user.role, graduateId: user.graduateId } : null);
    if (user && Date.now() - user.lastSeenAt.getTime() > TOUCH_INTERVAL_MS) {
      await touchSession(app.db, user.sessionId);
    }
    // An unknown URL is answered 404 by the not-found handler, logged in or not.
    const known = request.routeOptions.url !== undefined;
    if (!user && known && isPrivate(request.url, request.routeOptions.config?.public === true)) {
      throw new UnauthorizedError();
    }
  });
});
