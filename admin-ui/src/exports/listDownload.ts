import { csvRowCounter } from '../audit-events/csvProgress.ts';
import { fetchResponse } from '../providers/httpClient.ts';

export type ExportFormat = 'csv' | 'xlsx';

export interface ListExportProgress {
  bytes: number;
  /** Data rows received whole (CSV); a workbook's rows cannot be counted before it is unzipped. */
  rows: number | undefined;
  /** The rows the server said it would send (X-Total-Count). */
  total: number | undefined;
}

export interface ListExportResult extends ListExportProgress {
  blob: Blob;
}

export interface ListExportRequest {
  filter: Record<string, unknown>;
  sort: { field: string; order: string };
  lang: string;
}

export interface ListExportOptions {
  signal?: AbortSignal;
  onProgress?: (progress: ListExportProgress) => void;
}

const MIME: Record<ExportFormat, string> = {
  csv: 'text/csv;charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

const totalOf = (response: Response): number | undefined => {
  const header = response.headers.get('X-Total-Count');
  const total = header === null ? Number.NaN : Number(header);
  return Number.isSafeInteger(total) && total >= 0 ? total : undefined;
};

/** Reads a list's streamed export (the server writes it a page at a time), reporting progress as chunks arrive. */
export const downloadListExport = async (
  url: string,
  format: ExportFormat,
  { filter, sort, lang }: ListExportRequest,
  { signal, onProgress }: ListExportOptions,
): Promise<ListExportResult> => {
  const query = new URLSearchParams({
    filter: JSON.stringify(filter),
    sort: JSON.stringify([sort.field, sort.order]),
    lang,
  });
  const response = await fetchResponse(`${url}?${query}`, { headers: { Accept: MIME[format] }, signal });
  const total = totalOf(response);
  const counter = format === 'csv' ? csvRowCounter() : undefined;
  const chunks: Uint8Array<ArrayBuffer>[] = [];
  let bytes = 0;
  const reader = response.body?.getReader();
  for (;;) {
    const chunk = reader ? await reader.read() : { done: true as const };
    if (chunk.done) break;
    chunks.push(chunk.value);
    bytes += chunk.value.byteLength;
    onProgress?.({ bytes, rows: counter?.push(chunk.value).rows, total });
  }
  const progress = { bytes, rows: counter ? counter.finish().rows : total, total };
  onProgress?.(progress);
  return { blob: new Blob(chunks, { type: MIME[format] }), ...progress };
};
