import { fetchResponse } from '../providers/httpClient.ts';
import { type CsvProgress, csvRowCounter } from './csvProgress.ts';
import type { AuditFilter } from './types.ts';

export interface ExportProgress extends CsvProgress {
  /** The rows the server said it would send (X-Total-Count), when it said so. */
  total: number | undefined;
}

export interface ExportResult extends ExportProgress {
  blob: Blob;
}

export interface ExportOptions {
  signal?: AbortSignal;
  onProgress?: (progress: ExportProgress) => void;
}

const totalOf = (response: Response): number | undefined => {
  const header = response.headers.get('X-Total-Count');
  const total = header === null ? Number.NaN : Number(header);
  return Number.isSafeInteger(total) && total >= 0 ? total : undefined;
};

/** Reads the streamed CSV export, reporting the rows received as they arrive. */
export const downloadAuditCsv = async (
  url: string,
  filter: AuditFilter,
  { signal, onProgress }: ExportOptions,
): Promise<ExportResult> => {
  const query = new URLSearchParams({ filter: JSON.stringify(filter) });
  const response = await fetchResponse(`${url}?${query}`, {
    headers: { Accept: 'text/csv' },
    signal,
  });
  const total = totalOf(response);
  const counter = csvRowCounter();
  const chunks: Uint8Array<ArrayBuffer>[] = [];
  const reader = response.body?.getReader();
  for (;;) {
    const chunk = reader ? await reader.read() : { done: true as const };
    if (chunk.done) break;
    chunks.push(chunk.value);
    onProgress?.({ ...counter.push(chunk.value), total });
  }
  const progress = { ...counter.finish(), total };
  onProgress?.(progress);
  return { blob: new Blob(chunks, { type: 'text/csv;charset=utf-8' }), ...progress };
};
