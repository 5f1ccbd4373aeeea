const QUOTE = 0x22;
const LINE_FEED = 0x0a;
const CARRIAGE_RETURN = 0x0d;

export interface CsvProgress {
  bytes: number;
  /** Data rows received whole, the header row not counted. */
  rows: number;
}

/**
 * Counts the rows of a CSV stream as its chunks arrive. A line break inside a quoted cell does not end a
 * row; doubled quotes toggle twice and so change nothing. UTF-8 never uses these bytes inside a multi-byte
 * character, so the bytes need not be decoded, and a chunk may end anywhere.
 */
export const csvRowCounter = (headerRows = 1) => {
  let bytes = 0;
  let records = 0;
  let quoted = false;
  let open = false;
  const progress = (): CsvProgress => ({ bytes, rows: Math.max(0, records - headerRows) });
  return {
    push(chunk: Uint8Array): CsvProgress {
      for (const byte of chunk) {
        if (byte === QUOTE) quoted = !quoted;
        if (byte === LINE_FEED && !quoted) {
          records += 1;
          open = false;
        } else if (byte !== CARRIAGE_RETURN) {
          open = true;
        }
      }
      bytes += chunk.byteLength;
      return progress();
    },
    /** The last row may end without a line break. */
    finish(): CsvProgress {
      if (open) records += 1;
      open = false;
      return progress();
    },
  };
};
