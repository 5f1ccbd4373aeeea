import {
  AbilityBuilder,
  createMongoAbility,
  type ForcedSubject,
  type MongoAbility,
  type RawRuleOf,
} from '@casl/ability';
import { packRules } from '@casl/ability/extra';
import {
  CANCELLATION_DOCUMENT_KINDS,
  OFFICES,
  type Office,
  REQUEST_DOCUMENT_KINDS,
  type Role,
  SAVED_VIEW_RESOURCES,
  type SavedViewResource,
} from '@diploma-desk/db';

/**
 * `act`: take workflow actions on a request (the workflow module then decides stage and guards);
 * `tick`: set or revoke a tick, the field naming which; `review`: accept or reject a document or correction;
 * `claim`, `release`, `assign`: an office's holding of a request (an `Assignment`).
 */
export type Action =
  | 'manage'
  | 'read'
  | 'create'
  | 'update'
  | 'delete'
  | 'verify'
  | 'export'
  | 'act'
  | 'tick'
  | 'review'
  | 'claim'
  | 'release'
  | 'assign';
export type SubjectType =
  | 'User'
  | 'Graduate'
  | 'Request'
  | 'Document'
  | 'Correction'
  | 'AuditEvent'
  | 'Assignment'
  | 'Dashboard'
  | 'SavedView'
  | 'GraduateImport'
  | 'Holiday'
  | 'WorkingWeek'
  | 'StageTarget'
  | 'all';
/** The fields that rule conditions look at, per subject type. */
interface SubjectShapes {
  User: { id?: string; role?: string };
  Graduate: { id: string };
  Request: { graduateId: string };
  Document: { graduateId: string; kind?: string };
  Correction: { graduateId: string };
  AuditEvent: { id: string };
  /** An office's holding of a request; `userId`: who holds it (none: unassigned). */
  Assignment: { office: string; userId?: string | null };
  /** An office's figures (GET /api/dashboard). */
  Dashboard: { office: string };
  /** `ownerRole`: the owner's role now, which an office-shared view is shared with. */
  SavedView: { ownerId: string; ownerRole?: string; scope?: string; resource?: string };
  GraduateImport: { id: string };
  Holiday: { id?: string };
  WorkingWeek: Record<string, never>;
  StageTarget: { office?: string };
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
    can('read', ['Graduate', 'Request', 'Document', 'Correction']);
    can('create', ['Graduate', 'Request', 'Document']);
    can('act', 'Request');
    can('review', 'Document', { kind: { $in: [...REQUEST_DOCUMENT_KINDS] } });
    can('review', 'Correction');
    // Graduates come from the educational portal's CSV export: uploaded and dry-run (create), then applied (update).
    can(['read', 'create', 'update'], 'GraduateImport');
  },
  free_education_officer({ can }) {
    can('read', ['Graduate', 'Request', 'Document']);
    can('update', 'Request', 'cancellation');
    can('tick', 'Request', 'cancellation');
    can('review', 'Document', { kind: { $in: [...CANCELLATION_DOCUMENT_KINDS] } });
  },
  welfare_officer({ can }) {
    can('read', ['Graduate', 'Request']);
    can('update', 'Request', 'welfare');
    can('tick', 'Request', 'welfare');
  },
  auditor({ can }) {
    // Everything about cases; accounts stay the admin's (API.md), and their changes are in the log.
    can('read', ['Graduate', 'Request', 'Document', 'Correction', 'AuditEvent', 'GraduateImport']);
    can(['verify', 'export'], 'AuditEvent');
  },
  graduate({ can }, actor) {
    if (actor.graduateId === null) return;
    can('read', 'Graduate', { id: actor.graduateId });
    can('read', ['Request', 'Document', 'Correction'], { graduateId: actor.graduateId });
    can(['create', 'act'], 'Request', { graduateId: actor.graduateId });
    can('create', ['Document', 'Correction'], { graduateId: actor.graduateId });
  },
};

/** Every account holder changes their own password (the route also asks for the current one). */
function ownAccountRules({ can }: Builder, actor: Actor) {
  can('update', 'User', 'password', { id: actor.id });
}

/**
 * Each office's holding of a request: its officers claim a request for their office or assign it to a colleague
 * of that office, taking over a colleague's holding too (work must not be stranded by someone on leave, and the
 * audit log names whose it was); only the holder releases it. The Graduate Office and auditors see every
 * office's holders, the other offices their own.
 */
function assignmentRules({ can }: Builder, actor: Actor) {
  if ((OFFICES as readonly string[]).includes(actor.role)) {
    const office = actor.role as Office;
    can(['read', 'claim', 'assign'], 'Assignment', { office });
    can('release', 'Assignment', { office, userId: actor.id });
  }
  if (actor.role === 'graduate_officer' || actor.role === 'auditor') can('read', 'Assignment');
}

/** The lists whose views each role may keep: those it reads. The admin reads only the audit log's account events. */
const SAVED_VIEW_LISTS: Record<Role, readonly SavedViewResource[]> = {
  admin: ['audit-events'],
  graduate_officer: SAVED_VIEW_RESOURCES,
  free_education_officer: SAVED_VIEW_RESOURCES,
  welfare_officer: SAVED_VIEW_RESOURCES,
  auditor: SAVED_VIEW_RESOURCES,
  graduate: [],
};

/**
 * Staff keep views of their lists; a view shared with the office is read by everyone of the owner's role
 * (the role the owner has now), but only its owner changes or deletes it. Graduates have none.
 */
function savedViewRules({ can }: Builder, actor: Actor) {
  const lists = [...SAVED_VIEW_LISTS[actor.role]];
  if (lists.length === 0) return;
  can('create', 'SavedView', { ownerId: actor.id, resource: { $in: lists } });
  can(['read', 'update', 'delete'], 'SavedView', { ownerId: actor.id });
  can('read', 'SavedView', { scope: 'office', ownerRole: actor.role, resource: { $in: lists } });
}

/**
 * An office's figures (queue, stages, throughput, lead times): each office its own, the auditor and the admin
 * every office's (counts only: the admin still reads no case). Graduates have none.
 */
function dashboardRules({ can }: Builder, actor: Actor) {
  if ((OFFICES as readonly string[]).includes(actor.role)) can('read', 'Dashboard', { office: actor.role });
  if (actor.role === 'auditor' || actor.role === 'admin') can('read', 'Dashboard');
}

/** The staff who read the office lists export them (requests, graduates) to CSV or XLSX; graduates do not. */
const LIST_EXPORTERS: readonly Role[] = ['graduate_officer', 'free_education_officer', 'welfare_officer', 'auditor'];

function listExportRules({ can }: Builder, actor: Actor) {
  if (LIST_EXPORTERS.includes(actor.role)) can('export', ['Request', 'Graduate']);
}

/**
 * The working calendar (holidays, the Thursday rule, each office's stage targets) is the admin's to keep; the
 * offices and the auditor read it, since it decides which requests are flagged overdue.
 */
function workingCalendarRules({ can }: Builder, actor: Actor) {
  if (actor.role === 'admin') {
    can(['read', 'create', 'update', 'delete'], 'Holiday');
    can(['read', 'update'], ['WorkingWeek', 'StageTarget']);
  } else if (actor.role !== 'graduate') {
    can('read', ['Holiday', 'WorkingWeek', 'StageTarget']);
  }
}

export function defineRulesFor(actor: Actor): RawRuleOf<AppAbility>[] {
  const builder = new AbilityBuilder<AppAbility>(createMongoAbility);
  rolesRules[actor.role](builder, actor);
  ownAccountRules(builder, actor);
  listExportRules(builder, actor);
  assignmentRules(builder, actor);
  dashboardRules(builder, actor);
  savedViewRules(builder, actor);
  workingCalendarRules(builder, actor);
  return builder.rules;
}

export function defineAbilityFor(actor: Actor | null): AppAbility {
  return createMongoAbility<AppAbility>(actor ? defineRulesFor(actor) : []);
}

/** The rules as they travel to the browser, where the UI builds the same ability. */
export function packedRulesFor(ability: AppAbility) {
  return packRules(ability.rules);
}
