import { AppError } from '../../errors.ts';

/** Why a whole file cannot be imported: a code the UI translates, and English text. */
export type FileProblem =
  | 'not_utf8'
  | 'not_text'
  | 'spreadsheet_not_csv'
  | 'unclosed_quote'
  | 'no_header'
  | 'missing_columns'
  | 'duplicate_columns'
  | 'no_rows';

/** A file refused as a whole: 400, naming `file`, with what the UI needs to say why (`reason`, `params`). */
export class ImportFileError extends AppError {
  constructor(code: FileProblem, message: string, params: Record<string, string | number> = {}) {
    super(400, 'import-file-invalid', 'The file cannot be imported', message, [{ field: 'file', message, code }], {
      reason: code,
      params,
    });
  }
}

export type Delimiter = ',' | ';';

/** A record of the file and the line it starts on (1: the first line). */
export interface CsvRecord {
  line: number;
  cells: string[];
}

const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;

/**
 * RFC 4180 records, fed text as it arrives: quoted cells (quotes doubled inside) may hold delimiters and line
 * breaks; CRLF, LF and a lone CR all end a record. Text after a closing quote is kept, as spreadsheets do.
 */
class Tokeniser {
  private cells: string[] = [];
  private cell = '';
  private inQuotes = false;
  /** A quote inside a quoted cell whose meaning (the end, or a doubled quote) the next character decides. */
  private quotePending = false;
  private afterCr = false;
  private cellStarted = false;
  private line = 1;
  private recordLine = 1;

  constructor(private readonly delimiter: number) {}

  push(text: string, out: CsvRecord[]): void {
    for (let i = 0; i < text.length; i += 1) {
      const c = text.charCodeAt(i);
      if (this.afterCr) {
        this.afterCr = false;
        if (c === LF) continue;
      }
      if (this.quotePending) {
        this.quotePending = false;
        if (c === QUOTE) {
          this.cell += '"';
          continue;
        }
        this.inQuotes = false;
      } else if (this.inQuotes) {
        if (c === QUOTE) this.quotePending = true;
        else {
          if (c === LF) this.line += 1;
          this.cell += text[i];
        }
        continue;
      }
      if (c === QUOTE && !this.cellStarted) {
        this.inQuotes = true;
        this.cellStarted = true;
      } else if (c === this.delimiter) {
        this.endCell();
      } else if (c === LF || c === CR) {
        this.afterCr = c === CR;
        this.endRecord(out);
        this.line += 1;
        this.recordLine = this.line;
      } else {
        this.cell += text[i];
        this.cellStarted = true;
      }
    }
  }

  end(out: CsvRecord[]): void {
    if (this.inQuotes && !this.quotePending) {
      throw new ImportFileError(
        'unclosed_quote',
        `A quoted cell that starts on line ${this.recordLine} is never closed.`,
        { line: this.recordLine },
      );
    }
    this.endRecord(out);
  }

  private endCell() {
    this.cells.push(this.cell);
    this.cell = '';
    this.cellStarted = false;
    this.inQuotes = false;
    this.quotePending = false;
  }

  private endRecord(out: CsvRecord[]) {
    this.endCell();
    // A line with nothing in it (or only delimiters) is no record: spreadsheets leave them at the end.
    if (this.cells.some((c) => c.trim() !== '')) out.push({ line: this.recordLine, cells: this.cells });
    this.cells = [];
  }
}

/** The delimiter of the header line: whichever of comma and semicolon it holds more of, outside quotes. */
export function detectDelimiter(headerLine: string): Delimiter {
  let commas = 0;
  let semicolons = 0;
  let quoted = false;
  for (const ch of headerLine) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && ch === ',') commas += 1;
    else if (!quoted && ch === ';') semicolons += 1;
  }
  return semicolons > commas ? ';' : ',';
}

const startsWith = (bytes: Uint8Array, magic: number[]) => magic.every((b, i) => bytes[i] === b);
const ZIP = [0x50, 0x4b, 0x03, 0x04];
const OLE = [0xd0, 0xcf, 0x11, 0xe0];
const UTF16_LE = [0xff, 0xfe];
const UTF16_BE = [0xfe, 0xff];

/** Refuses, from its first bytes, a file that is a spreadsheet or text in another encoding rather than UTF-8 CSV. */
function checkFirstBytes(bytes: Uint8Array) {
  if (startsWith(bytes, ZIP) || startsWith(bytes, OLE)) {
    throw new ImportFileError(
      'spreadsheet_not_csv',
      'This is a spreadsheet workbook (XLSX or XLS), not CSV: save it as “CSV UTF-8” and upload that.',
    );
  }
  if (startsWith(bytes, UTF16_LE) || startsWith(bytes, UTF16_BE)) {
    throw new ImportFileError('not_utf8', 'The file is UTF-16 text; save it as “CSV UTF-8” and upload that.');
  }
}

/**
 * Reads a UTF-8 CSV file (with or without a byte-order mark) as it streams: the delimiter is taken from the
 * first line, and records come out in order with the line each starts on. A file that is not UTF-8 text, or
 * whose last quoted cell is never closed, is refused with an ImportFileError; nothing is held but the current
 * chunk and the records not yet taken.
 */
export async function* readCsv(
  input: AsyncIterable<Uint8Array>,
  onDelimiter?: (delimiter: Delimiter) => void,
): AsyncGenerator<CsvRecord> {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let tokeniser: Tokeniser | undefined;
  let pending = '';
  let first = true;
  const out: CsvRecord[] = [];

  const feed = (text: string) => {
    if (text.includes('\u0000')) {
      throw new ImportFileError('not_text', 'The file holds binary data, not text: upload the CSV export itself.');
    }
    if (tokeniser) return tokeniser.push(text, out);
    pending += text;
    const end = pending.search(/[\r\n]/);
    if (end === -1) return;
    const delimiter = detectDelimiter(pending.slice(0, end));
    onDelimiter?.(delimiter);
    tokeniser = new Tokeniser(delimiter.charCodeAt(0));
    tokeniser.push(pending, out);
    pending = '';
  };
  const decode = (chunk?: Uint8Array) => {
    try {
      return chunk ? decoder.decode(chunk, { stream: true }) : decoder.decode();
    } catch {
      throw new ImportFileError(
        'not_utf8',
        'The file is not UTF-8 text; save it as “CSV UTF-8” (the portal’s export is) and upload that.',
      );
    }
  };

  for await (const chunk of input) {
    if (first && chunk.length > 0) {
      checkFirstBytes(chunk);
      first = false;
    }
    feed(decode(chunk));
    yield* out.splice(0);
  }
  feed(decode());
  if (!tokeniser && pending !== '') {
    const delimiter = detectDelimiter(pending);
    onDelimiter?.(delimiter);
    tokeniser = new Tokeniser(delimiter.charCodeAt(0));
    tokeniser.push(pending, out);
  }
  tokeniser?.end(out);
  yield* out.splice(0);
}
