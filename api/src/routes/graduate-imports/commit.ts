import { type Database, type GraduateImportLineRow, graduateSearchText, type Json } from '@diploma-desk/db';
import type { FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import { NotFoundError } from '../../errors.ts';
import { auditEach } from '../../lib/audit.ts';
import { toGraduateDto } from '../graduates/graduates.repository.ts';
import { classify } from './dry-run.ts';
import {
  countPending,
  lockImport,
  markImported,
  pendingLines,
  reclassifyLine,
  recordedGraduates,
} from './graduate-imports.repository.ts';
import type { GraduateValues, Issue } from './graduate-rows.ts';

export interface BatchResult {
  created: number;
  /** Lines taken as new by the dry run whose graduate turned out recorded by then (by someone else meanwhile). */
  reclassified: number;
  /** New lines still without a graduate after this batch. */
  remaining: number;
}

/**
 * One batch of a commit, in one transaction: the import row is locked (a second commit of the same import waits
 * for this batch, then takes the lines after it), the next new lines without a graduate are read in file order,
 * their graduates inserted (a national ID or student number recorded since the dry run is skipped by the
 * database, never duplicated), the lines marked with the graduates created, one `graduate.import` event written
 * per graduate, and the import's counts moved on. A crash anywhere rolls the whole batch back: the next commit
 * starts again from the first line without a graduate.
 */
export async function commitBatch(
  db: Kysely<Database>,
  request: FastifyRequest,
  importId: string,
  batchSize: number,
): Promise<BatchResult> {
  return db.transaction().execute(async (trx) => {
    const locked = await lockImport(trx, importId);
    if (!locked) throw new NotFoundError('The import');
    const lines = await pendingLines(trx, importId, batchSize);
    if (lines.length === 0) return { created: 0, reclassified: 0, remaining: 0 };
    const now = new Date();
    const valuesOf = (line: GraduateImportLineRow) => line.fields as unknown as GraduateValues;
    const inserted = await trx
      .insertInto('graduates')
      .values(
        lines.map((line) => {
          const v = valuesOf(line);
          return {
            studentNumber: v.studentNumber,
            nationalId: v.nationalId,
            firstName: v.firstName,
            lastName: v.lastName,
            fatherName: v.fatherName,
            birthDate: v.birthDate,
            gender: v.gender,
            degreeLevel: v.degreeLevel,
            faculty: v.faculty,
            program: v.program,
            scholarship: v.scholarship,
            searchText: graduateSearchText(v),
          };
        }),
      )
      .onConflict((oc) => oc.doNothing())
      .returningAll()
      .execute();
    const createdByNationalId = new Map(inserted.map((g) => [g.nationalId, g]));
    const created: Array<{ line: number; graduateId: string }> = [];
    const skipped: GraduateImportLineRow[] = [];
    for (const line of lines) {
      const graduate = createdByNationalId.get(valuesOf(line).nationalId);
      if (graduate) created.push({ line: line.line, graduateId: graduate.id });
      else skipped.push(line);
    }
    await markImported(trx, importId, created, now);

    const moved = { unchanged: 0, conflict: 0 };
    if (skipped.length > 0) {
      const recorded = await recordedGraduates(
        trx,
        skipped.map((l) => valuesOf(l).nationalId),
        skipped.map((l) => valuesOf(l).studentNumber),
      );
      const byNationalId = new Map(recorded.map((g) => [g.nationalId, g]));
      const byStudentNumber = new Map(recorded.map((g) => [g.studentNumber, g]));
      for (const line of skipped) {
        const issues = line.issues as unknown as Issue[];
        const parsed = { line: line.line, fields: {}, values: valuesOf(line), issues };
        const { status, graduateId, issues: found } = classify(parsed, byNationalId, byStudentNumber);
        // Only new lines reach here, so the database refused them for a graduate recorded since the dry run.
        const outcome = status === 'unchanged' ? 'unchanged' : 'conflict';
        moved[outcome] += 1;
        const noted: Issue = { code: 'recorded_meanwhile', severity: 'warning' };
        await reclassifyLine(trx, importId, line.line, outcome, [...found, noted] as unknown as Json, graduateId);
      }
    }

    const lineOf = new Map(created.map((c) => [c.graduateId, c.line]));
    await auditEach(
      trx,
      request,
      inserted.map((g) => ({
        action: 'graduate.import',
        subjectType: 'graduate',
        subjectId: g.id,
        after: { ...toGraduateDto(g), importId, line: lineOf.get(g.id) },
      })),
    );
    const remaining = await countPending(trx, importId);
    await trx
      .updateTable('graduateImports')
      .set((eb) => ({
        status: remaining > 0 ? 'committing' : 'committed',
        rowsImported: eb('rowsImported', '+', created.length),
        rowsNew: eb('rowsNew', '-', skipped.length),
        rowsUnchanged: eb('rowsUnchanged', '+', moved.unchanged),
        rowsConflict: eb('rowsConflict', '+', moved.conflict),
        // A reclassified line carries the recorded_meanwhile warning; it may have carried others already.
        rowsWarned: eb('rowsWarned', '+', skipped.filter((l) => !l.warned).length),
        commitStartedAt: locked.commitStartedAt ?? now,
        committedBy: request.user?.id ?? null,
        committedAt: remaining > 0 ? null : now,
      }))
      .where('id', '=', importId)
      .execute();
    return { created: created.length, reclassified: skipped.length, remaining };
  });
}

/**
 * Applies every new line of an import, batch after batch, each its own transaction, until none is left; the
 * progress (rows done of all new rows) can be read between batches. Calling it again after a crash, or while
 * another call runs, carries on where the committed batches stopped; an import with nothing left changes nothing.
 */
export async function commitImport(
  db: Kysely<Database>,
  request: FastifyRequest,
  importId: string,
  batchSize: number,
): Promise<{ created: number; reclassified: number }> {
  const total = { created: 0, reclassified: 0 };
  for (;;) {
    const batch = await commitBatch(db, request, importId, batchSize);
    total.created += batch.created;
    total.reclassified += batch.reclassified;
    if (batch.remaining === 0) return total;
  }
}
