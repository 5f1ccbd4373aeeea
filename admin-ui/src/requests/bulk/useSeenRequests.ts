import { useEffect, useRef } from 'react';
import { type Identifier, useListContext } from 'react-admin';
import type { RequestSummary } from '../types.ts';

/**
 * Every request the list has shown, as it was last shown: a bulk call sends the versions the officer saw
 * (a request changed since is refused as stale), and the result names the graduates. Selections outlive
 * pages, so the rows of pages shown before are kept too.
 */
export const useSeenRequests = () => {
  const { data } = useListContext<RequestSummary>();
  const seen = useRef(new Map<Identifier, RequestSummary>());
  useEffect(() => {
    for (const record of data ?? []) seen.current.set(record.id, record);
  }, [data]);
  return seen.current;
};
