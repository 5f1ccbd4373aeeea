import { describe, expect, it } from 'vitest';
import { fromApiFilter, toApiFilter } from './apiFilter.ts';

describe('toApiFilter', () => {
  it('turns the typed days into the first and last instants of those days in Tehran', () => {
    expect(toApiFilter({ role: 'auditor', from: '۱۴۰۵/۰۹/۰۷', to: '1405/09/07' })).toEqual({
      role: 'auditor',
      from: '2026-11-27T20:30:00.000Z',
      to: '2026-11-28T20:29:59.999Z',
    });
    expect(toApiFilter({ from: '2025-03-20', to: '2025-03-21' })).toEqual({
      from: '2025-03-19T20:30:00.000Z',
      to: '2025-03-21T20:29:59.999Z',
    });
  });

  it('passes instants through, and what names no day too, for the API to refuse', () => {
    expect(toApiFilter({ from: '2026-11-27T20:30:00.000Z', to: '1404/12/30', action: 'request.*' })).toEqual({
      from: '2026-11-27T20:30:00.000Z',
      to: '1404/12/30',
      action: 'request.*',
    });
    expect(toApiFilter({ q: 'x' })).toEqual({ q: 'x' });
  });
});

describe('fromApiFilter', () => {
  it('turns the instants bounding days back into the days, as each language writes them', () => {
    const api = toApiFilter({ role: 'auditor', from: '۱۴۰۵/۰۹/۰۷', to: '1405/09/08' });
    expect(fromApiFilter(api, 'fa')).toEqual({ role: 'auditor', from: '۱۴۰۵/۰۹/۰۷', to: '۱۴۰۵/۰۹/۰۸' });
    expect(fromApiFilter(api, 'en')).toEqual({ role: 'auditor', from: '2026-11-28', to: '2026-11-29' });
    expect(toApiFilter(fromApiFilter(api, 'fa'))).toEqual(api);
  });

  it('leaves what is not an instant alone', () => {
    expect(fromApiFilter({ from: '1404/12/30', q: 'x' }, 'fa')).toEqual({ from: '1404/12/30', q: 'x' });
  });
});
