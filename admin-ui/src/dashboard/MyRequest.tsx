import { RecordContextProvider, useGetList, useGetOne } from 'react-admin';
import type { RequestDetail, RequestSummary } from '../requests/types.ts';
import { MyDetailsCard } from './MyDetailsCard.tsx';
import { MyDocumentsCard } from './MyDocumentsCard.tsx';
import { MyRequestCard } from './MyRequestCard.tsx';
import { OpenRequestCard } from './OpenRequestCard.tsx';

export const MyRequest = ({ graduateId }: { graduateId: string }) => {
  const { data: latest, isPending } = useGetList<RequestSummary>('requests', {
    filter: { graduateId },
    pagination: { page: 1, perPage: 1 },
    sort: { field: 'createdAt', order: 'DESC' },
  });
  const current = latest?.[0];
  const { data: request } = useGetOne<RequestDetail>('requests', { id: current?.id ?? '' }, { enabled: !!current });
  if (isPending) return null;
  if (!current || current.stage === 'withdrawn') return <OpenRequestCard />;
  if (!request) return null;
  return (
    <RecordContextProvider value={request}>
      <MyRequestCard />
      <MyDocumentsCard />
      <MyDetailsCard />
    </RecordContextProvider>
  );
};
