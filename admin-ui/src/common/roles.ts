import { ROLES, type Role } from '@diploma-desk/db/domain';

export { ROLES, type Role };

export const isRole = (value: unknown): value is Role => ROLES.some((role) => role === value);

export const roleChoices = ROLES.map((role) => ({ id: role, name: `roles.${role}` }));
