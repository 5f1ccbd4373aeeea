import BookmarksIcon from '@mui/icons-material/BookmarksOutlined';
import CheckIcon from '@mui/icons-material/Check';
import { Divider, ListItemIcon, ListItemText, ListSubheader, Menu, MenuItem } from '@mui/material';
import { useState } from 'react';
import {
  Button,
  Confirm,
  HttpError,
  type Identifier,
  useCanAccess,
  useDataProvider,
  useGetIdentity,
  useGetList,
  useListContext,
  useLocaleState,
  useNotify,
  useResourceContext,
  useStore,
  useTranslate,
} from 'react-admin';
import { useNavigate } from 'react-router';
import { LIST_COLUMNS } from './listColumns.ts';
import type { SavedView, SavedViewScope, ViewState } from './types.ts';
import { ViewDialog, type ViewFormErrors, type ViewFormValues } from './ViewDialog.tsx';
import { showsView, splitViews, tableColumns, viewSearch, visibleColumns } from './viewState.ts';

type FilterMap = (filter: Record<string, unknown>, locale: string) => Record<string, unknown>;
const unchanged: FilterMap = (filter) => filter;

export interface SavedViewsButtonProps {
  /** The list's filter as the API reads it, and back, where the two differ (the audit log's days). */
  toApi?: FilterMap;
  fromApi?: FilterMap;
}

/** A refused name is told on the name field; anything else in a notification. */
const nameError = (error: unknown): ViewFormErrors => {
  const errors = error instanceof HttpError ? (error.body?.errors as Record<string, unknown> | undefined) : undefined;
  return typeof errors?.name === 'string' ? { name: errors.name } : undefined;
};

const ViewItem = ({
  view,
  selected,
  shared,
  onPick,
}: {
  view: SavedView;
  selected: boolean;
  shared: boolean;
  onPick: (view: SavedView) => void;
}) => {
  const translate = useTranslate();
  const secondary = shared
    ? translate('saved_views.shared_by', { name: view.ownerName })
    : view.scope === 'office'
      ? translate('saved_views.shared_with_office')
      : undefined;
  return (
    <MenuItem selected={selected} onClick={() => onPick(view)}>
      <ListItemIcon>{selected && <CheckIcon fontSize="small" />}</ListItemIcon>
      <ListItemText primary={view.name} secondary={secondary} slotProps={{ primary: { dir: 'auto' } }} />
    </MenuItem>
  );
};

const SavedViewsMenu = ({ toApi = unchanged, fromApi = unchanged }: SavedViewsButtonProps) => {
  const resource = useResourceContext() ?? '';
  const columns = LIST_COLUMNS[resource] ?? [];
  const translate = useTranslate();
  const notify = useNotify();
  const navigate = useNavigate();
  const [locale] = useLocaleState();
  const dataProvider = useDataProvider();
  const { data: identity } = useGetIdentity();
  const list = useListContext();
  const [anchor, setAnchor] = useState<HTMLElement | null>(null);
  const [dialog, setDialog] = useState<'save' | 'edit' | 'delete' | null>(null);
  const [busy, setBusy] = useState(false);
  const [currentId, setCurrentId] = useStore<Identifier | null>(`${resource}.savedView`, null);
  // Where react-admin's DataTable keeps the columns a user hid and the order they put them in.
  const [hidden, setHidden] = useStore<string[]>(`${resource}.datatable`, []);
  const [ranks, setRanks] = useStore<number[] | undefined>(`${resource}.datatable_columnRanks`);
  const { data: views = [], refetch } = useGetList<SavedView>('saved-views', {
    filter: { resource },
    sort: { field: 'name', order: 'ASC' },
    pagination: { page: 1, perPage: 200 },
  });
  const current = views.find((view) => view.id === currentId);
  const { canAccess: canCreate } = useCanAccess({
    action: 'create',
    resource: 'saved-views',
    record: { ownerId: identity?.id, resource },
  });
  const { canAccess: canChange } = useCanAccess({ action: 'edit', resource: 'saved-views', record: current });
  const { mine, shared } = splitViews(views, identity?.id);

  const listState = (): ViewState => ({
    filter: toApi(list.filterValues ?? {}, locale),
    sort: list.sort?.field ? { field: list.sort.field, order: list.sort.order } : null,
    perPage: list.perPage ?? null,
    columns: visibleColumns(columns, hidden, ranks),
  });
  const close = () => {
    setDialog(null);
    setAnchor(null);
  };
  const open = (which: 'save' | 'edit' | 'delete') => {
    setAnchor(null);
    setDialog(which);
  };
  const failed = (error: unknown) =>
    notify(error instanceof Error ? error.message : 'ra.notification.http_error', { type: 'error' });

  const pick = (view: SavedView) => {
    setAnchor(null);
    const table = tableColumns(columns, view.columns);
    setHidden(table.hidden);
    setRanks(table.ranks);
    setCurrentId(view.id);
    navigate({ search: viewSearch(view, fromApi(view.filter, locale)) });
  };

  const saveAs = async ({ name, shared: share }: ViewFormValues): Promise<ViewFormErrors> => {
    try {
      const { data } = await dataProvider.create<SavedView>('saved-views', {
        data: { resource, name, scope: share ? 'office' : 'private', ...listState() },
      });
      setCurrentId(data.id);
      await refetch();
      close();
      notify('saved_views.saved', { type: 'success', messageArgs: { name: data.name } });
      return undefined;
    } catch (error) {
      const errors = nameError(error);
      if (!errors) failed(error);
      return errors;
    }
  };

  const change = async (view: SavedView, data: Partial<ViewState> & { name?: string; scope?: SavedViewScope }) => {
    const { data: updated } = await dataProvider.update<SavedView>('saved-views', {
      id: view.id,
      data: { version: view.version, ...data },
      previousData: view,
    });
    await refetch();
    notify('saved_views.updated', { type: 'success', messageArgs: { name: updated.name } });
  };

  const rename = async ({ name, shared: share }: ViewFormValues): Promise<ViewFormErrors> => {
    if (!current) return undefined;
    try {
      await change(current, { name, scope: share ? 'office' : 'private' });
      close();
      return undefined;
    } catch (error) {
      const errors = nameError(error);
      if (!errors) failed(error);
      return errors;
    }
  };

  const overwrite = async () => {
    setAnchor(null);
    if (current) await change(current, listState()).catch(failed);
  };

  const remove = async () => {
    if (!current) return;
    setBusy(true);
    try {
      await dataProvider.delete<SavedView>('saved-views', { id: current.id, previousData: current });
      setCurrentId(null);
      await refetch();
      notify('saved_views.deleted', { type: 'success', messageArgs: { name: current.name } });
      close();
    } catch (error) {
      failed(error);
    } finally {
      setBusy(false);
    }
  };

  const label = !current
    ? translate('saved_views.button')
    : translate(showsView(current, listState()) ? 'saved_views.button_current' : 'saved_views.button_changed', {
        name: current.name,
      });
  const item = (view: SavedView, sharedWithMe: boolean) => (
    <ViewItem key={view.id} view={view} selected={view.id === currentId} shared={sharedWithMe} onPick={pick} />
  );
  return (
    <>
      <Button
        label={label}
        aria-haspopup="menu"
        aria-expanded={anchor ? 'true' : undefined}
        onClick={(event) => setAnchor(event.currentTarget)}
      >
        <BookmarksIcon />
      </Button>
      <Menu anchorEl={anchor} open={anchor !== null} onClose={() => setAnchor(null)}>
        {mine.length > 0 && <ListSubheader>{translate('saved_views.mine')}</ListSubheader>}
        {mine.map((view) => item(view, false))}
        {shared.length > 0 && <ListSubheader>{translate('saved_views.shared')}</ListSubheader>}
        {shared.map((view) => item(view, true))}
        {views.length === 0 && <MenuItem disabled>{translate('saved_views.none')}</MenuItem>}
        <Divider />
        {canCreate && <MenuItem onClick={() => open('save')}>{translate('saved_views.save_as')}</MenuItem>}
        {current &&
          canChange && [
            <MenuItem key="overwrite" onClick={overwrite}>
              {translate('saved_views.update', { name: current.name })}
            </MenuItem>,
            <MenuItem key="edit" onClick={() => open('edit')}>
              {translate('saved_views.edit', { name: current.name })}
            </MenuItem>,
            <MenuItem key="delete" onClick={() => open('delete')}>
              {translate('saved_views.delete', { name: current.name })}
            </MenuItem>,
          ]}
      </Menu>
      {dialog === 'save' && (
        <ViewDialog
          open
          title="saved_views.save_title"
          explanation="saved_views.save_explanation"
          defaultValues={{ name: '', shared: false }}
          onClose={close}
          onSubmit={saveAs}
        />
      )}
      {dialog === 'edit' && current && (
        <ViewDialog
          open
          title="saved_views.edit_title"
          defaultValues={{ name: current.name, shared: current.scope === 'office' }}
          onClose={close}
          onSubmit={rename}
        />
      )}
      <Confirm
        isOpen={dialog === 'delete' && current !== undefined}
        loading={busy}
        title="saved_views.delete_title"
        titleTranslateOptions={{ name: current?.name ?? '' }}
        content="saved_views.delete_content"
        confirm="ra.action.delete"
        confirmColor="warning"
        onConfirm={remove}
        onClose={close}
      />
    </>
  );
};

/**
 * The list toolbar's "Views" control: pick one of the caller's saved views or one their office shares (its
 * filter, sort, page size and columns apply), save the list as it is now under a name, and update, rename,
 * re-share or delete the view in use when it is the caller's own. Shown to whoever the API's rules let list
 * saved views.
 */
export const SavedViewsButton = (props: SavedViewsButtonProps) => {
  const { canAccess } = useCanAccess({ action: 'list', resource: 'saved-views' });
  return canAccess ? <SavedViewsMenu {...props} /> : null;
};
