import { type Kysely, sql } from 'kysely';

/**
 * The working calendar (issue 7, part 1): official holidays, the Thursday rule, and each office's target per
 * stage in working days.
 *
 * The fixed solar holidays of 1405 and 1406 are seeded here rather than in the demo seed: every install needs
 * them, production included (the demo seed runs only with demo data), and the admin edits or extends them from
 * there. Their Gregorian dates are written out, frozen like the rest of a migration; a test checks each one
 * against its Solar Hijri day. Lunar holidays move every year and are data the admin enters.
 */

const FIXED_SOLAR = [
  ['01-01', 'عید نوروز', 'Nowruz'],
  ['01-02', 'عید نوروز', 'Nowruz'],
  ['01-03', 'عید نوروز', 'Nowruz'],
  ['01-04', 'عید نوروز', 'Nowruz'],
  ['01-12', 'روز جمهوری اسلامی', 'Islamic Republic Day'],
  ['01-13', 'روز طبیعت', 'Nature Day (Sizdah Bedar)'],
  ['03-14', 'رحلت امام خمینی', 'Anniversary of the death of Imam Khomeini'],
  ['03-15', 'قیام ۱۵ خرداد', 'Anniversary of the 15 Khordad uprising'],
  ['11-22', 'پیروزی انقلاب اسلامی', 'Victory of the Islamic Revolution'],
  ['12-29', 'روز ملی شدن صنعت نفت', 'Oil Nationalisation Day'],
] as const;

/** Solar Hijri month-day → Gregorian date, for 1405 (from 2026-03-21) and 1406 (from 2027-03-21). */
const GREGORIAN: Record<string, [string, string]> = {
  '01-01': ['2026-03-21', '2027-03-21'],
  '01-02': ['2026-03-22', '2027-03-22'],
  '01-03': ['2026-03-23', '2027-03-23'],
  '01-04': ['2026-03-24', '2027-03-24'],
  '01-12': ['2026-04-01', '2027-04-01'],
  '01-13': ['2026-04-02', '2027-04-02'],
  '03-14': ['2026-06-04', '2027-06-04'],
  '03-15': ['2026-06-05', '2027-06-05'],
  '11-22': ['2027-02-11', '2028-02-11'],
  '12-29': ['2027-03-20', '2028-03-19'],
};

const OFFICE_STAGES = {
  graduate_officer: ['submitted', 'under_review', 'approved', 'printing', 'signing', 'ready'],
  free_education_officer: ['submitted', 'under_review'],
  welfare_officer: ['submitted', 'under_review'],
};

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('holidays')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('date', 'date', (c) => c.notNull().unique())
    .addColumn('name_fa', 'text', (c) => c.notNull().check(sql`char_length(name_fa) BETWEEN 1 AND 200`))
    .addColumn('name_en', 'text', (c) => c.notNull().check(sql`char_length(name_en) BETWEEN 1 AND 200`))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind IN ('fixed_solar', 'lunar', 'other')`))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_by', 'uuid', (c) => c.references('users.id'))
    .addColumn('updated_by', 'uuid', (c) => c.references('users.id'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  // One row: the rules of the working week that are not holidays. Friday is always the weekend.
  await db.schema
    .createTable('working_calendar')
    .addColumn('id', 'boolean', (c) => c.primaryKey().defaultTo(true).check(sql`id`))
    .addColumn('thursday', 'text', (c) =>
      c.notNull().defaultTo('working').check(sql`thursday IN ('working', 'half', 'off')`),
    )
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('updated_by', 'uuid', (c) => c.references('users.id'))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await sql`INSERT INTO working_calendar DEFAULT VALUES`.execute(db);

  // The stages whose waiting counts against each office; draft and returned wait on the graduate.
  await db.schema
    .createTable('stage_targets')
    .addColumn('office', 'text', (c) =>
      c.notNull().check(sql`office IN ('graduate_officer', 'free_education_officer', 'welfare_officer')`),
    )
    .addColumn('stage', 'text', (c) =>
      c.notNull().check(sql`stage IN ('submitted', 'under_review', 'approved', 'printing', 'signing', 'ready')`),
    )
    .addColumn('target_days', 'integer', (c) => c.notNull().defaultTo(10).check(sql`target_days BETWEEN 1 AND 365`))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('updated_by', 'uuid', (c) => c.references('users.id'))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('stage_targets_pkey', ['office', 'stage'])
    .execute();
  await db
    .insertInto('stage_targets')
    .values(Object.entries(OFFICE_STAGES).flatMap(([office, stages]) => stages.map((stage) => ({ office, stage }))))
    .execute();

  await db
    .insertInto('holidays')
    .values(
      [0, 1].flatMap((year) =>
        FIXED_SOLAR.map(([day, nameFa, nameEn]) => ({
          date: GREGORIAN[day]![year],
          name_fa: nameFa,
          name_en: nameEn,
          kind: 'fixed_solar',
        })),
      ),
    )
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('stage_targets').execute();
  await db.schema.dropTable('working_calendar').execute();
  await db.schema.dropTable('holidays').execute();
}
