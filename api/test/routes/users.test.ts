import { graduateSearchText } from '@diploma-desk/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents, createTestApp, type TestApp } from '../helpers.ts';

let h: TestApp;
let admin: string;
beforeAll(async () => {
  h = await createTestApp();
  admin = await h.login('admin');
});
afterAll(() => h.close());

const q = (params: Record<string, unknown>) =>
  `?${new URLSearchParams(Object.entries(params).map(([k, v]): [string, string] => [k, JSON.stringify(v)])).toString()}`;

async function userByName(username: string) {
  return h.t.db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirstOrThrow();
}

async function createUser(payload: Record<string, unknown>, cookie = admin) {
  return h.call(cookie, { method: 'POST', url: '/api/users', payload });
}

describe('GET /api/users', () => {
  it('lists accounts for the admin with Content-Range, paging and sorting', async () => {
    const res = await h.call(admin, {
      method: 'GET',
      url: `/api/users${q({ range: [1, 2], sort: ['username', 'ASC'] })}`,
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-range']).toBe('users 1-2/5');
    expect(res.json().map((u: { username: string }) => u.username)).toEqual(['auditor', 'free.education']);
    expect(res.body).not.toContain('passwordHash');
  });

  it('filters by search text, role and active', async () => {
    const res = await h.call(admin, { method: 'GET', url: `/api/users${q({ filter: { q: 'OFFICE' } })}` });
    expect(res.json().map((u: { username: string }) => u.username)).toEqual(['graduate.office', 'welfare.office']);
    const byRole = await h.call(admin, { method: 'GET', url: `/api/users${q({ filter: { role: 'auditor' } })}` });
    expect(byRole.json()).toHaveLength(1);
    const inactive = await h.call(admin, { method: 'GET', url: `/api/users${q({ filter: { active: false } })}` });
    expect(inactive.headers['content-range']).toBe('users 0-0/0');
  });

  it('is refused to every role but admin', async () => {
    for (const username of ['graduate.office', 'free.education', 'welfare.office', 'auditor']) {
      const officer = await h.login(username);
      const res = await h.call(officer, { method: 'GET', url: '/api/users' });
      expect([username, res.statusCode]).toEqual([username, 403]);
    }
  });

  it.each([
    ['filter', { filter: '{bad json' }],
    ['filter', { filter: JSON.stringify({ passwordHash: 'x' }) }],
    ['range', { range: JSON.stringify([5, 1]) }],
    ['range', { range: JSON.stringify([0, 100000]) }],
    ['sort', { sort: JSON.stringify(['passwordHash', 'ASC']) }],
    ['sort', { sort: JSON.stringify(['username', 'sideways']) }],
  ])('rejects a bad %s parameter with 400', async (field, params) => {
    const res = await h.call(admin, { method: 'GET', url: `/api/users?${new URLSearchParams(params).toString()}` });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0].field).toMatch(new RegExp(`^${field}`));
  });

  it('refuses control characters in filter text with 400 (a NUL failed in PostgreSQL with a 500)', async () => {
    for (const [url, field] of [
      ['/api/users', 'q'],
      ['/api/audit-events', 'q'],
      ['/api/audit-events', 'subjectId'],
    ] as const) {
      for (const text of ['a\u0000b', '\u001b[2J', 'line\nbreak', '\u007f']) {
        const res = await h.call(admin, { method: 'GET', url: `${url}${q({ filter: { [field]: text } })}` });
        expect(res.statusCode, `${url} ${JSON.stringify(text)}: ${res.body}`).toBe(400);
        expect(res.json().errors).toEqual([{ field: `filter.${field}`, message: expect.any(String), code: 'control' }]);
      }
    }
  });
});

describe('GET /api/users/:id', () => {
  it('answers 404, not 403, for an account the caller may not see', async () => {
    const officer = await h.login('graduate.office');
    const auditorRow = await userByName('auditor');
    const res = await h.call(officer, { method: 'GET', url: `/api/users/${auditorRow.id}` });
    expect(res.statusCode).toBe(404);
    const missing = await h.call(admin, { method: 'GET', url: '/api/users/00000000-0000-4000-8000-000000000000' });
    expect(missing.statusCode).toBe(404);
    expect((await h.call(admin, { method: 'GET', url: '/api/users/not-a-uuid' })).statusCode).toBe(400);
  });

  it('refuses with 400 a uuid in a form the database does not read (urn:uuid:), in the path and in a body', async () => {
    const row = await userByName('auditor');
    const get = await h.call(admin, { method: 'GET', url: `/api/users/urn:uuid:${row.id}` });
    expect(get.statusCode, get.body).toBe(400);
    expect(get.json().errors).toEqual([{ field: 'id', message: expect.any(String), code: 'format' }]);
    const put = await h.call(admin, {
      method: 'PUT',
      url: `/api/users/${row.id}`,
      payload: { version: row.version, graduateId: `urn:uuid:${row.id}` },
    });
    expect(put.statusCode, put.body).toBe(400);
    expect(put.json().errors).toContainEqual({ field: 'graduateId', message: expect.any(String), code: 'format' });
  });
});

describe('POST /api/users', () => {
  it('creates an account, audited without the password hash, that can log in', async () => {
    const res = await createUser({
      username: 'maryam.karimi',
      password: 'خورشید در آسمان تهران',
      role: 'welfare_officer',
      displayName: 'مریم كریمی',
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ username: 'maryam.karimi', role: 'welfare_officer', active: true, version: 1 });
    const event = (await auditEvents(h.t)).at(-1)!;
    expect(event).toMatchObject({
      action: 'user.create',
      subjectType: 'user',
      subjectId: res.json().id,
      role: 'admin',
    });
    expect(JSON.stringify(event.after)).not.toContain('argon2');
    await h.login('maryam.karimi', 'خورشید در آسمان تهران');
  });

  it('is refused to every role but admin, writing nothing', async () => {
    for (const username of ['graduate.office', 'free.education', 'welfare.office', 'auditor']) {
      const cookie = await h.login(username);
      const before = (await auditEvents(h.t)).length;
      const res = await createUser(
        { username: `made.by.${username}`, password: 'a long enough passphrase', role: 'admin', displayName: 'X' },
        cookie,
      );
      expect(res.statusCode).toBe(403);
      expect(res.json().type).toBe('/api/problems/forbidden');
      const after = await auditEvents(h.t);
      expect(after.slice(before).map((e) => e.action)).toEqual([]);
    }
    expect(await h.t.db.selectFrom('users').where('username', 'like', 'made.by.%').selectAll().execute()).toEqual([]);
  });

  it('requires a session', async () => {
    const res = await createUser(
      { username: 'anon.made', password: 'a long enough passphrase', role: 'admin', displayName: 'X' },
      '',
    );
    expect(res.statusCode).toBe(401);
  });

  it.each([
    [{ password: 'short' }, 'password'],
    [{ password: 'password1234' }, 'password'],
    [{ password: 'new.person is my password' }, 'password'],
    [{ username: 'Bad Name' }, 'username'],
    [{ role: 'superuser' }, 'role'],
    [{ displayName: 'tab\there' }, 'displayName'],
    [{ isAdmin: true }, 'isAdmin'],
    [{ role: 'graduate' }, 'graduateId'],
    [{ graduateId: '00000000-0000-4000-8000-000000000000' }, 'graduateId'],
  ])('rejects %j naming the field %s', async (change, field) => {
    const res = await createUser({
      username: 'new.person',
      password: 'a long enough passphrase',
      role: 'auditor',
      displayName: 'New Person',
      ...change,
    });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.json().errors.map((e: { field: string }) => e.field)).toContain(field);
  });

  it('refuses a duplicate username, case-insensitively, with 409', async () => {
    const res = await createUser({
      username: 'auditor',
      password: 'a long enough passphrase',
      role: 'auditor',
      displayName: 'X',
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().type).toBe('/api/problems/username-taken');
  });
});

describe('PUT /api/users/:id', () => {
  it('updates with the current version, raises it, and refuses a stale one with 409', async () => {
    const row = await userByName('free.education');
    const ok = await h.call(admin, {
      method: 'PUT',
      url: `/api/users/${row.id}`,
      payload: { version: row.version, displayName: 'کارشناس لغو تعهد' },
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ displayName: 'کارشناس لغو تعهد', version: row.version + 1 });
    const stale = await h.call(admin, {
      method: 'PUT',
      url: `/api/users/${row.id}`,
      payload: { version: row.version, displayName: 'lost update' },
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({ type: '/api/problems/stale-version', currentVersion: row.version + 1 });
    expect((await userByName('free.education')).displayName).toBe('کارشناس لغو تعهد');
  });

  it('deactivation ends the account’s sessions at once and is audited', async () => {
    const victim = await h.login('welfare.office');
    const row = await userByName('welfare.office');
    const open = await h.t.db
      .selectFrom('sessions')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('userId', '=', row.id)
      .where('endedAt', 'is', null)
      .executeTakeFirstOrThrow();
    const res = await h.call(admin, {
      method: 'PUT',
      url: `/api/users/${row.id}`,
      payload: { version: row.version, active: false },
    });
    expect(res.statusCode).toBe(200);
    expect((await h.call(victim, { method: 'GET', url: '/api/auth/session' })).statusCode).toBe(401);
    const event = (await auditEvents(h.t)).at(-1)!;
    expect(event).toMatchObject({ action: 'user.deactivate', subjectId: row.id });
    expect(event.after).toMatchObject({ active: false, endedSessions: Number(open.n) });
    expect(Number(open.n)).toBeGreaterThan(0);
    const back = await h.call(admin, {
      method: 'PUT',
      url: `/api/users/${row.id}`,
      payload: { version: row.version + 1, active: true },
    });
    expect(back.statusCode).toBe(200);
    expect((await auditEvents(h.t)).at(-1)?.action).toBe('user.reactivate');
  });

  it('resets a password: old sessions end, the new password works', async () => {
    const old = await h.login('graduate.office');
    const row = await userByName('graduate.office');
    const res = await h.call(admin, {
      method: 'PUT',
      url: `/api/users/${row.id}`,
      payload: { version: row.version, password: 'a brand new passphrase' },
    });
    expect(res.statusCode).toBe(200);
    expect((await h.call(old, { method: 'GET', url: '/api/auth/session' })).statusCode).toBe(401);
    await h.login('graduate.office', 'a brand new passphrase');
    expect((await auditEvents(h.t)).filter((e) => e.action === 'user.reset_password')).toHaveLength(1);
  });

  it('does not let the admin change their own role or deactivate themselves', async () => {
    const self = await userByName('admin');
    for (const change of [{ active: false }, { role: 'auditor' }]) {
      const res = await h.call(admin, {
        method: 'PUT',
        url: `/api/users/${self.id}`,
        payload: { version: self.version, ...change },
      });
      expect(res.statusCode).toBe(403);
    }
    expect(await userByName('admin')).toMatchObject({ active: true, role: 'admin', version: self.version });
  });

  it('hides accounts from every other role: 404, nothing written', async () => {
    const auditor = await h.login('auditor');
    const target = await userByName('free.education');
    const before = (await auditEvents(h.t)).length;
    const seen = await h.call(auditor, {
      method: 'PUT',
      url: `/api/users/${target.id}`,
      payload: { version: target.version, displayName: 'hacked' },
    });
    expect(seen.statusCode).toBe(404);
    const officer = await h.login('welfare.office');
    const hidden = await h.call(officer, {
      method: 'PUT',
      url: `/api/users/${target.id}`,
      payload: { version: target.version, displayName: 'hacked' },
    });
    expect(hidden.statusCode).toBe(404);
    expect((await userByName('free.education')).displayName).not.toBe('hacked');
    // Only the officer's login was written; neither refused edit left an event.
    expect((await auditEvents(h.t)).slice(before).map((e) => e.action)).toEqual(['auth.login']);
  });
});

describe('graduate accounts', () => {
  it('refuses a second account for the same graduate, and an unknown graduate, naming graduateId', async () => {
    const values = {
      studentNumber: '40299001',
      nationalId: '0499370899',
      firstName: 'رضا',
      lastName: 'محمدی',
      fatherName: 'حسن',
      birthDate: '1995-01-01',
      gender: 'male' as const,
      degreeLevel: 'phd' as const,
      faculty: 'دانشکده ریاضی',
      program: 'آمار',
    };
    const graduate = await h.t.db
      .insertInto('graduates')
      .values({ ...values, searchText: graduateSearchText(values) })
      .returning('id')
      .executeTakeFirstOrThrow();
    const g = { json: () => graduate };
    const account = (username: string, graduateId: string) =>
      createUser({
        username,
        password: 'a long graduate passphrase',
        role: 'graduate',
        displayName: 'رضا',
        graduateId,
      });
    expect((await account('reza.first', g.json().id)).statusCode).toBe(201);
    const second = await account('reza.second', g.json().id);
    expect(second.statusCode).toBe(409);
    expect(second.json()).toMatchObject({
      type: '/api/problems/graduate-has-account',
      errors: [{ field: 'graduateId' }],
    });
    const unknown = await account('reza.third', '00000000-0000-4000-8000-000000000000');
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().errors[0]).toMatchObject({ field: 'graduateId', code: 'graduate_unknown' });
  });
});
