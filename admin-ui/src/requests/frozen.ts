import type { TickKind } from '../common/domain.ts';
import type { RequestDetail } from './types.ts';

export const isTickFrozen = (record: RequestDetail, kind: TickKind): boolean =>
  record.tickRules[kind].some((rule) => rule.code === 'ticks_frozen');

export const isCaseFrozen = (record: RequestDetail, part: TickKind): boolean => record.caseRules[part].length > 0;
