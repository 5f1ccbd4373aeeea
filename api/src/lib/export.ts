import { PassThrough, Readable, type Writable } from 'node:stream';
import type { Database } from '@diploma-desk/db';
import ExcelJS from 'exceljs';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import { audit } from './audit.ts';
import { csvRow, escapeControlCharacters, UTF8_BOM } from './csv.ts';

/**
 * Exports of the office lists (requests, graduates) as CSV or XLSX, streamed a keyset page at a time.
 *
 * Dates: in Persian, Solar Hijri text as the screens show it (`1405/09/07 14:30`, Tehran time, Latin digits so
 * that a spreadsheet can still sort and split it); in English, Tehran's wall clock as a real date (an XLSX date
 * cell, `2026-11-28 14:30` in CSV, which spreadsheets read as a date). Excel keeps no time zone and shows no
 * Solar Hijri dates in every install, so Persian gets text and English gets dates. Numbers that are names
 * (student numbers, national IDs, with their leading zeros) stay text.
 */

export type ExportFormat = 'csv' | 'xlsx';
export type ExportLanguage = 'fa' | 'en';
export type ExportCell = string | number | Date | null;

export interface ExportColumn<Row> {
  header: Readonly<Record<ExportLanguage, string>>;
  /** Column width in the workbook, in characters. */
  width: number;
  value: (row: Row, lang: ExportLanguage) => ExportCell;
}

export interface ExportSpec<Row> {
  /** The list's name: the file is `<list>-<time>.<format>`. */
  list: string;
  /** The audit event: `<subjectType>.export`, filed under that subject type. */
  subjectType: 'request' | 'graduate';
  format: ExportFormat;
  lang: ExportLanguage;
  /** The filter and sort as the caller sent them, for the audit event. */
  filter: unknown;
  sort: unknown;
  columns: ReadonlyArray<ExportColumn<Row>>;
  /** The rows the export will hold: X-Total-Count, and the audit event's `rows`. */
  count: () => Promise<number>;
  /** The rows, a page at a time, in the list's order: each page is read only when the previous one is written. */
  pages: () => AsyncIterable<Row[]>;
}

const TIME_ZONE = 'Asia/Tehran';
const MIME: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8; header=present',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/**
 * The language of the headers and values: the `lang` parameter, else the first of Persian or English that
 * Accept-Language names (by its q-values), else Persian, the product's language.
 */
export function exportLanguage(request: FastifyRequest, lang: ExportLanguage | undefined): ExportLanguage {
  if (lang) return lang;
  const ranked = String(request.headers['accept-language'] ?? '')
    .split(',')
    .map((part, i) => {
      const [tag = '', ...params] = part.trim().toLowerCase().split(';');
      const q = params.map((p) => /^\s*q=([0-9.]+)\s*$/.exec(p)?.[1]).find(Boolean);
      return { primary: tag.split('-')[0], q: q === undefined ? 1 : Number(q), i };
    })
    .filter((t) => (t.primary === 'fa' || t.primary === 'en') && t.q > 0)
    .sort((a, b) => b.q - a.q || a.i - b.i);
  return ranked[0]?.primary === 'en' ? 'en' : 'fa';
}

const solarParts = new Intl.DateTimeFormat('en-US-u-ca-persian-nu-latn', {
  timeZone: TIME_ZONE,
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
});
const gregorianParts = new Intl.DateTimeFormat('en-US', {
  timeZone: TIME_ZONE,
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});
const partsOf = (format: Intl.DateTimeFormat, date: Date) =>
  Object.fromEntries(format.formatToParts(date).map((p) => [p.type, p.value])) as Record<string, string>;

/** `1405/09/07 14:30`, Tehran time. */
export function solarDateTime(date: Date): string {
  const p = partsOf(solarParts, date);
  return `${p.year?.replace(/\D/g, '')}/${p.month}/${p.day} ${p.hour}:${p.minute}`;
}

/** Tehran's wall clock at an instant, as a Date whose UTC fields show it: what a spreadsheet date cell holds. */
export function tehranWallClock(date: Date): Date {
  const p = partsOf(gregorianParts, date);
  return new Date(Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour), Number(p.minute)));
}

function textOf(cell: ExportCell, lang: ExportLanguage): string | null {
  if (cell === null) return null;
  if (cell instanceof Date) {
    return lang === 'fa' ? solarDateTime(cell) : tehranWallClock(cell).toISOString().slice(0, 16).replace('T', ' ');
  }
  return String(cell);
}

function csvBody<Row>(spec: ExportSpec<Row>): Readable {
  const { columns, lang } = spec;
  async function* lines() {
    yield Buffer.from(UTF8_BOM + csvRow(columns.map((c) => c.header[lang])), 'utf8');
    for await (const page of spec.pages()) {
      const text = page.map((row) => csvRow(columns.map((c) => textOf(c.value(row, lang), lang)))).join('');
      yield Buffer.from(text, 'utf8');
    }
  }
  // Readable.from pulls the next page only when the socket has taken the last one.
  return Readable.from(lines(), { objectMode: false });
}

/**
 * Waits until a stream that was written past its buffer has passed the data on, or until the response is
 * gone (the client went away: nothing will drain then).
 */
async function drained(stream: Writable | undefined, out: Writable): Promise<void> {
  if (!stream?.writableNeedDrain || out.destroyed) return;
  await new Promise<void>((resolve) => {
    const done = () => {
      stream.off('drain', done).off('close', done);
      out.off('close', done);
      resolve();
    };
    stream.once('drain', done).once('close', done);
    out.once('close', done);
  });
}

/**
 * The workbook, written with exceljs's streaming writer: rows are committed as they come and the sheet's XML
 * goes through the zip's deflate stream to the response, with inline strings (no shared-string table that
 * would grow with the rows). The writer itself never waits for its reader: its sheet buffer (64 KiB) pushes
 * into the deflate stream without heeding backpressure. So after each page this waits until the deflate
 * stream and the response have taken what was written; what is held at a time is about one page.
 */
function xlsxBody<Row>(spec: ExportSpec<Row>, log: FastifyRequest['log']): Readable {
  const { columns, lang } = spec;
  const out = new PassThrough();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  workbook.creator = 'Diploma Desk';
  const sheet = workbook.addWorksheet(spec.list, {
    views: [{ state: 'frozen', xSplit: 0, ySplit: 1, rightToLeft: lang === 'fa' }],
  });
  sheet.columns = columns.map((c) => ({ width: c.width }));
  const header = sheet.addRow(columns.map((c) => c.header[lang]));
  header.font = { bold: true };
  header.commit();
  const dateStyle = { numFmt: 'yyyy-mm-dd hh:mm' };
  const cellOf = (cell: ExportCell): ExcelJS.CellValue => {
    if (cell instanceof Date) return lang === 'fa' ? solarDateTime(cell) : tehranWallClock(cell);
    // XML 1.0 has no place for most control characters; they are written as the CSV writes them.
    return typeof cell === 'string' ? escapeControlCharacters(cell) : cell;
  };
  const produce = async () => {
    for await (const page of spec.pages()) {
      for (const row of page) {
        const values = columns.map((c) => c.value(row, lang));
        const added = sheet.addRow(values.map(cellOf));
        if (lang === 'en') {
          values.forEach((v, i) => {
            if (v instanceof Date) added.getCell(i + 1).numFmt = dateStyle.numFmt;
          });
        }
        added.commit();
      }
      const sheetStream = (sheet as unknown as { stream: { pipes?: Writable[] } }).stream;
      await drained(sheetStream.pipes?.[0], out);
      await drained(out, out);
      // The client went away: stop reading pages (leaving the loop ends the page generator too).
      if (out.destroyed) return;
    }
    await workbook.commit();
  };
  produce().catch((err: unknown) => {
    log.error({ err }, 'export failed while streaming');
    out.destroy(err instanceof Error ? err : new Error(String(err)));
  });
  return out;
}

/**
 * Answers an export: the caller has checked the filter, sort and ability. The audit event is written first,
 * in a transaction of its own, before the first byte: once bytes leave, the data has left, whether the
 * download then completes or not. It names the format, filter, sort and the row count at the start.
 */
export async function sendExport<Row>(
  db: Kysely<Database>,
  request: FastifyRequest,
  reply: FastifyReply,
  spec: ExportSpec<Row>,
) {
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  reply
    .type(MIME[spec.format])
    .header('Content-Disposition', `attachment; filename="${spec.list}-${stamp}.${spec.format}"`)
    .header('Content-Language', spec.lang)
    .header('Cache-Control', 'private, no-store');
  // HEAD shows only the headers: nothing was exported.
  if (request.method === 'HEAD') return reply.send(Readable.from([]));
  const rows = await spec.count();
  await db.transaction().execute((trx) =>
    audit(trx, request, {
      action: `${spec.subjectType}.export`,
      subjectType: spec.subjectType,
      subjectId: null,
      after: { format: spec.format, lang: spec.lang, filter: spec.filter, sort: spec.sort, rows },
    }),
  );
  reply.header('X-Total-Count', String(rows));
  const body = spec.format === 'csv' ? csvBody(spec) : xlsxBody(spec, request.log);
  body.on('error', (err) => request.log.error({ err }, `${spec.list} export failed while streaming`));
  return reply.send(body);
}
