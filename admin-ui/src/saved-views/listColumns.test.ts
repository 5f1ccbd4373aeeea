import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { LIST_COLUMNS } from './listColumns.ts';

const TABLES: Record<string, string> = {
  requests: '../requests/RequestTable.tsx',
  graduates: '../graduates/GraduateList.tsx',
  'audit-events': '../audit-events/AuditEventTable.tsx',
};

/** The sources of a table's `<Column>` elements, in the order the file writes them. */
const columnsOf = (file: string) =>
  [...readFileSync(new URL(file, import.meta.url), 'utf8').matchAll(/<Column\s+source="([^"]+)"/g)].map(
    (match) => match[1],
  );

it.each(Object.entries(TABLES))('names the columns of the %s table in its order', (resource, file) => {
  expect(LIST_COLUMNS[resource]).toEqual(columnsOf(file));
});
