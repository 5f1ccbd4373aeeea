import { describe, expect, it } from 'vitest';
import type { SavedView } from './types.ts';
import { showsView, splitViews, tableColumns, viewSearch, visibleColumns } from './viewState.ts';

const ALL = ['lastName', 'studentNumber', 'stage', 'ticks.welfare'];

describe('columns', () => {
  it('are the list’s defaults while the user has hidden and moved none', () => {
    expect(visibleColumns(ALL, [], undefined)).toBeNull();
    expect(visibleColumns(ALL, [], [])).toBeNull();
    expect(tableColumns(ALL, null)).toEqual({ hidden: [], ranks: undefined });
  });

  it('are read in the order shown, without the hidden ones', () => {
    expect(visibleColumns(ALL, ['studentNumber'], undefined)).toEqual(['lastName', 'stage', 'ticks.welfare']);
    expect(visibleColumns(ALL, ['stage'], [3, 0])).toEqual(['ticks.welfare', 'lastName', 'studentNumber']);
    // Ranks naming columns the table no longer has are ignored.
    expect(visibleColumns(ALL, [], [9, 2])).toEqual(['stage', 'lastName', 'studentNumber', 'ticks.welfare']);
  });

  it('come back as they were saved', () => {
    const saved = ['ticks.welfare', 'lastName'];
    const { hidden, ranks } = tableColumns(ALL, saved);
    expect(hidden).toEqual(['studentNumber', 'stage']);
    expect(ranks).toEqual([3, 0, 1, 2]);
    expect(visibleColumns(ALL, hidden, ranks)).toEqual(saved);
  });

  it('skip a saved column the table no longer has', () => {
    expect(tableColumns(ALL, ['gone', 'stage'])).toEqual({
      hidden: ['lastName', 'studentNumber', 'ticks.welfare'],
      ranks: [2, 0, 1, 3],
    });
  });
});

describe('the list’s address for a view', () => {
  it('sets the filter, shows each of its inputs and starts at the first page', () => {
    const search = new URLSearchParams(
      viewSearch(
        { sort: { field: 'stageEnteredAt', order: 'ASC' }, perPage: 50 },
        { queue: 'welfare_officer', q: 'رضا' },
      ),
    );
    expect(JSON.parse(search.get('filter') ?? '')).toEqual({ queue: 'welfare_officer', q: 'رضا' });
    expect(JSON.parse(search.get('displayedFilters') ?? '')).toEqual({ queue: true, q: true });
    expect(['page', 'sort', 'order', 'perPage'].map((key) => search.get(key))).toEqual([
      '1',
      'stageEnteredAt',
      'ASC',
      '50',
    ]);
  });

  it('leaves the sort and page size to the list when the view does', () => {
    const search = new URLSearchParams(viewSearch({ sort: null, perPage: null }, {}));
    expect([...search.keys()].sort()).toEqual(['displayedFilters', 'filter', 'page']);
  });
});

it('puts the caller’s own views apart from those shared with them', () => {
  const view = (id: string, ownerId: string) => ({ id, ownerId }) as SavedView;
  const { mine, shared } = splitViews([view('a', 'me'), view('b', 'colleague'), view('c', 'me')], 'me');
  expect(mine.map((v) => v.id)).toEqual(['a', 'c']);
  expect(shared.map((v) => v.id)).toEqual(['b']);
});

describe('whether the list shows a view', () => {
  const view = {
    filter: { stage: ['submitted'], queue: 'graduate_officer' },
    sort: { field: 'stageEnteredAt', order: 'ASC' as const },
    perPage: 25,
    columns: null,
  };

  it('compares filters whatever the order of their fields', () => {
    expect(showsView(view, { ...view, filter: { queue: 'graduate_officer', stage: ['submitted'] } })).toBe(true);
    expect(showsView(view, { ...view, filter: { queue: 'graduate_officer' } })).toBe(false);
    expect(showsView(view, { ...view, filter: { queue: 'graduate_officer', stage: ['submitted', 'returned'] } })).toBe(
      false,
    );
  });

  it('tells a changed sort, page size or choice of columns', () => {
    expect(showsView(view, { ...view, sort: { field: 'stageEnteredAt', order: 'DESC' } })).toBe(false);
    expect(showsView(view, { ...view, perPage: 50 })).toBe(false);
    expect(showsView(view, { ...view, columns: ['lastName'] })).toBe(false);
  });

  it('does not compare what the view leaves to the list', () => {
    expect(showsView({ ...view, sort: null, perPage: null }, { ...view, perPage: 100 })).toBe(true);
  });
});
