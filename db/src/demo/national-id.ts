import { validNationalIdPrefixes, verifyIranianNationalId } from '@persian-tools/persian-tools';
import type { DemoRandom } from './random.ts';

/** Tehran's issuing offices: a Tehran university's graduates come mostly from there. */
const TEHRAN_PREFIXES = ['001', '002', '003', '004', '005', '006', '007', '008'];
/** Every other issuing office, in a fixed order so that picks are reproducible. */
const OTHER_PREFIXES = [...validNationalIdPrefixes].filter((p) => !TEHRAN_PREFIXES.includes(p)).sort();

/** The check digit of an Iranian national ID from its first nine digits. */
export function nationalIdCheckDigit(firstNine: string): number {
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += Number(firstNine[i]) * (10 - i);
  const r = sum % 11;
  return r < 2 ? r : 11 - r;
}

/** A valid 10-digit national ID (real prefix, correct check digit, not one repeated digit) not in `taken`. */
export function demoNationalId(rng: DemoRandom, taken: Set<string>): string {
  for (;;) {
    const prefix = rng.chance(0.55) ? rng.pick(TEHRAN_PREFIXES) : rng.pick(OTHER_PREFIXES);
    const firstNine = prefix + rng.digits(6);
    const id = firstNine + String(nationalIdCheckDigit(firstNine));
    if (!taken.has(id) && verifyIranianNationalId(id)) {
      taken.add(id);
      return id;
    }
  }
}
