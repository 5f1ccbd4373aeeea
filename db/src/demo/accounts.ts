import type { Stage } from '../domain.ts';
import type { DegreeLevel, Gender } from '../tables/graduates.table.ts';

export interface DemoGraduateAccount {
  username: string;
  /** The stage of this graduate's request in the seeded data. */
  stage: Stage;
  /** Full name, as the README shows it. */
  name: string;
  firstName: string;
  lastName: string;
  gender: Gender;
  degreeLevel: DegreeLevel;
}

const account = (
  username: string,
  stage: Stage,
  firstName: string,
  lastName: string,
  gender: Gender,
  degreeLevel: DegreeLevel,
): DemoGraduateAccount => ({
  username,
  stage,
  name: `${firstName} ${lastName}`,
  firstName,
  lastName,
  gender,
  degreeLevel,
});

/**
 * Self-service accounts (role `graduate`, password DEMO_PASSWORD) of demo graduates whose requests sit in
 * the named stages: `graduate.draft` has both ticks and two of three documents, and can confirm their details,
 * upload the provisional certificate and submit; `graduate.returned` has an open next action.
 */
export const DEMO_GRADUATE_ACCOUNTS: readonly DemoGraduateAccount[] = [
  account('graduate.draft', 'draft', 'زهرا سادات', 'نیک\u200cنام', 'female', 'masters'),
  account('graduate.submitted', 'submitted', 'محمدحسین', 'کاظمی', 'male', 'masters'),
  account('graduate.returned', 'returned', 'علیرضا', 'یزدانی', 'male', 'masters'),
  account('graduate.ready', 'ready', 'فاطمه', 'کریمی', 'female', 'phd'),
  account('graduate.delivered', 'delivered', 'امیرحسین', 'شریفی', 'male', 'masters'),
];
