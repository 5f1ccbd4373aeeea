import { createMongoAbility, type MongoAbility, type RawRuleOf, subject } from '@casl/ability';
import { type PackRule, unpackRules } from '@casl/ability/extra';

export type AppAbility = MongoAbility;
export type AppRule = RawRuleOf<AppAbility>;
export type SessionRules = AppRule[] | PackRule<AppRule>[];

const SUBJECTS: Record<string, string> = {
  users: 'User',
  graduates: 'Graduate',
  requests: 'Request',
  documents: 'Document',
  corrections: 'Correction',
  'audit-events': 'AuditEvent',
  dashboard: 'Dashboard',
  'graduate-imports': 'GraduateImport',
  'saved-views': 'SavedView',
  assignments: 'Assignment',
  holidays: 'Holiday',
  'working-week': 'WorkingWeek',
  'stage-targets': 'StageTarget',
};

/** react-admin's names for CASL's; others (export, verify) pass through unchanged. */
const ACTIONS: Record<string, string> = {
  list: 'read',
  show: 'read',
  read: 'read',
  create: 'create',
  clone: 'create',
  edit: 'update',
  delete: 'delete',
};

const isPacked = (rules: SessionRules): rules is PackRule<AppRule>[] => rules.some(Array.isArray);

export const buildAbility = (rules: SessionRules): AppAbility =>
  createMongoAbility<AppAbility>(isPacked(rules) ? unpackRules(rules) : rules);

export interface AccessQuery {
  action: string;
  resource: string;
  record?: Record<string, unknown>;
}

export const canAccess = (ability: AppAbility, { action, resource, record }: AccessQuery): boolean => {
  const [name = '', field] = resource.split(/\.(.*)/s);
  const type = SUBJECTS[name];
  if (!type) return false;
  const target = record ? subject(type, { ...record }) : type;
  return ability.can(ACTIONS[action] ?? action, target, field || undefined);
};
