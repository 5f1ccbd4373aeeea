import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';

export type Gender = 'male' | 'female';
export type DegreeLevel = 'masters' | 'phd';

export interface GraduatesTable {
  id: Generated<string>;
  studentNumber: string;
  nationalId: string;
  firstName: string;
  lastName: string;
  fatherName: string;
  /** ISO date (YYYY-MM-DD), Gregorian; the pg driver is set to return dates as strings. */
  birthDate: string;
  gender: Gender;
  degreeLevel: DegreeLevel;
  faculty: string;
  program: string;
  scholarship: Generated<boolean>;
  /** Names, student number and national ID in one normalised form for search (see normalize.ts). */
  searchText: string;
  version: Generated<number>;
  createdAt: ColumnType<Date, never, never>;
  updatedAt: Generated<Date>;
}

export type GraduateRow = Selectable<GraduatesTable>;
export type NewGraduateRow = Insertable<GraduatesTable>;
export type GraduateRowUpdate = Updateable<GraduatesTable>;
