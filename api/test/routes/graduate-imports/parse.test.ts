import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type CsvRecord,
  type Delimiter,
  ImportFileError,
  readCsv,
} from '../../../src/routes/graduate-imports/csv-reader.ts';
import {
  type Column,
  DuplicateFinder,
  headerField,
  type ImportField,
  mapHeader,
  type ParsedLine,
  parseLine,
} from '../../../src/routes/graduate-imports/graduate-rows.ts';
import { readDate, solarToIso } from '../../../src/routes/graduate-imports/solar-date.ts';

/**
 * The import's pure core: the CSV reader (encodings, delimiters, quoting, chunk boundaries), the header in
 * Persian and English, and each line read into a graduate, with the reasons it cannot be and the warnings of
 * what was normalised.
 */

const TODAY = '2026-11-29';

/** A national ID: nine digits and their check digit (weights 10..2, mod 11). */
function withCheckDigit(nine: string): string {
  const sum = [...nine].reduce((total, d, i) => total + Number(d) * (10 - i), 0);
  const r = sum % 11;
  return `${nine}${r < 2 ? r : 11 - r}`;
}
const ID_A = withCheckDigit('004123456');
const ID_B = withCheckDigit('278912345');
const ID_C = withCheckDigit('451237890');
const toPersianDigits = (s: string) => s.replace(/[0-9]/g, (d) => '۰۱۲۳۴۵۶۷۸۹'[Number(d)]!);
const toArabicDigits = (s: string) => s.replace(/[0-9]/g, (d) => '٠١٢٣٤٥٦٧٨٩'[Number(d)]!);

/** The bytes, split into chunks of the given sizes (the rest in one), as a stream would hand them over. */
async function* chunks(bytes: Buffer, sizes: number[] = []): AsyncGenerator<Uint8Array> {
  let at = 0;
  for (const size of sizes) {
    if (at >= bytes.length) return;
    yield bytes.subarray(at, at + size);
    at += size;
  }
  if (at < bytes.length) yield bytes.subarray(at);
}

async function read(input: string | Buffer, sizes?: number[]) {
  const bytes = typeof input === 'string' ? Buffer.from(input, 'utf8') : input;
  let delimiter: Delimiter | undefined;
  const records: CsvRecord[] = [];
  for await (const r of readCsv(chunks(bytes, sizes), (d) => {
    delimiter = d;
  }))
    records.push(r);
  return { records, delimiter };
}

async function fileError(input: string | Buffer): Promise<{ code: string; params: unknown }> {
  try {
    await read(input);
  } catch (error) {
    if (!(error instanceof ImportFileError)) throw error;
    return { code: error.errors?.[0]?.code ?? '', params: error.extra?.params };
  }
  throw new Error('the file was read without complaint');
}

const PORTAL_HEADER = [
  'شماره دانشجویی',
  'کد ملی',
  'نام',
  'نام خانوادگی',
  'نام پدر',
  'تاریخ تولد',
  'جنسیت',
  'مقطع',
  'دانشکده',
  'رشته',
  'بورسیه',
];
const ENGLISH_HEADER = [
  'Student number',
  'National ID',
  'First name',
  'Last name',
  "Father's name",
  'Date of birth',
  'Gender',
  'Degree',
  'Faculty',
  'Program',
  'Scholarship',
];
const API_HEADER = [
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
];
const FIELDS = API_HEADER as ImportField[];

const columnsOf = (header: string[]): Column[] => mapHeader({ line: 1, cells: header });
const portalColumns = columnsOf(PORTAL_HEADER);

/** A line of the portal's file, with the given cells changed. */
function line(over: Partial<Record<ImportField, string>> = {}, lineNo = 2): ParsedLine {
  const cells: Record<ImportField, string> = {
    studentNumber: '40012345',
    nationalId: ID_A,
    firstName: 'مریم',
    lastName: 'رضایی',
    fatherName: 'حسن',
    birthDate: '1374/01/05',
    gender: 'زن',
    degreeLevel: 'کارشناسی ارشد',
    faculty: 'دانشکده مهندسی کامپیوتر',
    program: 'هوش مصنوعی',
    scholarship: 'خیر',
    ...over,
  };
  return parseLine({ line: lineNo, cells: FIELDS.map((f) => cells[f]) }, portalColumns, TODAY);
}

const codes = (l: ParsedLine, severity?: string) =>
  l.issues.filter((i) => !severity || i.severity === severity).map((i) => `${i.code}${i.field ? `:${i.field}` : ''}`);

describe('reading CSV', () => {
  it('reads comma-separated records with quoted cells holding commas, quotes and line breaks', async () => {
    const { records, delimiter } = await read('a,b,c\r\n1,"x, y","he said ""hi"""\r\n2,"two\r\nlines",z\r\n');
    expect(delimiter).toBe(',');
    expect(records).toEqual([
      { line: 1, cells: ['a', 'b', 'c'] },
      { line: 2, cells: ['1', 'x, y', 'he said "hi"'] },
      { line: 3, cells: ['2', 'two\r\nlines', 'z'] },
    ]);
  });

  it('takes semicolons when the header has more of them than commas (the Persian Excel default)', async () => {
    const { records, delimiter } = await read('نام;نام خانوادگی;رشته\nعلی;محمدی;"ریاضی, کاربردی"\n');
    expect(delimiter).toBe(';');
    expect(records[1]?.cells).toEqual(['علی', 'محمدی', 'ریاضی, کاربردی']);
  });

  it('drops the UTF-8 byte-order mark, so that the first header is read as written', async () => {
    const withBom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('کد ملی,نام\n1,2\n')]);
    const { records } = await read(withBom);
    expect(records[0]?.cells).toEqual(['کد ملی', 'نام']);
    expect(headerField('\ufeffکد ملی')).toBe('nationalId');
  });

  it('counts lines as the file has them: LF, CRLF, a lone CR, blank lines skipped, a last line without a break', async () => {
    const { records } = await read('h1,h2\n\na,b\r\n,\r\nc,d\re,f');
    expect(records.map((r) => [r.line, r.cells.join('|')])).toEqual([
      [1, 'h1|h2'],
      [3, 'a|b'],
      [5, 'c|d'],
      [6, 'e|f'],
    ]);
  });

  it('reads the same records however the bytes are cut into chunks (in a UTF-8 character, a CRLF, a doubled quote)', async () => {
    const text = `شماره دانشجویی;کد ملی;نام\r\n۴۰۰۱۲۳;"${ID_A}";"مریم ""مری"" رضایی"\r\n"۴۰۰۱۲۴";${ID_B};"علی\r\nرضا"\r\n`;
    const whole = await read(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]));
    await fc.assert(
      fc.asyncProperty(fc.array(fc.integer({ min: 1, max: 7 }), { maxLength: 80 }), async (sizes) => {
        const cut = await read(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]), sizes);
        expect(cut).toEqual(whole);
      }),
      { seed: 1405, numRuns: 200 },
    );
    expect(whole.records[1]?.cells[2]).toBe('مریم "مری" رضایی');
  });

  it('refuses a file that is not UTF-8 (Windows-1256, UTF-16), a workbook, binary data, or an unclosed quote', async () => {
    // "علی" in Windows-1256.
    expect((await fileError(Buffer.from([0x6e, 0x61, 0x6d, 0x65, 0x0a, 0xda, 0xe1, 0xed, 0x0a]))).code).toBe(
      'not_utf8',
    );
    expect((await fileError(Buffer.from('\ufeffname\n', 'utf16le'))).code).toBe('not_utf8');
    expect((await fileError(Buffer.from('PK\u0003\u0004[Content_Types].xml', 'latin1'))).code).toBe(
      'spreadsheet_not_csv',
    );
    expect((await fileError(Buffer.from('name,id\nx\u0000y,1\n'))).code).toBe('not_text');
    expect(await fileError('a,b\n1,"never closed\n2,3\n')).toEqual({ code: 'unclosed_quote', params: { line: 2 } });
  });
});

describe('the header', () => {
  it('takes the portal’s Persian headers, English ones and the API’s field names', () => {
    for (const header of [PORTAL_HEADER, ENGLISH_HEADER, API_HEADER]) {
      expect(columnsOf(header).map((c) => c.field)).toEqual(FIELDS);
    }
  });

  it('folds Arabic letters, ZWNJ, spacing, case and punctuation in header names', () => {
    const variants = ['كد ملي', 'کد‌ملی', '  کد   ملی ', 'NATIONAL_ID', 'national-id', 'National Id', 'شماره ملی'];
    for (const v of variants) expect(headerField(v), v).toBe('nationalId');
    expect(headerField('نام خانوادگي')).toBe('lastName');
    expect(headerField('معدل')).toBeNull();
  });

  it('ignores columns it does not know, and refuses a header without a required column or with one twice', () => {
    const columns = columnsOf([...PORTAL_HEADER, 'معدل', 'ایمیل']);
    expect(columns.slice(-2)).toEqual([
      { header: 'معدل', field: null },
      { header: 'ایمیل', field: null },
    ]);
    expect(() => columnsOf(PORTAL_HEADER.filter((h) => h !== 'کد ملی' && h !== 'تاریخ تولد'))).toThrow(
      /nationalId, birthDate/,
    );
    const missing = (() => {
      try {
        columnsOf(PORTAL_HEADER.slice(1));
      } catch (error) {
        return (error as ImportFileError).errors?.[0]?.code;
      }
    })();
    expect(missing).toBe('missing_columns');
    expect(() => columnsOf([...PORTAL_HEADER, 'National ID'])).toThrow(/nationalId/);
    // Scholarship is optional: `no` when its column is left out.
    const noBursary = columnsOf(PORTAL_HEADER.slice(0, -1));
    const cells = ['40012345', ID_A, 'مریم', 'رضایی', 'حسن', '1374/01/05', 'زن', 'دکتری', 'فیزیک', 'فیزیک ذرات'];
    expect(parseLine({ line: 2, cells }, noBursary, TODAY).values?.scholarship).toBe(false);
  });
});

describe('a line', () => {
  it('reads a graduate as POST /api/graduates records them, the Solar Hijri date as a Gregorian one', () => {
    const l = line();
    expect(l.issues).toEqual([]);
    expect(l.values).toEqual({
      studentNumber: '40012345',
      nationalId: ID_A,
      firstName: 'مریم',
      lastName: 'رضایی',
      fatherName: 'حسن',
      birthDate: '1995-03-25',
      gender: 'female',
      degreeLevel: 'masters',
      faculty: 'دانشکده مهندسی کامپیوتر',
      program: 'هوش مصنوعی',
      scholarship: false,
    });
  });

  it('takes Persian and Arabic-Indic digits, and says so', () => {
    const l = line({
      studentNumber: toPersianDigits('40012345'),
      nationalId: toArabicDigits(ID_A),
      birthDate: toPersianDigits('1374/01/05'),
    });
    expect(l.values).toMatchObject({ studentNumber: '40012345', nationalId: ID_A, birthDate: '1995-03-25' });
    expect(codes(l)).toEqual(['digits:studentNumber', 'digits:nationalId', 'digits:birthDate']);
  });

  it('writes Arabic ي, ى and ك as Persian ی and ک, and says so', () => {
    const l = line({ firstName: 'علي', lastName: 'كريمى', program: 'مهندسي كامپيوتر' });
    expect(l.values).toMatchObject({ firstName: 'علی', lastName: 'کریمی', program: 'مهندسی کامپیوتر' });
    expect(codes(l, 'warning')).toEqual([
      'arabic_letters:firstName',
      'arabic_letters:lastName',
      'arabic_letters:program',
    ]);
  });

  it('trims and collapses whitespace, keeps a ZWNJ inside a name, and drops invisible marks', () => {
    const l = line({ firstName: '  محمد\u200cرضا ', lastName: 'رضایی\t\tنژاد', fatherName: '\u200fحسن\u200e' });
    expect(l.values).toMatchObject({ firstName: 'محمد\u200cرضا', lastName: 'رضایی نژاد', fatherName: 'حسن' });
    expect(codes(l, 'warning')).toEqual([
      'whitespace:firstName',
      'whitespace:lastName',
      'invisible_characters:fatherName',
    ]);
  });

  it('refuses a national ID with a wrong check digit or of the wrong length, and restores zeros a spreadsheet dropped', () => {
    const wrong = `${ID_A.slice(0, 9)}${(Number(ID_A[9]) + 1) % 10}`;
    expect(codes(line({ nationalId: wrong }), 'error')).toEqual(['national_id_checksum:nationalId']);
    expect(codes(line({ nationalId: '1111111111' }), 'error')).toEqual(['national_id_checksum:nationalId']);
    expect(codes(line({ nationalId: '12345' }), 'error')).toEqual(['national_id_length:nationalId']);
    expect(codes(line({ nationalId: 'abc' }), 'error')).toEqual(['national_id_length:nationalId']);
    const padded = line({ nationalId: ID_A.replace(/^0+/, '') });
    expect(padded.values?.nationalId).toBe(ID_A);
    expect(codes(padded, 'warning')).toEqual(['national_id_padded:nationalId']);
    const separated = line({ nationalId: `${ID_B.slice(0, 3)}-${ID_B.slice(3, 9)}-${ID_B.slice(9)}` });
    expect(separated.values?.nationalId).toBe(ID_B);
    expect(codes(separated, 'warning')).toEqual(['national_id_separators:nationalId']);
    expect(line({ nationalId: wrong }).values).toBeNull();
  });

  it('names every missing required field, and takes an empty scholarship as no', () => {
    const l = line({ firstName: '', birthDate: ' ', gender: '', scholarship: '' });
    expect(codes(l, 'error')).toEqual(['required:firstName', 'required:birthDate', 'required:gender']);
    expect(l.values).toBeNull();
    expect(line({ scholarship: '' }).values?.scholarship).toBe(false);
    const short = parseLine({ line: 2, cells: ['40012345', ID_A] }, portalColumns, TODAY);
    expect(codes(short, 'error')).toHaveLength(8);
  });

  it('reads gender, degree and scholarship in Persian or English, and refuses other values', () => {
    expect(line({ gender: 'مرد', degreeLevel: 'دکتری', scholarship: 'بله' }).values).toMatchObject({
      gender: 'male',
      degreeLevel: 'phd',
      scholarship: true,
    });
    expect(line({ gender: 'Female', degreeLevel: 'PhD', scholarship: 'no' }).values).toMatchObject({
      gender: 'female',
      degreeLevel: 'phd',
      scholarship: false,
    });
    const bachelor = line({ degreeLevel: 'کارشناسی' });
    expect(bachelor.issues).toEqual([
      { code: 'bad_value', severity: 'error', field: 'degreeLevel', params: { value: 'کارشناسی' } },
    ]);
    expect(codes(line({ gender: 'نامعلوم', scholarship: 'شاید' }), 'error')).toEqual([
      'bad_value:gender',
      'bad_value:scholarship',
    ]);
  });

  it('refuses dates that do not exist, lie in the future or are written day first; takes Gregorian ones with a warning', () => {
    expect(line({ birthDate: '1374-1-5' }).values?.birthDate).toBe('1995-03-25');
    expect(line({ birthDate: '13740105' }).values?.birthDate).toBe('1995-03-25');
    expect(codes(line({ birthDate: '1374/07/31' }), 'error')).toEqual(['bad_date:birthDate']);
    expect(codes(line({ birthDate: '1374/13/01' }), 'error')).toEqual(['bad_date:birthDate']);
    expect(codes(line({ birthDate: '05/01/1374' }), 'error')).toEqual(['bad_date:birthDate']);
    expect(codes(line({ birthDate: 'دیروز' }), 'error')).toEqual(['bad_date:birthDate']);
    expect(codes(line({ birthDate: '1410/01/01' }), 'error')).toEqual(['date_out_of_range:birthDate']);
    const gregorian = line({ birthDate: '1995-03-25' });
    expect(gregorian.values?.birthDate).toBe('1995-03-25');
    expect(codes(gregorian)).toEqual(['gregorian_date:birthDate']);
  });

  it('refuses control characters and names longer than a graduate record holds', () => {
    expect(codes(line({ firstName: 'مر\u0007یم' }), 'error')).toEqual(['control_characters:firstName']);
    expect(codes(line({ lastName: 'ی'.repeat(101) }), 'error')).toEqual(['too_long:lastName']);
    expect(line({ lastName: 'ی'.repeat(100) }).values).not.toBeNull();
  });
});

describe('duplicates within the file', () => {
  it('marks a later line with an earlier line’s national ID or student number invalid, naming that line', () => {
    const finder = new DuplicateFinder();
    const lines = [
      line({}, 2),
      line({ studentNumber: '40099999' }, 3),
      line({ nationalId: ID_B }, 4),
      line({ nationalId: ID_C, studentNumber: '40077777' }, 5),
      line({ nationalId: toPersianDigits(ID_C), studentNumber: '40088888' }, 6),
    ];
    for (const l of lines) finder.check(l);
    expect(lines.map((l) => l.values !== null)).toEqual([true, false, false, true, false]);
    expect(lines[1]?.issues[0]).toEqual({
      code: 'duplicate_in_file',
      severity: 'error',
      field: 'nationalId',
      params: { line: 2 },
    });
    expect(lines[2]?.issues[0]).toMatchObject({
      code: 'duplicate_in_file',
      field: 'studentNumber',
      params: { line: 2 },
    });
    expect(lines[4]?.issues[0]).toMatchObject({ code: 'duplicate_in_file', field: 'nationalId', params: { line: 5 } });
  });
});

describe('Solar Hijri dates', () => {
  it('converts known days, leap years included, and refuses days that do not exist', () => {
    expect(solarToIso(1374, 1, 5)).toBe('1995-03-25');
    expect(solarToIso(1403, 1, 1)).toBe('2024-03-20');
    expect(solarToIso(1403, 12, 30)).toBe('2025-03-20');
    expect(solarToIso(1404, 12, 30)).toBeNull();
    expect(solarToIso(1360, 6, 31)).toBe('1981-09-22');
    expect(solarToIso(1360, 7, 1)).toBe('1981-09-23');
    expect(solarToIso(1360, 7, 31)).toBeNull();
    expect(readDate('1999-02-29')).toBeNull();
    expect(readDate('2000-02-29')?.iso).toBe('2000-02-29');
    expect(readDate('1374/01/05 00:00')?.iso).toBe('1995-03-25');
  });

  it('round-trips every day of sixty years through the UI’s calendar (Intl, Persian)', () => {
    const persian = new Intl.DateTimeFormat('en-US-u-ca-persian-nu-latn', {
      timeZone: 'UTC',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
    });
    for (let ms = Date.UTC(1950, 0, 1); ms < Date.UTC(2010, 0, 1); ms += 86_400_000) {
      const parts = persian.formatToParts(new Date(ms));
      const part = (type: string) => Number(parts.find((p) => p.type === type)?.value);
      const iso = new Date(ms).toISOString().slice(0, 10);
      if (solarToIso(part('year'), part('month'), part('day')) !== iso) {
        throw new Error(`${iso} is ${part('year')}/${part('month')}/${part('day')}, not read back`);
      }
    }
  });
});
