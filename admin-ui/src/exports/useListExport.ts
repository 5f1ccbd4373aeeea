import { useCallback, useEffect, useRef, useState } from 'react';
import { useDataProvider, useListContext, useLocaleState, useNotify } from 'react-admin';
import { fileDay } from '../audit-events/dayText.ts';
import { saveBlob } from '../audit-events/saveBlob.ts';
import type { AppDataProvider } from '../providers/dataProvider.ts';
import type { ExportFormat, ListExportProgress } from './listDownload.ts';

/** Re-rendering on every chunk of a large export would cost more than the download. */
const PROGRESS_INTERVAL_MS = 100;

/** Exports the list in view (its filter and sort) through the server; the file is named by list and day. */
export const useListExport = () => {
  const dataProvider = useDataProvider<AppDataProvider>();
  const { resource, filterValues, sort } = useListContext();
  const notify = useNotify();
  const [locale] = useLocaleState();
  const [progress, setProgress] = useState<ListExportProgress & { format: ExportFormat }>();
  const controller = useRef<AbortController>(undefined);

  useEffect(() => () => controller.current?.abort(), []);

  const start = useCallback(
    async (format: ExportFormat) => {
      const abort = new AbortController();
      controller.current = abort;
      let shownAt = 0;
      setProgress({ format, bytes: 0, rows: 0, total: undefined });
      try {
        const result = await dataProvider.exportList(
          resource,
          format,
          { filter: filterValues, sort, lang: locale },
          {
            signal: abort.signal,
            onProgress: (next) => {
              if (Date.now() - shownAt < PROGRESS_INTERVAL_MS) return;
              shownAt = Date.now();
              setProgress({ format, ...next });
            },
          },
        );
        const file = `${resource}-${fileDay(new Date(), locale)}.${format}`;
        saveBlob(result.blob, file);
        notify('list_exports.done', { type: 'success', messageArgs: { file, smart_count: result.rows ?? 0 } });
      } catch (error) {
        if (abort.signal.aborted) notify('list_exports.cancelled', { type: 'info' });
        else notify(error instanceof Error ? error.message : 'ra.notification.http_error', { type: 'error' });
      } finally {
        controller.current = undefined;
        setProgress(undefined);
      }
    },
    [dataProvider, resource, filterValues, sort, locale, notify],
  );

  const cancel = useCallback(() => controller.current?.abort(), []);

  return { progress, start, cancel };
};
