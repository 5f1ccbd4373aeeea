import { useCallback, useState } from 'react';
import { useDataProvider, useLocaleState, useNotify, useRefresh, useTranslate } from 'react-admin';
import type { AppDataProvider } from '../providers/dataProvider.ts';
import { isStaleVersion, translateRules, unmetRulesOf } from './ruleMessages.ts';

type Command = (dataProvider: AppDataProvider) => Promise<unknown>;

/** Runs a write, then refetches what is on screen; refusals are shown as translated rules. */
export const useCommand = () => {
  const dataProvider = useDataProvider<AppDataProvider>();
  const notify = useNotify();
  const refresh = useRefresh();
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const [pending, setPending] = useState(false);

  const describe = useCallback(
    (error: unknown): string => {
      const unmet = unmetRulesOf(error);
      if (unmet) return translate('workflow.blocked', { reasons: translateRules(unmet, translate, locale) });
      if (isStaleVersion(error)) return translate('requests.stale_reloaded');
      return error instanceof Error ? error.message : translate('ra.notification.http_error');
    },
    [translate, locale],
  );

  const run = useCallback(
    async (command: Command, success?: string): Promise<boolean> => {
      setPending(true);
      try {
        await command(dataProvider);
        if (success) notify(success, { type: 'success' });
        refresh();
        return true;
      } catch (error) {
        notify(describe(error), { type: 'error', multiLine: true, autoHideDuration: 10_000 });
        if (isStaleVersion(error)) refresh();
        return false;
      } finally {
        setPending(false);
      }
    },
    [dataProvider, notify, refresh, describe],
  );

  return { run, pending };
};
