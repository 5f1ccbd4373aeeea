import { digitsArToEn, digitsFaToEn, verifyIranianNationalId } from '@persian-tools/persian-tools';

const ARABIC_TO_PERSIAN: Record<string, string> = {
  ي: 'ی',
  ى: 'ی',
  ئ: 'ی',
  ك: 'ک',
  ة: 'ه',
  ۀ: 'ه',
  أ: 'ا',
  إ: 'ا',
  ٱ: 'ا',
  ؤ: 'و',
};
// Harakat, tatweel, and the invisible joiners and marks that typing inserts.
const IGNORABLE = /[\u064B-\u065F\u0670\u0640\u200B-\u200F\u202A-\u202E\u2066-\u2069\uFEFF]/g;

/**
 * One form for searching names and numbers whatever keyboard typed them: Arabic and Persian letter
 * variants (ي/ی, ك/ک, …), diacritics, zero-width non-joiners and digit scripts all fold away.
 */
export function normalizeForSearch(text: string): string {
  const digits = digitsArToEn(digitsFaToEn(text.normalize('NFC')));
  return digits
    .replace(IGNORABLE, '')
    .replace(/[يىئكةۀأإٱؤ]/g, (c) => ARABIC_TO_PERSIAN[c] ?? c)
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();
}

export function graduateSearchText(g: {
  firstName: string;
  lastName: string;
  fatherName?: string;
  studentNumber: string;
  nationalId: string;
}): string {
  return normalizeForSearch(`${g.firstName} ${g.lastName} ${g.studentNumber} ${g.nationalId}`);
}

/** 10 digits with the check digit (any digit script accepted, answered in ASCII digits), or null. */
export function normalizeNationalId(input: string): string | null {
  const id = digitsArToEn(digitsFaToEn(input.trim()));
  if (!/^[0-9]{10}$/.test(id)) return null;
  return verifyIranianNationalId(id) ? id : null;
}
