import type { Identifier } from 'react-admin';

export type SavedViewScope = 'private' | 'office';

export interface ViewSort {
  field: string;
  order: 'ASC' | 'DESC';
}

/** A list's state as a saved view keeps it: null where the list's own default applies. */
export interface ViewState {
  filter: Record<string, unknown>;
  sort: ViewSort | null;
  perPage: number | null;
  columns: string[] | null;
}

export interface SavedView extends ViewState {
  id: Identifier;
  resource: string;
  name: string;
  scope: SavedViewScope;
  ownerId: string;
  ownerName: string;
  ownerRole: string;
  version: number;
  createdAt: string;
  updatedAt: string;
}
