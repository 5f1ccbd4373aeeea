import { useState } from 'react';
import { Button, Confirm, type Identifier, useListContext, useNotify, useTranslate, useUnselect } from 'react-admin';
import type { AppDataProvider } from '../../providers/dataProvider.ts';
import type { RequestSummary } from '../types.ts';
import { useCommand } from '../useCommand.ts';
import { useBulkResults } from './BulkResults.tsx';
import { bulkIcon, bulkLabel } from './bulkLabels.tsx';
import { BULK_MAX_ITEMS, type BulkAction } from './types.ts';

/** getMany asks the list route for the ids without a range: the route's default page, 25 rows, is all it answers. */
const CHUNK = 25;

/** The selected requests as the list showed them; those selected without being shown (select all) are fetched. */
async function selectedRecords(
  dataProvider: AppDataProvider,
  ids: Identifier[],
  seen: ReadonlyMap<Identifier, RequestSummary>,
): Promise<Map<Identifier, RequestSummary>> {
  const records = new Map(ids.flatMap((id) => (seen.has(id) ? [[id, seen.get(id)!] as const] : [])));
  const missing = ids.filter((id) => !records.has(id));
  for (let at = 0; at < missing.length; at += CHUNK) {
    const { data } = await dataProvider.getMany<RequestSummary>('requests', { ids: missing.slice(at, at + CHUNK) });
    for (const record of data) records.set(record.id, record);
  }
  return records;
}

export const BulkActionButton = ({ action }: { action: BulkAction }) => {
  const translate = useTranslate();
  const notify = useNotify();
  const { selectedIds, resource } = useListContext();
  const unselect = useUnselect(resource);
  const { run, pending } = useCommand();
  const [confirming, setConfirming] = useState(false);
  const { seen, show } = useBulkResults();
  const label = bulkLabel(action);
  const count = selectedIds.length;

  const ask = () =>
    count > BULK_MAX_ITEMS
      ? notify('requests.bulk.too_many', { type: 'warning', messageArgs: { max: BULK_MAX_ITEMS, smart_count: count } })
      : setConfirming(true);

  const apply = () =>
    run(async (dataProvider) => {
      const ids = [...selectedIds];
      const records = await selectedRecords(dataProvider, ids, seen);
      // A request no longer listed for the caller is sent anyway: the API answers it as not found.
      const items = ids.map((id) => ({ id, version: records.get(id)?.version ?? 1 }));
      const result = await dataProvider.bulkRequests(action, items);
      unselect(result.results.flatMap((row) => (row.outcome === 'done' ? [row.id] : [])));
      show({ label, result, records });
    }).then(() => setConfirming(false));

  return (
    <>
      <Button label={label} disabled={pending} onClick={ask}>
        {bulkIcon(action)}
      </Button>
      <Confirm
        isOpen={confirming}
        loading={pending}
        title={label}
        content="requests.bulk.confirm"
        translateOptions={{ smart_count: count, action: translate(label) }}
        confirm={label}
        onConfirm={apply}
        onClose={() => setConfirming(false)}
      />
    </>
  );
};
