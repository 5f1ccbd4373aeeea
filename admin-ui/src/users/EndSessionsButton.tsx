import LogoutIcon from '@mui/icons-material/Logout';
import { useState } from 'react';
import { Button, Confirm, useCanAccess, useDataProvider, useNotify, useRecordContext } from 'react-admin';
import type { AppDataProvider } from '../providers/dataProvider.ts';
import type { User } from './types.ts';

export const EndSessionsButton = () => {
  const record = useRecordContext<User>();
  const { canAccess } = useCanAccess({ action: 'edit', resource: 'users.sessions', record });
  const dataProvider = useDataProvider<AppDataProvider>();
  const notify = useNotify();
  const [open, setOpen] = useState(false);
  const [loading, setLoading] = useState(false);
  if (!record || !canAccess) return null;

  const confirm = async () => {
    setLoading(true);
    try {
      const { endedSessions } = await dataProvider.endUserSessions(record.id);
      notify('resources.users.end_sessions.done', { type: 'success', messageArgs: { smart_count: endedSessions } });
      setOpen(false);
    } catch (error) {
      notify(error instanceof Error ? error.message : 'ra.notification.http_error', { type: 'error' });
    } finally {
      setLoading(false);
    }
  };

  return (
    <>
      <Button label="resources.users.end_sessions.button" onClick={() => setOpen(true)}>
        <LogoutIcon />
      </Button>
      <Confirm
        isOpen={open}
        loading={loading}
        title="resources.users.end_sessions.title"
        titleTranslateOptions={{ name: record.displayName }}
        content="resources.users.end_sessions.content"
        confirm="resources.users.end_sessions.button"
        confirmColor="warning"
        onConfirm={confirm}
        onClose={() => setOpen(false)}
      />
    </>
  );
};
