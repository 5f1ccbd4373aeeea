import type { FastifyReply } from 'fastify';
import type { TSchema } from 'typebox';
import Value from 'typebox/value';
import { ValidationError } from '../errors.ts';

export const MAX_PAGE_SIZE = 500;

export interface ListParams<F, S extends string> {
  filter: F;
  offset: number;
  limit: number;
  sort: { field: S; order: 'asc' | 'desc' };
}

function parseJson(name: string, raw: string | undefined): unknown {
  if (raw === undefined) return undefined;
  try {
    return JSON.parse(raw);
  } catch {
    throw new ValidationError(`\`${name}\` is not valid JSON.`, [
      { field: name, message: 'must be valid JSON', code: 'json' },
    ]);
  }
}

const CONTROL = /\p{Cc}/u;

/**
 * The first filter field whose text holds a control character. No filter means one (search text is typed by
 * people), and PostgreSQL refuses a NUL in text outright: refused here, for every filter field at once.
 */
function controlCharacterAt(filter: unknown): string | undefined {
  for (const [field, value] of Object.entries(filter as Record<string, unknown>)) {
    const texts = Array.isArray(value) ? value : [value];
    if (texts.some((t) => typeof t === 'string' && CONTROL.test(t))) return field;
  }
  return undefined;
}

/**
 * Refuses a filter the list does not take, naming the first field at fault as `filter.<field>`. Lists and
 * saved views (which keep a list's filter) check with this one function, so a view holds only filters its
 * list accepts.
 */
export function checkListFilter(schema: TSchema, filter: unknown): void {
  if (!Value.Check(schema, filter)) {
    const first = [...Value.Errors(schema, filter)][0];
    const field = first?.instancePath.replace(/^\//, '') || 'filter';
    throw new ValidationError(`Unsupported filter: ${field} ${first?.message ?? ''}`.trim(), [
      { field: `filter.${field}`, message: first?.message ?? 'invalid', code: 'filter' },
    ]);
  }
  const control = controlCharacterAt(filter);
  if (control !== undefined) {
    throw new ValidationError(`Unsupported filter: ${control} holds a control character.`, [
      { field: `filter.${control}`, message: 'must not hold control characters', code: 'control' },
    ]);
  }
}

/** Parses react-admin's `filter`, `range` and `sort` query parameters against what a resource allows. */
export function parseListQuery<F, S extends string>(
  query: { filter?: string | undefined; range?: string | undefined; sort?: string | undefined },
  spec: { filter: TSchema; sortable: readonly S[]; defaultSort: { field: S; order: 'asc' | 'desc' } },
): ListParams<F, S> {
  const filter = parseJson('filter', query.filter) ?? {};
  checkListFilter(spec.filter, filter);
  let offset = 0;
  // react-admin's getMany (ra-data-simple-rest) asks for records by `filter={"id": [...]}` with no range: it
  // expects every one of them, not the first page of 25.
  const ids = (filter as { id?: unknown }).id;
  let limit = Array.isArray(ids) ? Math.min(MAX_PAGE_SIZE, Math.max(1, ids.length)) : 25;
  const range = parseJson('range', query.range);
  if (range !== undefined) {
    if (
      !Array.isArray(range) ||
      range.length !== 2 ||
      !range.every((n) => Number.isSafeInteger(n) && n >= 0) ||
      range[1] < range[0] ||
      range[1] - range[0] + 1 > MAX_PAGE_SIZE
    ) {
      throw new ValidationError(
        `\`range\` must be [start, end] with 0 ≤ start ≤ end and at most ${MAX_PAGE_SIZE} rows.`,
        [{ field: 'range', message: 'invalid range', code: 'range' }],
      );
    }
    offset = range[0];
    limit = range[1] - range[0] + 1;
  }
  let sort = spec.defaultSort;
  const rawSort = parseJson('sort', query.sort);
  if (rawSort !== undefined) {
    const [field, order] = Array.isArray(rawSort) ? rawSort : [];
    if (!spec.sortable.includes(field) || (order !== 'ASC' && order !== 'DESC')) {
      throw new ValidationError(
        `\`sort\` must be ["field", "ASC"|"DESC"] with field one of: ${spec.sortable.join(', ')}.`,
        [{ field: 'sort', message: 'invalid sort', code: 'sort' }],
      );
    }
    sort = { field: field as S, order: order === 'ASC' ? 'asc' : 'desc' };
  }
  return { filter: filter as F, offset, limit, sort };
}

export function sendList<T>(reply: FastifyReply, resource: string, offset: number, rows: T[], total: number): T[] {
  const end = rows.length === 0 ? offset : offset + rows.length - 1;
  reply.header('Content-Range', `${resource} ${offset}-${end}/${total}`);
  return rows;
}
