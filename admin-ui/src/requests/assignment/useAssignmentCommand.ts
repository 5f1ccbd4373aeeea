import { useCallback, useState } from 'react';
import { HttpError, useDataProvider, useGetIdentity, useNotify, useRefresh, useTranslate } from 'react-admin';
import type { AppDataProvider } from '../../providers/dataProvider.ts';

type Command = (dataProvider: AppDataProvider) => Promise<unknown>;
type Holder = { id: string; displayName: string } | null;

const holderOf = (error: unknown): Holder | undefined => {
  const body: unknown = error instanceof HttpError ? error.body : undefined;
  return typeof body === 'object' && body !== null && 'holder' in body ? (body.holder as Holder) : undefined;
};
const kindOf = (error: unknown): string | undefined => {
  const body: unknown = error instanceof HttpError ? error.body : undefined;
  const type = typeof body === 'object' && body !== null && 'type' in body ? String(body.type) : '';
  return type.split('/').pop() || undefined;
};

/** Runs a claim, release or assignment, then refetches; a refusal names who holds the request now. */
export const useAssignmentCommand = () => {
  const dataProvider = useDataProvider<AppDataProvider>();
  const notify = useNotify();
  const refresh = useRefresh();
  const translate = useTranslate();
  const { identity } = useGetIdentity();
  const [pending, setPending] = useState(false);

  const describe = useCallback(
    (error: unknown): string => {
      const holder = holderOf(error);
      const kind = kindOf(error);
      if (kind === 'assignment-held' && holder) {
        return holder.id === identity?.id
          ? translate('assignment.already_yours')
          : translate('assignment.held_by_other', { name: holder.displayName });
      }
      if (kind === 'assignment-changed') {
        return holder
          ? translate('assignment.changed', { name: holder.displayName })
          : translate('assignment.changed_to_nobody');
      }
      return error instanceof Error ? error.message : translate('ra.notification.http_error');
    },
    [translate, identity?.id],
  );

  const run = useCallback(
    async (command: Command, success: string): Promise<boolean> => {
      setPending(true);
      try {
        await command(dataProvider);
        notify(success, { type: 'success' });
        return true;
      } catch (error) {
        notify(describe(error), { type: 'error', multiLine: true, autoHideDuration: 10_000 });
        return false;
      } finally {
        // Either way the holding on screen may be stale: show it as it is now.
        refresh();
        setPending(false);
      }
    },
    [dataProvider, notify, refresh, describe],
  );

  return { run, pending };
};
