/** Cells a spreadsheet would run as a formula: neutralised with a leading apostrophe (OWASP CSV injection). */
const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

/** C0 and C1 control characters: a terminal or a line-based reader would act on them (log injection). */
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point.
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/g;
const escapeControl = (c: string) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;

/** Control characters written as `\uXXXX`, as in a CSV cell (the XLSX export's cells too: XML refuses most). */
export const escapeControlCharacters = (value: string) => value.replace(CONTROL, escapeControl);

/**
 * One CSV cell, RFC 4180: quoted when it holds a quote or comma, quotes doubled. Control characters,
 * line breaks among them, are written as `\uXXXX`, so one event is always one line (ASVS 16.4.1).
 */
export function csvCell(value: string | null): string {
  if (value === null || value === '') return '';
  const neutral = FORMULA_START.test(value) ? `'${value}` : value;
  const safe = neutral.replace(CONTROL, escapeControl);
  return NEEDS_QUOTES.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** One CSV record, CRLF-terminated as RFC 4180 asks. */
export function csvRow(values: ReadonlyArray<string | null>): string {
  return `${values.map(csvCell).join(',')}\r\n`;
}

/** Written first, so that Excel reads the file as UTF-8 (Persian text included). */
export const UTF8_BOM = '\ufeff';
