import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../config.ts';

const PLAIN = 'dd_session';
/** The __Host- prefix binds the cookie to this exact host over TLS, with Path=/ and no Domain. */
const HOST_PREFIXED = '__Host-dd_session';

export function isSecure(request: FastifyRequest, config: Config): boolean {
  const mode = config.session.cookieSecure;
  return mode === 'always' || (mode === 'auto' && request.protocol === 'https');
}

/**
 * The session token, from the cookie this request's mode sets. Over TLS only the __Host- cookie counts: a
 * plain one may have been set by a sibling host (cookie tossing) to log this browser in as someone else.
 */
export function readSessionToken(request: FastifyRequest, config: Config): string | undefined {
  return request.cookies[isSecure(request, config) ? HOST_PREFIXED : PLAIN];
}

/** Whether the request carries a session cookie of either name: ambient authority, for the CSRF check. */
export function hasSessionCookie(request: FastifyRequest): boolean {
  return request.cookies[HOST_PREFIXED] !== undefined || request.cookies[PLAIN] !== undefined;
}

export function setSessionCookie(reply: FastifyReply, config: Config, token: string): void {
  const secure = isSecure(reply.request, config);
  reply.setCookie(secure ? HOST_PREFIXED : PLAIN, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'strict',
    secure,
    maxAge: Math.floor(config.session.absoluteMs / 1000),
  });
}

export function clearSessionCookie(reply: FastifyReply, config: Config): void {
  const secure = isSecure(reply.request, config);
  reply.clearCookie(secure ? HOST_PREFIXED : PLAIN, { path: '/', httpOnly: true, sameSite: 'strict', secure });
}
