import { packRules } from '@casl/ability/extra';
import { describe, expect, it } from 'vitest';
import { type AppRule, buildAbility, canAccess } from './ability.ts';

const adminRules: AppRule[] = [
  { action: 'manage', subject: 'User' },
  { action: 'delete', subject: 'User', inverted: true },
];

const graduateRules: AppRule[] = [
  { action: 'read', subject: 'Request', conditions: { graduateId: 'g-1' } },
  { action: 'read', subject: 'Graduate', conditions: { id: 'g-1' }, fields: ['firstName', 'lastName'] },
];

describe('canAccess', () => {
  it('answers from packed rules', () => {
    const ability = buildAbility(packRules(adminRules));
    expect(canAccess(ability, { action: 'list', resource: 'users' })).toBe(true);
    expect(canAccess(ability, { action: 'create', resource: 'users' })).toBe(true);
    expect(canAccess(ability, { action: 'edit', resource: 'users', record: { id: 'u-1' } })).toBe(true);
    expect(canAccess(ability, { action: 'delete', resource: 'users' })).toBe(false);
    expect(canAccess(ability, { action: 'list', resource: 'requests' })).toBe(false);
  });

  it('answers from plain rules too', () => {
    const ability = buildAbility(adminRules);
    expect(canAccess(ability, { action: 'show', resource: 'users' })).toBe(true);
  });

  it('checks conditions against the record', () => {
    const ability = buildAbility(packRules(graduateRules));
    expect(canAccess(ability, { action: 'list', resource: 'requests' })).toBe(true);
    expect(canAccess(ability, { action: 'show', resource: 'requests', record: { graduateId: 'g-1' } })).toBe(true);
    expect(canAccess(ability, { action: 'show', resource: 'requests', record: { graduateId: 'g-2' } })).toBe(false);
    expect(canAccess(ability, { action: 'edit', resource: 'requests', record: { graduateId: 'g-1' } })).toBe(false);
  });

  it('checks fields named as resource.field', () => {
    const ability = buildAbility(packRules(graduateRules));
    expect(canAccess(ability, { action: 'read', resource: 'graduates.firstName', record: { id: 'g-1' } })).toBe(true);
    expect(canAccess(ability, { action: 'read', resource: 'graduates.nationalId', record: { id: 'g-1' } })).toBe(false);
  });

  it('passes export and verify through, which only the auditor has on the audit log', () => {
    const auditor = buildAbility(
      packRules<AppRule>([
        { action: 'read', subject: ['Request', 'AuditEvent'] },
        { action: ['verify', 'export'], subject: 'AuditEvent' },
      ]),
    );
    expect(canAccess(auditor, { action: 'list', resource: 'audit-events' })).toBe(true);
    expect(canAccess(auditor, { action: 'export', resource: 'audit-events' })).toBe(true);
    expect(canAccess(auditor, { action: 'verify', resource: 'audit-events' })).toBe(true);
    expect(canAccess(auditor, { action: 'export', resource: 'requests' })).toBe(false);
    const officer = buildAbility(packRules<AppRule>([{ action: 'read', subject: 'Request' }]));
    expect(canAccess(officer, { action: 'list', resource: 'audit-events' })).toBe(false);
    expect(canAccess(officer, { action: 'export', resource: 'audit-events' })).toBe(false);
  });

  it('denies resources it does not know', () => {
    const ability = buildAbility([{ action: 'manage', subject: 'all' }]);
    expect(canAccess(ability, { action: 'list', resource: 'secrets' })).toBe(false);
    expect(canAccess(ability, { action: 'list', resource: 'audit-events' })).toBe(true);
  });
});
