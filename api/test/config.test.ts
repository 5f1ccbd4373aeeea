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

  it('refuses bad values, naming each variable', () => {
    expect(() => loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x' })).toThrow(ConfigError);
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/PORT/);
    expect(() => loadConfig({ SESSION_COOKIE_SECURE: 'maybe' })).toThrow(/SESSION_COOKIE_SECURE/);
  });
});
