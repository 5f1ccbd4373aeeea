import Type from 'typebox';

/** The list's own `filter` and `sort` (no `range`: an export holds every row), and the file's language. */
export const ListExportQuery = Type.Object(
  {
    filter: Type.Optional(Type.String({ maxLength: 4000 })),
    sort: Type.Optional(Type.String({ maxLength: 200 })),
    lang: Type.Optional(
      Type.Union([Type.Literal('fa'), Type.Literal('en')], {
        description: 'headers and values in Persian or English; without it, Accept-Language decides (else Persian)',
      }),
    ),
  },
  { additionalProperties: false },
);

const EXPORT_HELP =
  'Streams every row the list shows for the same `filter` and `sort` (the same SQL, the caller’s rules included), a keyset page at a time. Headers and values in the caller’s language (`lang`, else Accept-Language). Persian: Solar Hijri date text, a right-to-left sheet; English: real dates (Tehran time). `X-Total-Count` carries the number of rows at the start. The export is itself an audit event, written before the first byte.';

const FILE = Type.Unsafe<unknown>(Type.String({ format: 'binary' }));

/** The OpenAPI description of an export route's answer, by format. */
export const exportDocs = {
  csv: {
    description: `${EXPORT_HELP} CSV: UTF-8 with a byte-order mark (so that Excel shows Persian), RFC 4180 quoting, CRLF line ends, a header row; cells a spreadsheet would run as a formula start with an apostrophe.`,
    produces: ['text/csv'],
    response: { description: 'The CSV file', content: { 'text/csv': { schema: FILE } } },
  },
  xlsx: {
    description: `${EXPORT_HELP} XLSX: one sheet, its header row bold and frozen; strings as inline text (never formulas).`,
    produces: ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
    response: {
      description: 'The workbook',
      content: { 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': { schema: FILE } },
    },
  },
} as const;
