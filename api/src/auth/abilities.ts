import {
  AbilityBuilder,
  createMongoAbility,
  type ForcedSubject,
  type MongoAbility,
  type RawRuleOf,
} from '@casl/ability';
import { packRules } from '@casl/ability/extra';
import type { Role } from '@diploma-desk/db';

export type Action = 'manage' | 'read' | 'create' | 'update' | 'delete' | 'verify' | 'export';
export type SubjectType = 'User' | 'Graduate' | 'Request' | 'Document' | 'AuditEvent' | 'all';
/** The fields that rule conditions look at, per subject type. */
interface SubjectShapes {
  User: { id?: string; role?: string };
  Graduate: { id: string };
  Request: { graduateId: string };
  Document: { graduateId: string };
  AuditEvent: { id: string };
}
type SubjectRecord = { [K in keyof SubjectShapes]: ForcedSubject<K> & SubjectShapes[K] }[keyof SubjectShapes];
export type AppAbility = MongoAbility<[Action, SubjectType | SubjectRecord]>;

export interface Actor {
  id: string;
  role: Role;
  graduateId: string | null;
}

type Builder = AbilityBuilder<AppAbility>;

/** One small function per role: what each office may do is read here and nowhere else. */
const rolesRules: Record<Role, (b: Builder, actor: Actor) => void> = {
  admin({ can, cannot }, actor) {
    can(['read', 'create', 'update'], 'User');
    // An admin cannot lock themselves out or change their own powers.
    cannot('update', 'User', ['role', 'active'], { id: actor.id });
  },
  graduate_officer({ can }) {
    can('read', ['Graduate', 'Request', 'Document']);
    can('create', ['Graduate', 'Request']);
    can('update', 'Request');
  },
  free_education_officer({ can }) {
    can('read', ['Graduate', 'Request', 'Document']);
    can('update', 'Request');
  },
  welfare_officer({ can }) {
    can('read', ['Graduate', 'Request']);
    can('update', 'Request');
  },
  auditor({ can }) {
    // Everything about cases; accounts stay the admin's (API.md), and their changes are in the log.
    can('read', ['Graduate', 'Request', 'Document', 'AuditEvent']);
    can(['verify', 'export'], 'AuditEvent');
  },
  graduate({ can }, actor) {
    if (actor.graduateId === null) return;
    can('read', 'Graduate', { id: actor.graduateId });
    can('read', ['Request', 'Document'], { graduateId: actor.graduateId });
  },
};

export function defineRulesFor(actor: Actor): RawRuleOf<AppAbility>[] {
  const builder = new AbilityBuilder<AppAbility>(createMongoAbility);
  rolesRules[actor.role](builder, actor);
  return builder.rules;
}

export function defineAbilityFor(actor: Actor | null): AppAbility {
  return createMongoAbility<AppAbility>(actor ? defineRulesFor(actor) : []);
}

/** The rules as they travel to the browser, where the UI builds the same ability. */
export function packedRulesFor(ability: AppAbility) {
  return packRules(ability.rules);
}
