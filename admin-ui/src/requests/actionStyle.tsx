import ArrowForwardIcon from '@mui/icons-material/ArrowForward';
import BlockIcon from '@mui/icons-material/Block';
import DoneAllIcon from '@mui/icons-material/DoneAll';
import FactCheckIcon from '@mui/icons-material/FactCheck';
import LocalShippingIcon from '@mui/icons-material/LocalShipping';
import PrintIcon from '@mui/icons-material/Print';
import RateReviewIcon from '@mui/icons-material/RateReview';
import SendIcon from '@mui/icons-material/Send';
import ThumbUpIcon from '@mui/icons-material/ThumbUp';
import type { ReactElement } from 'react';
import type { WorkflowAction } from '../common/domain.ts';

export const ACTION_ICONS: Record<Exclude<WorkflowAction, 'return'>, ReactElement> = {
  'confirm-details': <FactCheckIcon />,
  submit: <SendIcon />,
  'start-review': <RateReviewIcon />,
  approve: <ThumbUpIcon />,
  'start-printing': <PrintIcon />,
  'send-for-signature': <ArrowForwardIcon />,
  'mark-ready': <DoneAllIcon />,
  deliver: <LocalShippingIcon />,
  withdraw: <BlockIcon />,
};

export const CONFIRMED_ACTIONS: readonly WorkflowAction[] = ['confirm-details', 'submit', 'withdraw', 'deliver'];
