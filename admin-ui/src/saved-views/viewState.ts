import type { SavedView, ViewState } from './types.ts';

/** The display order of a DataTable's columns: its stored ranks, padded with the columns they do not name. */
const orderOf = (count: number, ranks: readonly number[] | undefined): number[] => {
  const known = (ranks ?? []).filter((rank) => Number.isInteger(rank) && rank >= 0 && rank < count);
  return [...known, ...Array.from({ length: count }, (_, i) => i).filter((i) => !known.includes(i))];
};

/**
 * The visible columns in the order the table shows them, from what react-admin's DataTable keeps (hidden
 * columns, and ranks: indices into the table's columns); null while the user has changed neither.
 */
export const visibleColumns = (
  all: readonly string[],
  hidden: readonly string[],
  ranks: readonly number[] | undefined,
): string[] | null => {
  if (hidden.length === 0 && (ranks === undefined || ranks.length === 0)) return null;
  return orderOf(all.length, ranks)
    .map((i) => all[i] as string)
    .filter((column) => !hidden.includes(column));
};

/** What the DataTable must keep to show the given columns in their order; null: its defaults. */
export const tableColumns = (
  all: readonly string[],
  columns: readonly string[] | null,
): { hidden: string[]; ranks: number[] | undefined } => {
  if (columns === null) return { hidden: [], ranks: undefined };
  const shown = columns.map((column) => all.indexOf(column)).filter((i) => i >= 0);
  return {
    hidden: all.filter((column) => !columns.includes(column)),
    ranks: [...shown, ...all.map((_, i) => i).filter((i) => !shown.includes(i))],
  };
};

/**
 * The list's address for a view: react-admin reads filter, sort, order, perPage and page from it. A sort or
 * page size the view leaves to the list is left out, so that the list's own default applies. Every filter
 * the view sets is displayed, so that it can be seen and cleared.
 */
export const viewSearch = (view: Pick<ViewState, 'sort' | 'perPage'>, filter: Record<string, unknown>): string => {
  const params = new URLSearchParams({
    filter: JSON.stringify(filter),
    displayedFilters: JSON.stringify(Object.fromEntries(Object.keys(filter).map((key) => [key, true]))),
    page: '1',
  });
  if (view.sort) {
    params.set('sort', view.sort.field);
    params.set('order', view.sort.order);
  }
  if (view.perPage) params.set('perPage', String(view.perPage));
  return `?${params.toString()}`;
};

/** The caller's own views first, then those shared with them, each by name. */
export const splitViews = (views: readonly SavedView[], ownerId: unknown) => ({
  mine: views.filter((view) => view.ownerId === ownerId),
  shared: views.filter((view) => view.ownerId !== ownerId),
});

/** JSON with object keys in order, so that two filters compare equal whatever order their fields came in. */
const canonical = (value: unknown): string =>
  JSON.stringify(value, (_, inner: unknown) =>
    inner && typeof inner === 'object' && !Array.isArray(inner)
      ? Object.fromEntries(Object.entries(inner).sort(([a], [b]) => a.localeCompare(b)))
      : inner,
  );

/** Whether the list shows what the view holds; what the view leaves to the list's defaults is not compared. */
export const showsView = (view: ViewState, list: ViewState): boolean =>
  canonical(view.filter) === canonical(list.filter) &&
  (view.sort === null || canonical(view.sort) === canonical(list.sort)) &&
  (view.perPage === null || view.perPage === list.perPage) &&
  canonical(view.columns) === canonical(list.columns);
