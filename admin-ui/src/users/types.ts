import type { Identifier } from 'react-admin';
import type { Role } from '../common/roles.ts';

export interface User {
  id: Identifier;
  username: string;
  displayName: string;
  role: Role;
  graduateId: string | null;
  active: boolean;
  version: number;
  createdAt: string;
  updatedAt: string;
  passwordChangedAt: string;
}
