export const ROLES = [
  'admin',
  'graduate_officer',
  'free_education_officer',
  'welfare_officer',
  'auditor',
  'graduate',
] as const;

export type Role = (typeof ROLES)[number];

export const isRole = (value: unknown): value is Role => ROLES.some((role) => role === value);

export const roleChoices = ROLES.map((role) => ({ id: role, name: `roles.${role}` }));
