export type DebtChoice = 'unknown' | 'yes' | 'no';

export const debtChoice = (hasDebt: boolean | null): DebtChoice =>
  hasDebt === null ? 'unknown' : hasDebt ? 'yes' : 'no';
