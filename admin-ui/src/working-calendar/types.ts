import type { HolidayKind, Stage, StageTargetOffice, ThursdayRule } from '@diploma-desk/db/domain';

export interface Holiday {
  id: string;
  /** YYYY-MM-DD, Gregorian: the day in Tehran. */
  date: string;
  nameFa: string;
  nameEn: string;
  kind: HolidayKind;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface WorkingWeek {
  thursday: ThursdayRule;
  version: number;
  updatedBy: string | null;
  updatedAt: string;
}

export interface StageTarget {
  /** `office:stage` */
  id: string;
  office: StageTargetOffice;
  stage: Stage;
  targetDays: number;
  version: number;
  updatedAt: string;
}
