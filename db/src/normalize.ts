import { digitsArToEn, digitsFaToEn } from '@persian-tools/persian-tools';

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

/** Persian and Arabic-Indic digits to ASCII. */
export function toAsciiDigits(text: string): string {
  return digitsArToEn(digitsFaToEn(text));
}

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

function checkDigit(first9: string): number {
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += Number(first9[i]) * (10 - i);
  const r = sum % 11;
  return r < 2 ? r : 11 - r;
}

/**
 * 10 digits whose last is the check digit of the first nine (weights 10..2, mod 11), not one digit
 * repeated; any digit script accepted, answered in ASCII digits. Null when invalid.
 */
export function normalizeNationalId(input: string): string | null {
  const id = toAsciiDigits(input.trim());
  if (!/^[0-9]{10}$/.test(id) || /^(\d)\1{9}$/.test(id)) return null;
  return checkDigit(id.slice(0, 9)) === Number(id[9]) ? id : null;
}

/** A valid national ID from a source of random numbers in [0, 1) (demo data and tests). */
export function generateNationalId(random: () => number = Math.random): string {
  for (;;) {
    const first9 = Array.from({ length: 9 }, () => Math.floor(random() * 10)).join('');
    const id = `${first9}${checkDigit(first9)}`;
    if (normalizeNationalId(id)) return id;
  }
}
