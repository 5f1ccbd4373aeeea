import type { StringMap } from 'react-admin';
import { formatNumber } from '../common/digits.ts';

const COUNT = '%{smart_count}';
const PERSIAN_COUNT = '%{smart_count_fa}';
const FIRST_STRONG_ISOLATE = '\u2068';
const POP_DIRECTIONAL_ISOLATE = '\u2069';

type Options = Record<string, unknown>;

export const withPersianCountPlaceholder = <T extends StringMap>(messages: T): T => {
  const rewrite = (map: StringMap): StringMap =>
    Object.fromEntries(
      Object.entries(map).map(([key, value]) => [
        key,
        typeof value === 'string' ? value.replaceAll(COUNT, PERSIAN_COUNT) : value && rewrite(value),
      ]),
    );
  return rewrite(messages) as T;
};

export const withPersianNumbers = (options: Options = {}): Options => {
  const localized = Object.fromEntries(
    Object.entries(options).map(([key, value]) => [
      key,
      typeof value === 'number' && key !== 'smart_count' ? formatNumber(value, 'fa') : value,
    ]),
  );
  const count = options.smart_count;
  return typeof count === 'number' ? { ...localized, smart_count_fa: formatNumber(count, 'fa') } : localized;
};

export const withIsolatedText = (options: Options = {}): Options =>
  Object.fromEntries(
    Object.entries(options).map(([key, value]) => [
      key,
      key !== '_' && typeof value === 'string' && value !== ''
        ? `${FIRST_STRONG_ISOLATE}${value}${POP_DIRECTIONAL_ISOLATE}`
        : value,
    ]),
  );
