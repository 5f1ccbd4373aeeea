import { type AuthProvider, HttpError } from 'react-admin';
import { type AppAbility, buildAbility, canAccess } from './ability.ts';
import { httpClient } from './httpClient.ts';
import { parseSession, type Session } from './session.ts';

/**
 * The session is cached so that permission checks cost no request per row, but re-validated with the
 * server on navigation once it is older than this: a deactivated account or an idle-expired session
 * is noticed within seconds, not only at the next data request.
 */
const REVALIDATE_MS = 30_000;

let session: Promise<Session> | undefined;
let fetchedAt = 0;
const abilities = new WeakMap<Session, AppAbility>();

const getSession = (): Promise<Session> => {
  if (!session) fetchedAt = Date.now();
  session ??= httpClient('/api/auth/session')
    .then(({ json }) => parseSession(json))
    .catch((error: unknown) => {
      session = undefined;
      throw error;
    });
  return session;
};

const abilityOf = (current: Session): AppAbility => {
  const cached = abilities.get(current);
  if (cached) return cached;
  const ability = buildAbility(current.rules);
  abilities.set(current, ability);
  return ability;
};

const statusOf = (error: unknown): number | undefined => (error instanceof HttpError ? error.status : undefined);

const LOGIN_ERRORS: Record<number, string> = {
  400: 'auth.invalid_credentials',
  401: 'auth.invalid_credentials',
  429: 'auth.too_many_attempts',
};

export const authProvider: AuthProvider = {
  login: async ({ username, password }: { username: string; password: string }) => {
    try {
      const { json } = await httpClient('/api/auth/login', {
        method: 'POST',
        body: JSON.stringify({ username, password }),
      });
      session = Promise.resolve(parseSession(json));
      fetchedAt = Date.now();
    } catch (error) {
      const known = LOGIN_ERRORS[statusOf(error) ?? 0];
      throw known ? new Error(known) : error;
    }
  },
  logout: async () => {
    const hadSession = session !== undefined;
    session = undefined;
    if (hadSession) {
      await httpClient('/api/auth/logout', { method: 'POST' }).catch(() => undefined);
    }
  },
  checkAuth: async () => {
    if (session && Date.now() - fetchedAt > REVALIDATE_MS) session = undefined;
    await getSession();
  },
  checkError: async (error: unknown) => {
    if (statusOf(error) === 401) throw new Error('ra.notification.logged_out');
  },
  getIdentity: async () => {
    const { user } = await getSession();
    return { ...user, fullName: user.displayName };
  },
  canAccess: async ({ action, resource, record }) =>
    canAccess(abilityOf(await getSession()), { action, resource, record }),
};
