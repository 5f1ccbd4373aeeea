import polyglotI18nProvider from 'ra-i18n-polyglot';
import type { StringMap } from 'react-admin';
import { describe, expect, it } from 'vitest';
import { withPersianNumbers } from './interpolation.ts';
import { englishCatalog, persianCatalog } from './messages.ts';

const keysOf = (map: StringMap, prefix = ''): string[] =>
  Object.entries(map).flatMap(([key, value]) =>
    typeof value === 'object' ? keysOf(value, `${prefix}${key}.`) : [`${prefix}${key}`],
  );

describe('catalogs', () => {
  it('has every English key in Persian, framework keys included', () => {
    const persian = new Set(keysOf(persianCatalog));
    expect(keysOf(englishCatalog).filter((key) => !persian.has(key))).toEqual([]);
  });

  it('has every Persian key in English', () => {
    const english = new Set(keysOf(englishCatalog));
    expect(keysOf(persianCatalog).filter((key) => !english.has(key))).toEqual([]);
  });

  it('writes counts and ranges with Persian digits in Persian', () => {
    const i18n = polyglotI18nProvider(() => persianCatalog, 'fa');
    const translate = (key: string, options: Record<string, unknown>) =>
      i18n.translate(key, withPersianNumbers(options));
    expect(translate('ra.navigation.page_range_info', { offsetBegin: 1, offsetEnd: 10, total: 1250 })).toBe(
      '۱-۱۰ (کل: ۱٬۲۵۰)',
    );
    expect(translate('ra.action.bulk_actions', { smart_count: 3 })).toBe('۳ عدد از آیتم‌ها انتخاب شدند');
  });
});
