import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { DEFAULT_TARGET_DAYS, TARGET_STAGES } from '../src/domain.ts';
import { createTestDb, type TestDb } from '../src/testing.ts';

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb(process.env.TEST_DATABASE_URL);
});
afterAll(() => t.close());

/** The Solar Hijri day of a Gregorian date, by ICU's Persian calendar: independent of the migration's table. */
const solar = (date: string) => {
  const parts = new Intl.DateTimeFormat('en-US-u-ca-persian-nu-latn', {
    timeZone: 'UTC',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).formatToParts(new Date(`${date}T12:00:00Z`));
  const part = (type: string) => parts.find((p) => p.type === type)?.value;
  return `${part('year')}/${part('month')}/${part('day')}`;
};

it('seeds the fixed solar holidays of 1405 and 1406 on their Solar Hijri days', async () => {
  const rows = await t.db.selectFrom('holidays').selectAll().orderBy('date').execute();
  const days = ['01/01', '01/02', '01/03', '01/04', '01/12', '01/13', '03/14', '03/15', '11/22', '12/29'];
  expect(rows.map((r) => solar(r.date))).toEqual([...days.map((d) => `1405/${d}`), ...days.map((d) => `1406/${d}`)]);
  expect(new Set(rows.map((r) => r.kind))).toEqual(new Set(['fixed_solar']));
  expect(rows.every((r) => r.nameFa.length > 0 && r.nameEn.length > 0 && r.createdBy === null)).toBe(true);
  expect(rows.find((r) => r.date === '2026-03-21')).toMatchObject({ nameFa: 'عید نوروز', nameEn: 'Nowruz' });
});

it('keeps one calendar row, Thursday a working day until the admin says otherwise', async () => {
  expect(await t.db.selectFrom('workingCalendar').select(['thursday', 'version']).execute()).toEqual([
    { thursday: 'working', version: 1 },
  ]);
  await expect(sql`INSERT INTO working_calendar (id) VALUES (false)`.execute(t.db)).rejects.toThrow();
  await expect(sql`INSERT INTO working_calendar DEFAULT VALUES`.execute(t.db)).rejects.toThrow();
  await expect(sql`UPDATE working_calendar SET thursday = 'sometimes'`.execute(t.db)).rejects.toThrow();
});

it('seeds a target of 10 working days for every stage that counts against an office', async () => {
  const rows = await t.db.selectFrom('stageTargets').select(['office', 'stage', 'targetDays']).execute();
  const expected = Object.entries(TARGET_STAGES).flatMap(([office, stages]) =>
    stages.map((stage) => ({ office, stage, targetDays: DEFAULT_TARGET_DAYS })),
  );
  expect(rows).toEqual(expect.arrayContaining(expected));
  expect(rows).toHaveLength(expected.length);
  await expect(
    sql`UPDATE stage_targets SET target_days = 0 WHERE office = 'graduate_officer'`.execute(t.db),
  ).rejects.toThrow();
  await expect(
    sql`INSERT INTO stage_targets (office, stage) VALUES ('graduate_officer', 'returned')`.execute(t.db),
  ).rejects.toThrow();
});

it('refuses a second holiday on the same day', async () => {
  await expect(
    t.db
      .insertInto('holidays')
      .values({
        date: '2026-03-21',
        nameFa: 'تکراری',
        nameEn: 'Duplicate',
        kind: 'other',
        createdBy: null,
        updatedBy: null,
      })
      .execute(),
  ).rejects.toThrow();
});
