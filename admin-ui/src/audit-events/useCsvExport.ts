import { useCallback, useEffect, useRef, useState } from 'react';
import { useDataProvider, useLocaleState, useNotify } from 'react-admin';
import type { AppDataProvider } from '../providers/dataProvider.ts';
import type { ExportProgress } from './csvDownload.ts';
import { fileDay } from './dayText.ts';
import { saveBlob } from './saveBlob.ts';
import type { AuditFilter } from './types.ts';

/** Re-rendering on every chunk of a large export would cost more than the download. */
const PROGRESS_INTERVAL_MS = 100;

export const useCsvExport = () => {
  const dataProvider = useDataProvider<AppDataProvider>();
  const notify = useNotify();
  const [locale] = useLocaleState();
  const [progress, setProgress] = useState<ExportProgress>();
  const controller = useRef<AbortController>(undefined);

  useEffect(() => () => controller.current?.abort(), []);

  const start = useCallback(
    async (filter: AuditFilter) => {
      const abort = new AbortController();
      controller.current = abort;
      let shownAt = 0;
      setProgress({ bytes: 0, rows: 0, total: undefined });
      try {
        const result = await dataProvider.exportAuditEvents(filter, {
          signal: abort.signal,
          onProgress: (next) => {
            if (Date.now() - shownAt < PROGRESS_INTERVAL_MS) return;
            shownAt = Date.now();
            setProgress(next);
          },
        });
        const file = `audit-events-${fileDay(new Date(), locale)}.csv`;
        saveBlob(result.blob, file);
        notify('audit.export.done', { type: 'success', messageArgs: { file, smart_count: result.rows } });
      } catch (error) {
        if (abort.signal.aborted) notify('audit.export.cancelled', { type: 'info' });
        else notify(error instanceof Error ? error.message : 'ra.notification.http_error', { type: 'error' });
      } finally {
        controller.current = undefined;
        setProgress(undefined);
      }
    },
    [dataProvider, locale, notify],
  );

  const cancel = useCallback(() => controller.current?.abort(), []);

  return { progress, start, cancel };
};
