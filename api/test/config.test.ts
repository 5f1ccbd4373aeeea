import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.ts';

describe('loadConfig', () => {
  it('defaults to the embedded database with demo data on port 3000', () => {
    const c = loadConfig({ INIT_CWD: '/srv/desk' });
    expect(c).toMatchObject({ port: 3000, dataDir: '/srv/desk/data', databaseUrl: undefined, demoData: true });
    expect(c.session).toEqual({ idleMs: 30 * 60_000, absoluteMs: 12 * 3_600_000, cookieSecure: 'auto' });
  });

  it('turns demo data off by default on a real PostgreSQL', () => {
    expect(loadConfig({ DATABASE_URL: 'postgres://app@db/desk' }).demoData).toBe(false);
    expect(loadConfig({ DATABASE_URL: 'postgres://app@db/desk', DEMO_DATA: 'true' }).demoData).toBe(true);
  });

  it('resolves a relative DATA_DIR against the folder the command was started in', () => {
    expect(loadConfig({ INIT_CWD: '/home/x', DATA_DIR: 'var/dd' }).dataDir).toBe(path.resolve('/home/x/var/dd'));
  });

  it('names the app role for the audit grants: DATABASE_APP_ROLE, else DATABASE_URL’s user beside an owner', () => {
    const owner = 'postgres://diploma_owner:x@db/desk';
    expect(loadConfig({ DATABASE_URL: 'postgres://diploma_app:y@db/desk' }).databaseAppRole).toBeUndefined();
    expect(
      loadConfig({ DATABASE_URL: 'postgres://diploma_app:y@db/desk', DATABASE_OWNER_URL: owner }).databaseAppRole,
    ).toBe('diploma_app');
    expect(loadConfig({ DATABASE_URL: owner, DATABASE_OWNER_URL: owner }).databaseAppRole).toBeUndefined();
    expect(loadConfig({ DATABASE_APP_ROLE: 'desk_app', DATABASE_OWNER_URL: owner }).databaseAppRole).toBe('desk_app');
    expect(() => loadConfig({ DATABASE_APP_ROLE: 'app; DROP TABLE x' })).toThrow(/DATABASE_APP_ROLE/);
  });

  it('exports the audit chain head every 5 minutes by default, with a key of at least 32 characters', () => {
    expect(loadConfig({}).audit).toEqual({ headIntervalMs: 300_000, headKey: undefined });
    expect(loadConfig({ AUDIT_HEAD_INTERVAL_SECONDS: '0', AUDIT_HEAD_KEY: 'k'.repeat(32) }).audit).toEqual({
      headIntervalMs: 0,
      headKey: 'k'.repeat(32),
    });
    expect(() => loadConfig({ AUDIT_HEAD_KEY: 'short' })).toThrow(/AUDIT_HEAD_KEY/);
  });

  it('refuses bad values, naming each variable', () => {
    expect(() => loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x' })).toThrow(ConfigError);
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/PORT/);
    expect(() => loadConfig({ SESSION_COOKIE_SECURE: 'maybe' })).toThrow(/SESSION_COOKIE_SECURE/);
  });
});
