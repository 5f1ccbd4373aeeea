import { useState } from 'react';
import { Button, Confirm, useTranslate } from 'react-admin';
import type { WorkflowAction } from '../common/domain.ts';
import { ACTION_ICONS, CONFIRMED_ACTIONS } from './actionStyle.tsx';
import type { RequestDetail } from './types.ts';
import { useCommand } from './useCommand.ts';

interface ActionButtonProps {
  record: RequestDetail;
  action: Exclude<WorkflowAction, 'return'>;
}

export const ActionButton = ({ record, action }: ActionButtonProps) => {
  const translate = useTranslate();
  const { run, pending } = useCommand();
  const [confirming, setConfirming] = useState(false);
  const label = `actions.${action}`;
  // The API still allows re-confirming after a confirmation: say it was done once already.
  const buttonLabel =
    action === 'confirm-details' && record.detailsConfirmedAt ? 'requests.confirm_details_again' : label;

  const act = () =>
    run(
      (dataProvider) => dataProvider.requestAction(record.id, action, { version: record.version }),
      translate('requests.action_done', { action: translate(label) }),
    ).then(() => setConfirming(false));

  return (
    <>
      <Button
        label={buttonLabel}
        variant={action === 'withdraw' ? 'outlined' : 'contained'}
        color={action === 'withdraw' ? 'error' : 'primary'}
        disabled={pending}
        onClick={() => (CONFIRMED_ACTIONS.includes(action) ? setConfirming(true) : act())}
      >
        {ACTION_ICONS[action]}
      </Button>
      <Confirm
        isOpen={confirming}
        loading={pending}
        title={buttonLabel}
        content={`requests.confirm.${action}`}
        confirm={buttonLabel}
        onConfirm={act}
        onClose={() => setConfirming(false)}
      />
    </>
  );
};
