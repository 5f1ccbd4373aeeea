import type { Identifier } from 'react-admin';
import { isRole, type Role } from '../common/roles.ts';
import type { SessionRules } from './ability.ts';

export interface SessionUser {
  id: Identifier;
  username: string;
  displayName: string;
  role: Role;
  graduateId: string | null;
}

export interface Session {
  user: SessionUser;
  rules: SessionRules;
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

const isSessionUser = (value: unknown): value is SessionUser =>
  isRecord(value) &&
  (typeof value.id === 'string' || typeof value.id === 'number') &&
  typeof value.username === 'string' &&
  typeof value.displayName === 'string' &&
  isRole(value.role);

export const parseSession = (body: unknown): Session => {
  if (!isRecord(body) || !isSessionUser(body.user) || !Array.isArray(body.rules)) {
    throw new Error('ra.notification.http_error');
  }
  return { user: body.user, rules: body.rules };
};
