export { DEMO_GRADUATE_ACCOUNTS, type DemoGraduateAccount } from './accounts.ts';
export { nationalIdCheckDigit } from './national-id.ts';
export {
  buildDemoPlan,
  DEMO_SEED,
  type DemoPlan,
  type DemoPlanOptions,
  type DemoStaffIds,
  type PersonalDetails,
  personalDetailsSnapshot,
} from './plan.ts';
export { type SampleKey, sampleFileContents, storeSampleFiles } from './samples.ts';
export { writeDemoPlan } from './write.ts';
