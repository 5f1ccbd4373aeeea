import CheckIcon from '@mui/icons-material/Check';
import type { ReactElement } from 'react';
import { ACTION_ICONS } from '../actionStyle.tsx';
import type { BulkAction } from './types.ts';

/** The workflow actions keep the names and icons they have on a request's page; the ticks have their own. */
export const bulkLabel = (action: BulkAction): string =>
  action === 'set-cancellation-tick' || action === 'set-welfare-tick' ? `requests.bulk.${action}` : `actions.${action}`;

export const bulkIcon = (action: BulkAction): ReactElement =>
  action === 'set-cancellation-tick' || action === 'set-welfare-tick' ? <CheckIcon /> : ACTION_ICONS[action];
