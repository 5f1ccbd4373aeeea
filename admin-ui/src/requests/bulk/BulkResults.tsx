import { createContext, type ReactNode, useContext, useMemo, useState } from 'react';
import type { Identifier } from 'react-admin';
import type { RequestSummary } from '../types.ts';
import { BulkResultDialog } from './BulkResultDialog.tsx';
import type { BulkResult } from './types.ts';
import { useSeenRequests } from './useSeenRequests.ts';

interface Shown {
  label: string;
  result: BulkResult;
  records: ReadonlyMap<Identifier, RequestSummary>;
}

interface BulkResultsValue {
  /** The requests the list has shown, as last shown. */
  seen: ReadonlyMap<Identifier, RequestSummary>;
  show: (shown: Shown) => void;
}

const BulkResultsContext = createContext<BulkResultsValue | undefined>(undefined);

/**
 * Around the list's rows, not in its bulk toolbar: a bulk call can move every listed request out of the
 * list's filter, and the table (toolbar and all) then gives way to the empty page, while the result must stay.
 */
export const BulkResults = ({ children }: { children: ReactNode }) => {
  const seen = useSeenRequests();
  const [shown, setShown] = useState<Shown>();
  const value = useMemo(() => ({ seen, show: setShown }), [seen]);
  return (
    <BulkResultsContext.Provider value={value}>
      {children}
      {shown && <BulkResultDialog {...shown} onClose={() => setShown(undefined)} />}
    </BulkResultsContext.Provider>
  );
};

export const useBulkResults = (): BulkResultsValue => {
  const value = useContext(BulkResultsContext);
  if (!value) throw new Error('useBulkResults needs <BulkResults> around the list');
  return value;
};
