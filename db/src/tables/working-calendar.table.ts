import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';
import type { HolidayKind, Stage, StageTargetOffice, ThursdayRule } from '../domain.ts';

export interface HolidaysTable {
  id: Generated<string>;
  /** ISO date (YYYY-MM-DD), Gregorian, the day in Tehran; the pg driver returns dates as strings. */
  date: string;
  nameFa: string;
  nameEn: string;
  kind: HolidayKind;
  version: Generated<number>;
  createdBy: string | null;
  updatedBy: string | null;
  createdAt: ColumnType<Date, never, never>;
  updatedAt: Generated<Date>;
}
export type HolidayRow = Selectable<HolidaysTable>;
export type NewHolidayRow = Insertable<HolidaysTable>;
export type HolidayRowUpdate = Updateable<HolidaysTable>;

/** One row: the working week's rules that are not holidays (Friday is always the weekend). */
export interface WorkingCalendarTable {
  id: ColumnType<boolean, never, never>;
  thursday: ThursdayRule;
  version: Generated<number>;
  updatedBy: string | null;
  updatedAt: Generated<Date>;
}
export type WorkingCalendarRow = Selectable<WorkingCalendarTable>;

export interface StageTargetsTable {
  office: StageTargetOffice;
  stage: Stage;
  /** Working days a request may wait in the stage on the office before it is flagged overdue. */
  targetDays: number;
  version: Generated<number>;
  updatedBy: string | null;
  updatedAt: Generated<Date>;
}
export type StageTargetRow = Selectable<StageTargetsTable>;
