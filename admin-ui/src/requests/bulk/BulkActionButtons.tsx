import { BulkActionButton } from './BulkActionButton.tsx';
import type { BulkAction } from './types.ts';

export const BulkActionButtons = ({ actions }: { actions: BulkAction[] }) => (
  <>
    {actions.map((action) => (
      <BulkActionButton key={action} action={action} />
    ))}
  </>
);
