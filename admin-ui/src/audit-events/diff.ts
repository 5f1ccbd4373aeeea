export type Change = 'added' | 'removed' | 'changed' | 'unchanged';

export interface DiffRow {
  /** The path to the value: object keys joined with dots, array positions in brackets; '' for a bare value. */
  key: string;
  change: Change;
  before: unknown;
  after: unknown;
}

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const join = (prefix: string, key: string) => (prefix === '' ? key : `${prefix}.${key}`);

/** Leaves of a JSON value by path. Empty objects and arrays are leaves, so that they show when they appear. */
export const flatten = (value: unknown, prefix = '', into = new Map<string, unknown>()): Map<string, unknown> => {
  if (isPlainObject(value) && Object.keys(value).length > 0) {
    for (const [key, child] of Object.entries(value)) flatten(child, join(prefix, key), into);
  } else if (Array.isArray(value) && value.length > 0) {
    value.forEach((child, index) => {
      flatten(child, `${prefix}[${index}]`, into);
    });
  } else if (value !== undefined && !(prefix === '' && value === null)) {
    into.set(prefix, value);
  }
  return into;
};

const same = (a: unknown, b: unknown) =>
  Object.is(a, b) || (typeof a === 'object' && typeof b === 'object' && JSON.stringify(a) === JSON.stringify(b));

/** What an event changed, key by key: every path of either side, in the order the record has them. */
export const diffValues = (before: unknown, after: unknown): DiffRow[] => {
  const old = flatten(before);
  const next = flatten(after);
  const keys = [...new Set([...old.keys(), ...next.keys()])];
  return keys.map((key) => {
    const was = old.has(key);
    const is = next.has(key);
    const change: Change = !was
      ? 'added'
      : !is
        ? 'removed'
        : same(old.get(key), next.get(key))
          ? 'unchanged'
          : 'changed';
    return { key, change, before: old.get(key), after: next.get(key) };
  });
};
