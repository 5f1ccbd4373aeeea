import { subject } from '@casl/ability';
import { DOCUMENT_KINDS, type DocumentKind, ROLES, type Role } from '@diploma-desk/db';
import fc from 'fast-check';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type Action, defineAbilityFor } from '../../src/auth/abilities.ts';
import { accessibleWhere } from '../../src/auth/abilities-sql.ts';
import { createGraduate } from '../fixtures.ts';
import { createTestApp, type TestApp } from '../helpers.ts';

let h: TestApp;
const pool: Array<{ graduateId: string; requestId: string }> = [];
beforeAll(async () => {
  h = await createTestApp();
  const office = await h.login('graduate.office');
  const admin = await h.login('admin');
  for (let i = 0; i < 3; i++) {
    const g = await createGraduate(h, office, admin);
    const r = await h.call(g.cookie, { method: 'POST', url: '/api/requests', payload: {} });
    pool.push({ graduateId: g.id, requestId: r.json().id });
  }
});
afterAll(() => h.close());

const docArb = fc.record({ owner: fc.integer({ min: 0, max: 2 }), kind: fc.constantFrom(...DOCUMENT_KINDS) });
const actorArb = fc.record({
  role: fc.constantFrom<Role>(...ROLES),
  graduate: fc.option(fc.integer({ min: 0, max: 2 }), { nil: null }),
});

/**
 * The same rules decide rows in SQL and records in handlers: for random documents and random callers,
 * the rows the SQL filter returns are exactly those ability.can() allows.
 */
it('the SQL filter and ability.can() agree on random documents and callers', async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.array(docArb, { minLength: 1, maxLength: 12 }),
      actorArb,
      fc.constantFrom<Action>('read', 'review', 'create'),
      async (docs, actor, action) => {
        await h.t.db.deleteFrom('documents').execute();
        const rows = [];
        for (const d of docs) {
          const owner = pool[d.owner]!;
          rows.push(
            await h.t.db
              .insertInto('documents')
              .values({
                requestId: owner.requestId,
                graduateId: owner.graduateId,
                kind: d.kind as DocumentKind,
                storageKey: `sha256/00/${'0'.repeat(64)}`,
                sha256: '0'.repeat(64),
                sizeBytes: 1,
                contentType: 'application/pdf',
                originalName: 'x.pdf',
                uploadedBy: null,
                reviewNote: null,
                reviewedBy: null,
                reviewedAt: null,
                inPerson: null,
                supersededAt: null,
              })
              .returningAll()
              .executeTakeFirstOrThrow(),
          );
        }
        const ability = defineAbilityFor({
          id: 'probe',
          role: actor.role,
          graduateId: actor.role === 'graduate' && actor.graduate !== null ? pool[actor.graduate]!.graduateId : null,
        });
        const expected = rows
          .filter((r) => ability.can(action, subject('Document', { ...r })))
          .map((r) => r.id)
          .sort();
        const where = accessibleWhere<'documents'>(ability, action, 'Document', {
          graduateId: 'documents.graduateId',
          kind: 'documents.kind',
        });
        const actual = where
          ? (await h.t.db.selectFrom('documents').select('id').where(where).execute()).map((r) => r.id).sort()
          : [];
        expect(actual).toEqual(expected);
      },
    ),
    { numRuns: 60, seed: Number(process.env.FC_SEED ?? 20261128) },
  );
});
