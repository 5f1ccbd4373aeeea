import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';
import type { SavedViewResource, SavedViewScope } from '../domain.ts';
import type { Json } from './audit-events.table.ts';

export interface SavedViewsTable {
  id: Generated<string>;
  ownerId: string;
  resource: SavedViewResource;
  name: string;
  scope: Generated<SavedViewScope>;
  /** The list's filter, as its `filter` query parameter takes it. */
  filter: ColumnType<Json, string, string>;
  /** `{ field, order }`; null: the list's default sort. */
  sort: ColumnType<Json | null, string | null, string | null>;
  perPage: number | null;
  /** The visible columns in their order; null: the list's default columns. */
  columns: ColumnType<Json | null, string | null, string | null>;
  version: Generated<number>;
  createdAt: ColumnType<Date, never, never>;
  updatedAt: Generated<Date>;
}
export type SavedViewRow = Selectable<SavedViewsTable>;
export type NewSavedViewRow = Insertable<SavedViewsTable>;
export type SavedViewRowUpdate = Updateable<SavedViewsTable>;
