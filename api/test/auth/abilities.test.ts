import { subject } from '@casl/ability';
import { OFFICES, ROLES, type Role } from '@diploma-desk/db';
import { describe, expect, it } from 'vitest';
import { type Action, defineAbilityFor, type SubjectType } from '../../src/auth/abilities.ts';

const actor = (role: Role) => ({ id: `id-${role}`, role, graduateId: role === 'graduate' ? 'grad-1' : null });

/** Whether each role may list (read the type of) each subject; the UI's menus follow this. */
const LIST: Record<Role, Partial<Record<Exclude<SubjectType, 'all'>, boolean>>> = {
  admin: { User: true, Graduate: false, Request: false, Document: false, AuditEvent: false },
  graduate_officer: { User: false, Graduate: true, Request: true, Document: true, AuditEvent: false },
  free_education_officer: { User: false, Graduate: true, Request: true, Document: true, AuditEvent: false },
  welfare_officer: { User: false, Graduate: true, Request: true, Document: false, AuditEvent: false },
  auditor: { User: false, Graduate: true, Request: true, Document: true, AuditEvent: true },
  graduate: { User: false, Graduate: true, Request: true, Document: true, AuditEvent: false },
};

describe('abilities', () => {
  it.each(ROLES)('%s reads exactly the subject types its office works with', (role) => {
    const ability = defineAbilityFor(actor(role));
    for (const [type, allowed] of Object.entries(LIST[role])) {
      expect([type, ability.can('read', type as SubjectType)]).toEqual([type, allowed]);
    }
  });

  it('gives an anonymous caller nothing', () => {
    const ability = defineAbilityFor(null);
    expect(ability.rules).toEqual([]);
    expect(ability.can('read', 'User')).toBe(false);
  });

  it('lets only the admin create or change accounts, never their own role or active flag', () => {
    for (const role of ROLES) {
      const ability = defineAbilityFor(actor(role));
      expect([role, ability.can('create', 'User')]).toEqual([role, role === 'admin']);
    }
    const admin = defineAbilityFor(actor('admin'));
    const self = subject('User', { id: 'id-admin' });
    const other = subject('User', { id: 'someone-else' });
    expect(admin.can('update', self, 'displayName')).toBe(true);
    expect(admin.can('update', self, 'role')).toBe(false);
    expect(admin.can('update', self, 'active')).toBe(false);
    expect(admin.can('update', other, 'role')).toBe(true);
    expect(admin.can('update', other, 'active')).toBe(true);
  });

  it('keeps accounts the admin’s alone', () => {
    const officer = defineAbilityFor(actor('welfare_officer'));
    expect(officer.can('read', subject('User', { id: 'id-welfare_officer' }))).toBe(false);
    expect(defineAbilityFor(actor('auditor')).can('read', subject('User', { id: 'other' }))).toBe(false);
    expect(defineAbilityFor(actor('admin')).can('read', subject('User', { id: 'other' }))).toBe(true);
  });

  it('confines a graduate to their own records', () => {
    const g = defineAbilityFor(actor('graduate'));
    expect(g.can('read', subject('Request', { graduateId: 'grad-1' }))).toBe(true);
    expect(g.can('read', subject('Request', { graduateId: 'grad-2' }))).toBe(false);
    expect(g.can('read', subject('Graduate', { id: 'grad-2' }))).toBe(false);
  });

  it('lets each office claim and assign its own holdings, the holder alone release one; the Graduate Office and auditors see every holder', () => {
    const holding = (office: string, userId: string | null = null) => subject('Assignment', { office, userId });
    for (const role of ROLES) {
      const ability = defineAbilityFor(actor(role));
      for (const office of OFFICES) {
        const own = role === office;
        const cell = (action: Action, userId: string | null) => [
          role,
          office,
          action,
          userId,
          ability.can(action, holding(office, userId)),
        ];
        expect(cell('claim', null)).toEqual([role, office, 'claim', null, own]);
        expect(cell('assign', 'id-colleague')).toEqual([role, office, 'assign', 'id-colleague', own]);
        expect(cell('release', `id-${role}`)).toEqual([role, office, 'release', `id-${role}`, own]);
        expect(cell('release', 'id-colleague')).toEqual([role, office, 'release', 'id-colleague', false]);
        const sees = own || role === 'graduate_officer' || role === 'auditor';
        expect(cell('read', 'id-colleague')).toEqual([role, office, 'read', 'id-colleague', sees]);
      }
    }
  });

  it('lets only the auditor verify and export the audit log, and the auditor change nothing', () => {
    for (const role of ROLES) {
      const ability = defineAbilityFor(actor(role));
      expect([role, ability.can('verify', 'AuditEvent')]).toEqual([role, role === 'auditor']);
    }
    const auditor = defineAbilityFor(actor('auditor'));
    for (const action of ['create', 'update', 'delete'] as const) {
      for (const type of ['Graduate', 'Request', 'Document', 'AuditEvent'] as const) {
        expect(auditor.can(action, type)).toBe(false);
      }
      expect(auditor.can(action, subject('User', { id: 'someone-else' }))).toBe(false);
    }
    // Their own password is theirs to change, as everyone's is; nothing else about their account.
    const self = subject('User', { id: 'id-auditor' });
    expect(auditor.can('update', self, 'password')).toBe(true);
    for (const field of ['role', 'active', 'displayName', 'graduateId']) {
      expect([field, auditor.can('update', self, field)]).toEqual([field, false]);
    }
  });

  it('lets every account holder change their own password, and only their own', () => {
    for (const role of ROLES) {
      const ability = defineAbilityFor(actor(role));
      expect([role, ability.can('update', subject('User', { id: `id-${role}` }), 'password')]).toEqual([role, true]);
      const other = ability.can('update', subject('User', { id: 'someone-else' }), 'password');
      expect([role, other]).toEqual([role, role === 'admin']);
    }
  });

  it('lets staff keep saved views of the lists they read, share them with their role, and change only their own', () => {
    const view = (ownerRole: Role, scope: string, resource = 'requests', ownerId = `id-${ownerRole}`) =>
      subject('SavedView', { ownerId, ownerRole, scope, resource });
    for (const role of ROLES) {
      const ability = defineAbilityFor(actor(role));
      const staff = role !== 'graduate';
      const readsCases = staff && role !== 'admin';
      expect([role, ability.can('create', view(role, 'private'))]).toEqual([role, readsCases]);
      expect([role, ability.can('create', view(role, 'office', 'audit-events'))]).toEqual([role, staff]);
      // A colleague of the same role: their shared view is read, never changed; their private one is not seen.
      const colleague = (scope: string) => view(role, scope, 'audit-events', 'id-colleague');
      expect([role, ability.can('read', colleague('office'))]).toEqual([role, staff]);
      expect([role, ability.can('read', colleague('private'))]).toEqual([role, false]);
      for (const action of ['update', 'delete'] as const) {
        expect([role, action, ability.can(action, colleague('office'))]).toEqual([role, action, false]);
        expect([role, action, ability.can(action, view(role, 'office', 'audit-events'))]).toEqual([
          role,
          action,
          staff,
        ]);
      }
      // Nobody creates a view for someone else, and another role's shared views are not theirs to read.
      expect([role, ability.can('create', view(role, 'private', 'audit-events', 'id-colleague'))]).toEqual([
        role,
        false,
      ]);
      const otherRole = role === 'auditor' ? 'welfare_officer' : 'auditor';
      expect([role, ability.can('read', view(otherRole, 'office', 'audit-events'))]).toEqual([role, false]);
    }
  });
});

describe('graduate imports', () => {
  it.each(ROLES)('%s: only the Graduate Office uploads and commits an import; the auditor reads them', (role) => {
    const ability = defineAbilityFor(actor(role));
    const anImport = subject('GraduateImport', { id: 'import-1' });
    expect([role, ability.can('create', 'GraduateImport'), ability.can('update', anImport)]).toEqual([
      role,
      role === 'graduate_officer',
      role === 'graduate_officer',
    ]);
    expect([role, ability.can('read', anImport)]).toEqual([role, role === 'graduate_officer' || role === 'auditor']);
  });
});
