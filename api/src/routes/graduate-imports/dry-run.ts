import type { Database, ImportRowStatus, Json, NewGraduateImportLineRow } from '@diploma-desk/db';
import type { Transaction } from 'kysely';
import { type CsvRecord, ImportFileError } from './csv-reader.ts';
import { insertLines, recordedGraduates, recordedValues } from './graduate-imports.repository.ts';
import {
  type Column,
  DuplicateFinder,
  differences,
  type Issue,
  mapHeader,
  type ParsedLine,
  parseLine,
} from './graduate-rows.ts';

/** Lines compared with the recorded graduates, and written, this many at a time: memory stays flat. */
const CHUNK = 500;

export interface Counts {
  total: number;
  new: number;
  unchanged: number;
  conflict: number;
  invalid: number;
  warned: number;
}

export interface Classified {
  status: ImportRowStatus;
  issues: Issue[];
  graduateId: string | null;
}

/**
 * How a line that reads as a valid graduate stands against those recorded: new; unchanged (the same national
 * ID, every detail the same); or a conflict — recorded with other details, or its student number another's.
 */
export function classify(
  line: ParsedLine,
  byNationalId: ReadonlyMap<string, Parameters<typeof recordedValues>[0]>,
  byStudentNumber: ReadonlyMap<string, Parameters<typeof recordedValues>[0]>,
): Classified {
  const values = line.values;
  if (!values) return { status: 'invalid', issues: line.issues, graduateId: null };
  const recorded = byNationalId.get(values.nationalId);
  if (recorded) {
    const recordedAs = recordedValues(recorded);
    const differing = differences(values, recordedAs);
    const issues: Issue[] = differing.map((field) => ({
      code: 'differs',
      severity: 'difference',
      field,
      params: { recorded: String(recordedAs[field]) },
    }));
    return {
      status: differing.length > 0 ? 'conflict' : 'unchanged',
      issues: [...issues, ...line.issues],
      graduateId: recorded.id,
    };
  }
  const holder = byStudentNumber.get(values.studentNumber);
  if (holder) {
    return {
      status: 'conflict',
      issues: [{ code: 'student_number_taken', severity: 'difference', field: 'studentNumber' }, ...line.issues],
      graduateId: holder.id,
    };
  }
  return { status: 'new', issues: line.issues, graduateId: null };
}

async function writeChunk(trx: Transaction<Database>, importId: string, lines: ParsedLine[], counts: Counts) {
  const valid = lines.flatMap((l) => (l.values ? [l.values] : []));
  const recorded = await recordedGraduates(
    trx,
    valid.map((v) => v.nationalId),
    valid.map((v) => v.studentNumber),
  );
  const byNationalId = new Map(recorded.map((g) => [g.nationalId, g]));
  const byStudentNumber = new Map(recorded.map((g) => [g.studentNumber, g]));
  const rows: NewGraduateImportLineRow[] = lines.map((line) => {
    const { status, issues, graduateId } = classify(line, byNationalId, byStudentNumber);
    const warned = issues.some((i) => i.severity === 'warning');
    counts.total += 1;
    counts[status] += 1;
    if (warned) counts.warned += 1;
    return {
      importId,
      line: line.line,
      status,
      // A valid line keeps the graduate exactly as a commit will record them.
      fields: JSON.stringify(line.values ?? line.fields),
      issues: JSON.stringify(issues as unknown as Json),
      warned,
      graduateId,
    };
  });
  await insertLines(trx, rows);
}

/**
 * The dry run: reads the file's records as they stream, maps the header, reads every line, finds lines that
 * repeat an earlier one, compares the rest with the recorded graduates and writes the report, a chunk at a
 * time, inside the caller's transaction. `begin` is called once the header is known and returns the import's
 * id. Changes no graduate.
 */
export async function dryRun(
  trx: Transaction<Database>,
  records: AsyncIterable<CsvRecord>,
  begin: (columns: Column[]) => Promise<string>,
  today: string,
): Promise<Counts> {
  const counts: Counts = { total: 0, new: 0, unchanged: 0, conflict: 0, invalid: 0, warned: 0 };
  const duplicates = new DuplicateFinder();
  let columns: Column[] | undefined;
  let importId = '';
  let chunk: ParsedLine[] = [];
  for await (const record of records) {
    if (!columns) {
      columns = mapHeader(record);
      importId = await begin(columns);
      continue;
    }
    const line = parseLine(record, columns, today);
    duplicates.check(line);
    chunk.push(line);
    if (chunk.length >= CHUNK) {
      await writeChunk(trx, importId, chunk, counts);
      chunk = [];
    }
  }
  if (!columns) mapHeader(undefined);
  await writeChunk(trx, importId, chunk, counts);
  if (counts.total === 0) throw new ImportFileError('no_rows', 'The file has a header line but no graduates.');
  return counts;
}
