import { describe, expect, it } from 'vitest';
import { diffValues, flatten } from './diff.ts';

describe('flatten', () => {
  it('joins nested keys with dots and array positions with brackets', () => {
    expect(
      Object.fromEntries(flatten({ stage: 'draft', ticks: { welfare: { set: true } }, kinds: ['a', { b: 1 }] })),
    ).toEqual({ stage: 'draft', 'ticks.welfare.set': true, 'kinds[0]': 'a', 'kinds[1].b': 1 });
  });

  it('keeps nulls, empty objects and empty arrays as values', () => {
    expect(Object.fromEntries(flatten({ note: null, extra: {}, list: [] }))).toEqual({
      note: null,
      extra: {},
      list: [],
    });
  });

  it('has no keys for a missing side, and one unnamed key for a bare value', () => {
    expect(flatten(null).size).toBe(0);
    expect(flatten(undefined).size).toBe(0);
    expect(Object.fromEntries(flatten('text'))).toEqual({ '': 'text' });
  });
});

describe('diffValues', () => {
  it('tells added, removed, changed and unchanged keys apart', () => {
    const rows = diffValues(
      { stage: 'submitted', version: 3, case: { route: null, amountOwed: '0' }, old: 'x' },
      { stage: 'under_review', version: 4, case: { route: 'employment', amountOwed: '0' }, note: 'ok' },
    );
    expect(rows).toEqual([
      { key: 'stage', change: 'changed', before: 'submitted', after: 'under_review' },
      { key: 'version', change: 'changed', before: 3, after: 4 },
      { key: 'case.route', change: 'changed', before: null, after: 'employment' },
      { key: 'case.amountOwed', change: 'unchanged', before: '0', after: '0' },
      { key: 'old', change: 'removed', before: 'x', after: undefined },
      { key: 'note', change: 'added', before: undefined, after: 'ok' },
    ]);
  });

  it('shows everything as added when there was nothing before, and removed when nothing is left', () => {
    expect(diffValues(null, { a: 1, b: { c: true } }).map((row) => [row.key, row.change])).toEqual([
      ['a', 'added'],
      ['b.c', 'added'],
    ]);
    expect(diffValues({ a: 1 }, null)).toEqual([{ key: 'a', change: 'removed', before: 1, after: undefined }]);
    expect(diffValues(null, null)).toEqual([]);
  });

  it('compares empty objects and arrays by value', () => {
    expect(diffValues({ a: {}, b: [] }, { a: {}, b: [1] }).map((row) => [row.key, row.change])).toEqual([
      ['a', 'unchanged'],
      ['b', 'removed'],
      ['b[0]', 'added'],
    ]);
  });
});
