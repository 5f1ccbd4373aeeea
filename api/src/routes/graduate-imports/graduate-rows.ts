import {
  type DegreeLevel,
  type Gender,
  normalizeForSearch,
  normalizeNationalId,
  toAsciiDigits,
} from '@diploma-desk/db';
import { type CsvRecord, ImportFileError } from './csv-reader.ts';
import { isoDate, readDate } from './solar-date.ts';

/**
 * The pure core of the import: which column is which field, and each line of the file read into a graduate
 * as POST /api/graduates would record them — or the reasons it cannot be, and what was normalised on the way.
 */

export const IMPORT_FIELDS = [
  'studentNumber',
  'nationalId',
  'firstName',
  'lastName',
  'fatherName',
  'birthDate',
  'gender',
  'degreeLevel',
  'faculty',
  'program',
  'scholarship',
] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];
/** Every field but `scholarship`, which is `no` when its column or cell is empty. */
export const REQUIRED_FIELDS: readonly ImportField[] = IMPORT_FIELDS.filter((f) => f !== 'scholarship');

/**
 * Header names, in Persian as the educational portal writes them and in English (the API's own field names
 * among them). Compared after folding: letter variants, digits, case, spaces, ZWNJ, `_`, `-`, `.` and `'`.
 */
export const HEADER_NAMES: Record<ImportField, readonly string[]> = {
  studentNumber: ['شماره دانشجویی', 'شماره دانشجو', 'student number', 'student no', 'student id'],
  nationalId: ['کد ملی', 'شماره ملی', 'national id', 'national code', 'national id number'],
  firstName: ['نام', 'first name', 'given name'],
  lastName: ['نام خانوادگی', 'last name', 'surname', 'family name'],
  fatherName: ['نام پدر', "father's name", 'father name'],
  birthDate: ['تاریخ تولد', 'birth date', 'date of birth'],
  gender: ['جنسیت', 'جنس', 'gender', 'sex'],
  degreeLevel: ['مقطع', 'مقطع تحصیلی', 'degree', 'degree level'],
  faculty: ['دانشکده', 'faculty'],
  program: ['رشته', 'رشته تحصیلی', 'رشته گرایش', 'program', 'field of study'],
  scholarship: ['بورسیه', 'scholarship', 'scholarship holder'],
};

const compact = (text: string) => normalizeForSearch(text).replace(/[\s_\-.'’‌]/g, '');
const FIELD_BY_HEADER = new Map(
  IMPORT_FIELDS.flatMap((field) => [field, ...HEADER_NAMES[field]].map((name) => [compact(name), field] as const)),
);

/** Values written in the file for the fields that take one of a few, folded as headers are. */
const GENDER_WORDS: Record<Gender, readonly string[]> = {
  male: ['مرد', 'مذکر', 'آقا', 'male', 'm', 'man'],
  female: ['زن', 'مونث', 'مؤنث', 'خانم', 'female', 'f', 'woman'],
};
const DEGREE_WORDS: Record<DegreeLevel, readonly string[]> = {
  masters: [
    'کارشناسی ارشد',
    'ارشد',
    'کارشناسی ارشد ناپیوسته',
    'فوق لیسانس',
    'masters',
    'master',
    "master's",
    'msc',
    'ma',
  ],
  phd: ['دکتری', 'دکترا', 'دکتری تخصصی', 'phd', 'doctorate', 'doctoral'],
};
const YES_NO: Record<'yes' | 'no', readonly string[]> = {
  yes: ['بله', 'بلی', 'آری', 'دارد', 'بورسیه', 'yes', 'y', 'true', '1'],
  no: ['خیر', 'نه', 'ندارد', 'no', 'n', 'false', '0'],
};
const lookup = <K extends string>(table: Record<K, readonly string[]>) =>
  new Map(
    (Object.entries(table) as Array<[K, readonly string[]]>).flatMap(([key, words]) =>
      words.map((w) => [compact(w), key] as const),
    ),
  );
const GENDERS = lookup(GENDER_WORDS);
const DEGREES = lookup(DEGREE_WORDS);
const YES_NO_WORDS = lookup(YES_NO);

/** The field a header cell names, or null when the import does not read that column. */
export const headerField = (cell: string): ImportField | null => FIELD_BY_HEADER.get(compact(cell)) ?? null;

export interface Column {
  /** The header cell as written (trimmed). */
  header: string;
  /** The field the column was taken as; null when it is not one the import reads (ignored). */
  field: ImportField | null;
}

/** Maps the header row to fields; refuses a header without every required field, or naming one twice. */
export function mapHeader(header: CsvRecord | undefined): Column[] {
  if (!header) throw new ImportFileError('no_header', 'The file is empty: it has no header line.');
  const columns = header.cells.map((cell) => {
    const text = cell.replace(/\s+/g, ' ').trim();
    return { header: text, field: headerField(text) };
  });
  const named = columns.flatMap((c) => (c.field ? [c.field] : []));
  const twice = [...new Set(named.filter((f, i) => named.indexOf(f) !== i))];
  if (twice.length > 0) {
    throw new ImportFileError('duplicate_columns', `More than one column is taken as: ${twice.join(', ')}.`, {
      fields: twice.join(', '),
    });
  }
  const missing = REQUIRED_FIELDS.filter((f) => !named.includes(f));
  if (missing.length > 0) {
    const found = columns.map((c) => c.header).join(' | ');
    throw new ImportFileError(
      'missing_columns',
      `The header line lacks the columns: ${missing.join(', ')} (it has: ${found.slice(0, 500)}).`,
      { fields: missing.join(', ') },
    );
  }
  return columns;
}

export type IssueSeverity = 'error' | 'difference' | 'warning';
/** One finding about a line: an error makes it invalid, a difference a conflict; a warning is for information. */
export interface Issue {
  code: string;
  severity: IssueSeverity;
  field?: ImportField;
  params?: Record<string, string | number>;
}

/** A graduate as POST /api/graduates records them. */
export interface GraduateValues {
  studentNumber: string;
  nationalId: string;
  firstName: string;
  lastName: string;
  fatherName: string;
  birthDate: string;
  gender: Gender;
  degreeLevel: DegreeLevel;
  faculty: string;
  program: string;
  scholarship: boolean;
}

export interface ParsedLine {
  line: number;
  /** What was read of each field, normalised where it could be (strings as shown; scholarship a boolean). */
  fields: Partial<Record<ImportField, string | boolean>>;
  /** The graduate, when the line has no error. */
  values: GraduateValues | null;
  issues: Issue[];
}

const ARABIC_LETTERS = /[يىك]/g;
const PERSIAN_LETTER: Record<string, string> = { ي: 'ی', ى: 'ی', ك: 'ک' };
/** Characters no one sees: zero-width space and joiner, bidi marks, overrides and isolates, stray BOMs. */
const INVISIBLE = /[\u200b\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff\u061c]|\u200d/g;
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what this finds.
const CONTROL = /[\u0000-\u0008\u000e-\u001f\u007f-\u009f]/;
const NON_ASCII_DIGITS = /[۰-۹٠-٩]/;

/** Cleans one cell and notes what it changed, as the warnings a line carries. */
function clean(raw: string, field: ImportField, issues: Issue[]): string {
  const warn = (code: string) => {
    if (!issues.some((i) => i.code === code && i.field === field)) issues.push({ code, severity: 'warning', field });
  };
  let text = raw.normalize('NFC');
  if (text.search(INVISIBLE) !== -1) {
    text = text.replace(INVISIBLE, '');
    warn('invisible_characters');
  }
  if (text.search(ARABIC_LETTERS) !== -1) {
    text = text.replace(ARABIC_LETTERS, (c) => PERSIAN_LETTER[c] ?? c);
    warn('arabic_letters');
  }
  // Runs of spaces, tabs and line breaks become one space; a ZWNJ beside a space or at either end joins nothing.
  const spaced = text
    .replace(/\s*\u200c+\s*/g, (m) => (/\s/.test(m) ? ' ' : '\u200c'))
    .replace(/\s+/g, ' ')
    .replace(/^[\s\u200c]+|[\s\u200c]+$/g, '');
  if (spaced !== text) {
    text = spaced;
    warn('whitespace');
  }
  return text;
}

function digitsOf(text: string, field: ImportField, issues: Issue[]): string {
  if (text.search(NON_ASCII_DIGITS) === -1) return text;
  issues.push({ code: 'digits', severity: 'warning', field });
  return toAsciiDigits(text);
}

const MAX_LENGTH: Partial<Record<ImportField, number>> = {
  firstName: 100,
  lastName: 100,
  fatherName: 100,
  faculty: 200,
  program: 200,
};

/** The earliest birth date taken: no graduate now alive was born before it. */
const EARLIEST_BIRTH = '1900-01-01';

/**
 * Reads one line of the file. `today` (YYYY-MM-DD) bounds birth dates. Never throws: whatever is wrong with
 * the line becomes an error issue, and the line is invalid.
 */
export function parseLine(record: CsvRecord, columns: readonly Column[], today: string): ParsedLine {
  const issues: Issue[] = [];
  const error = (code: string, field: ImportField, params?: Issue['params']) =>
    issues.push({ code, severity: 'error', field, ...(params ? { params } : {}) });
  const fields: ParsedLine['fields'] = {};
  const text: Partial<Record<ImportField, string>> = {};
  columns.forEach((column, i) => {
    if (!column.field) return;
    const raw = record.cells[i] ?? '';
    if (CONTROL.test(raw)) {
      error('control_characters', column.field);
      text[column.field] = raw.replace(new RegExp(CONTROL.source, 'g'), '');
      return;
    }
    text[column.field] = clean(raw, column.field, issues);
  });
  if (record.cells.length > columns.length && record.cells.slice(columns.length).some((c) => c.trim() !== '')) {
    issues.push({ code: 'extra_cells', severity: 'warning', params: { count: record.cells.length - columns.length } });
  }

  const required = (field: ImportField): string | undefined => {
    const value = text[field] ?? '';
    fields[field] = value;
    if (value === '') {
      error('required', field);
      return undefined;
    }
    return value;
  };

  let studentNumber = required('studentNumber');
  if (studentNumber !== undefined) {
    studentNumber = digitsOf(studentNumber, 'studentNumber', issues);
    fields.studentNumber = studentNumber;
    if (!/^[0-9]{4,20}$/.test(studentNumber)) {
      error('bad_student_number', 'studentNumber');
      studentNumber = undefined;
    }
  }

  let nationalId = required('nationalId');
  if (nationalId !== undefined) {
    let id = digitsOf(nationalId, 'nationalId', issues);
    if (/^[0-9][0-9 -]*[0-9]$/.test(id) && /[ -]/.test(id)) {
      id = id.replace(/[ -]/g, '');
      issues.push({ code: 'national_id_separators', severity: 'warning', field: 'nationalId' });
    }
    // A spreadsheet that took the column for numbers dropped its leading zeros.
    if (/^[0-9]{8,9}$/.test(id)) {
      id = id.padStart(10, '0');
      issues.push({ code: 'national_id_padded', severity: 'warning', field: 'nationalId' });
    }
    fields.nationalId = id;
    nationalId = normalizeNationalId(id) ?? undefined;
    if (nationalId === undefined)
      error(/^[0-9]{10}$/.test(id) ? 'national_id_checksum' : 'national_id_length', 'nationalId');
  }

  const names = (['firstName', 'lastName', 'fatherName', 'faculty', 'program'] as const).map((field) => {
    const value = required(field);
    const max = MAX_LENGTH[field] ?? 100;
    if (value !== undefined && [...value].length > max) {
      error('too_long', field, { max });
      return undefined;
    }
    return value;
  });

  let birthDate: string | undefined;
  const date = required('birthDate');
  if (date !== undefined) {
    const ascii = digitsOf(date, 'birthDate', issues);
    const read = readDate(ascii);
    fields.birthDate = read ? isoDate(read) : ascii;
    if (!read) error('bad_date', 'birthDate');
    else if (fields.birthDate > today || fields.birthDate < EARLIEST_BIRTH) error('date_out_of_range', 'birthDate');
    else birthDate = fields.birthDate;
    if (read?.calendar === 'gregorian') {
      issues.push({ code: 'gregorian_date', severity: 'warning', field: 'birthDate' });
    }
  }

  const choice = <T extends string>(field: ImportField, table: Map<string, T>): T | undefined => {
    const value = required(field);
    if (value === undefined) return undefined;
    const found = table.get(compact(value));
    if (found === undefined) error('bad_value', field, { value: value.slice(0, 50) });
    else fields[field] = found;
    return found;
  };
  const gender = choice('gender', GENDERS);
  const degreeLevel = choice('degreeLevel', DEGREES);

  let scholarship = false;
  const bursary = text.scholarship ?? '';
  if (bursary !== '') {
    const answer = YES_NO_WORDS.get(compact(bursary));
    if (answer === undefined) {
      fields.scholarship = bursary;
      error('bad_value', 'scholarship', { value: bursary.slice(0, 50) });
    } else scholarship = answer === 'yes';
  }
  if (fields.scholarship === undefined) fields.scholarship = scholarship;

  const [firstName, lastName, fatherName, faculty, program] = names;
  const valid = !issues.some((i) => i.severity === 'error');
  const values =
    valid &&
    studentNumber &&
    nationalId &&
    firstName &&
    lastName &&
    fatherName &&
    birthDate &&
    gender &&
    degreeLevel &&
    faculty &&
    program
      ? {
          studentNumber,
          nationalId,
          firstName,
          lastName,
          fatherName,
          birthDate,
          gender,
          degreeLevel,
          faculty,
          program,
          scholarship,
        }
      : null;
  return { line: record.line, fields, values, issues };
}

/** Marks later lines naming a national ID or student number an earlier line of the file named: invalid. */
export class DuplicateFinder {
  private readonly first = { nationalId: new Map<string, number>(), studentNumber: new Map<string, number>() };

  check(line: ParsedLine): void {
    for (const field of ['nationalId', 'studentNumber'] as const) {
      const key = line.issues.some((i) => i.field === field && i.severity === 'error') ? undefined : line.fields[field];
      if (typeof key !== 'string' || key === '') continue;
      const earlier = this.first[field].get(key);
      if (earlier === undefined) this.first[field].set(key, line.line);
      else {
        line.issues.unshift({ code: 'duplicate_in_file', severity: 'error', field, params: { line: earlier } });
        line.values = null;
      }
    }
  }
}

/** The fields on which a graduate as recorded differs from a line (text compared as search compares it). */
export function differences(values: GraduateValues, recorded: GraduateValues): ImportField[] {
  return IMPORT_FIELDS.filter((field) => {
    const a = values[field];
    const b = recorded[field];
    return typeof a === 'string' && typeof b === 'string' ? normalizeForSearch(a) !== normalizeForSearch(b) : a !== b;
  });
}
