import { ForbiddenError as CaslForbiddenError, subject } from '@casl/ability';
import { FileTooLargeError, type StoredFile } from '@diploma-desk/db';
import type { Multipart, MultipartFile } from '@fastify/multipart';
import { type FastifyPluginAsyncTypebox, TypeBoxValidatorCompiler } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import Type from 'typebox';
import type { AppAbility } from '../../auth/abilities.ts';
import { accessibleWhere } from '../../auth/abilities-sql.ts';
import {
  AppError,
  ConflictError,
  ForbiddenError,
  NotFoundError,
  PayloadTooLargeError,
  UnsupportedMediaTypeError,
  ValidationError,
} from '../../errors.ts';
import { audit } from '../../lib/audit.ts';
import { parseListQuery, sendList } from '../../lib/simple-rest.ts';
import { IdParams, ListQuery, problemResponses } from '../../schemas/common.ts';
import {
  GraduateImport,
  GraduateImportLine,
  IMPORT_LINE_SORTABLE,
  IMPORT_SORTABLE,
  type ImportLineListFilter,
  ImportLineListFilter as ImportLineListFilterSchema,
  type ImportListFilter,
  ImportListFilter as ImportListFilterSchema,
  UploadImportBody,
} from '../../schemas/graduate-imports.ts';
import { lockStorageKey, storageKeyInUse } from '../documents/documents.repository.ts';
import { commitImport } from './commit.ts';
import { type Delimiter, readCsv } from './csv-reader.ts';
import { dryRun } from './dry-run.ts';
import {
  findImport,
  IMPORT_COLUMNS,
  insertImport,
  listImports,
  listLines,
  toImportDto,
  toLineDto,
} from './graduate-imports.repository.ts';

const incompleteUpload = () =>
  new AppError(400, 'bad-request', 'Bad request', 'The upload ended before the multipart body was complete.');

const BIDI_AND_CONTROL = /[\p{Cc}\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/gu;
const LONE_SURROGATES = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** The client's file name, kept for people to recognise the import: no path, no control or bidi characters. */
function fileNameOf(name: string | undefined): string {
  const base = (name ?? '').split(/[\\/]/).pop() ?? '';
  const cleaned = base.replace(LONE_SURROGATES, '\ufffd').normalize('NFC').replace(BIDI_AND_CONTROL, '').trim();
  return Array.from(cleaned).slice(0, 255).join('').trim() || 'graduates.csv';
}

/** Today in Tehran, where the portal's dates are written: no birth date after it. */
const todayInTehran = () =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Tehran', year: 'numeric', month: '2-digit', day: '2-digit' })
    .format(new Date())
    .slice(0, 10);

type Parts = AsyncIterableIterator<Multipart>;

async function nextPart(parts: Parts): Promise<Multipart | undefined> {
  try {
    const next = await parts.next();
    return next.done ? undefined : next.value;
  } catch (error) {
    if ((error as { code?: string }).code === 'FST_FILES_LIMIT') {
      throw new ValidationError('Send one file only.', [
        { field: 'file', message: 'only one file is accepted', code: 'maxItems' },
      ]);
    }
    if (error instanceof AppError || (error as { statusCode?: number }).statusCode !== undefined) throw error;
    throw incompleteUpload();
  }
}

const unexpectedPart = (name: string) =>
  new ValidationError(`Unexpected part \`${name.slice(0, 64)}\`: send the one part \`file\` and nothing else.`, [
    { field: name.slice(0, 64), message: 'is not an accepted field', code: 'additionalProperties' },
  ]);

async function filePart(parts: Parts): Promise<MultipartFile> {
  const part = await nextPart(parts);
  if (part === undefined) {
    throw new ValidationError('The part `file` is missing.', [
      { field: 'file', message: 'is required', code: 'required' },
    ]);
  }
  if (part.type !== 'file' || part.fieldname !== 'file') throw unexpectedPart(part.fieldname);
  return part;
}

const importSubject = (id: string) => subject('GraduateImport', { id });

const graduateImports: FastifyPluginAsyncTypebox = async (app) => {
  const maxBytes = app.config.importMaxBytes;

  const visibleWhere = (ability: AppAbility) =>
    accessibleWhere<'graduateImports'>(ability, 'read', 'GraduateImport', IMPORT_COLUMNS);

  async function visibleImport(request: FastifyRequest, id: string) {
    const visible = visibleWhere(request.ability);
    const row = visible ? await findImport(app.db, visible, id) : undefined;
    if (!row) throw new NotFoundError('The import');
    return row;
  }

  /** Removes a file this upload stored, unless a document or another import (of the same bytes) keeps it. */
  async function discard(request: FastifyRequest, stored: StoredFile) {
    if (!stored.created) return;
    try {
      await app.db.transaction().execute(async (trx) => {
        await lockStorageKey(trx, stored.key);
        if (!(await storageKeyInUse(trx, stored.key))) await app.storage.remove(stored.key);
      });
    } catch (error) {
      request.log.error({ err: error, key: stored.key }, 'could not remove a refused import file');
    }
  }

  async function store(request: FastifyRequest, file: MultipartFile): Promise<StoredFile> {
    let stored: StoredFile;
    try {
      stored = await app.storage.put(file.file, { maxBytes });
    } catch (error) {
      if (error instanceof FileTooLargeError) throw new PayloadTooLargeError(maxBytes);
      if (file.file.errored && (error as NodeJS.ErrnoException).syscall === undefined) throw incompleteUpload();
      throw error;
    }
    if (file.file.truncated) {
      await discard(request, stored);
      throw new PayloadTooLargeError(maxBytes);
    }
    if (stored.size === 0) {
      await discard(request, stored);
      throw new ValidationError('The file is empty.', [{ field: 'file', message: 'is empty', code: 'empty' }]);
    }
    return stored;
  }

  app.post(
    '/api/graduate-imports',
    {
      schema: {
        tags: ['graduate-imports'],
        summary: 'Upload the educational portal’s CSV export of graduates and dry-run it (multipart: `file`)',
        description: `The file (at most ${maxBytes} bytes, else 413) is streamed to storage, then read line by line: UTF-8 with or without a BOM, comma or semicolon, headers in Persian as the portal writes them or in English, Solar Hijri dates, Persian or Latin digits (README: “Importing graduates”). Each line is reported as new, unchanged, conflict (recorded with other details: never overwritten) or invalid, with reasons and warnings; no graduate is changed. A file that cannot be read as such a CSV answers 400 (\`import-file-invalid\`, the reason in \`errors[0].code\`) and is not kept. The Graduate Office only.`,
        consumes: ['multipart/form-data'],
        body: UploadImportBody,
        response: { 201: GraduateImport, ...problemResponses(400, 401, 403, 409, 413, 415) },
      },
      // The body is a stream the handler reads part by part; its schema above only documents it.
      validatorCompiler: (route) => (route.httpPart === 'body' ? () => true : TypeBoxValidatorCompiler(route)),
    },
    async (request, reply) => {
      CaslForbiddenError.from(request.ability).throwUnlessCan('create', 'GraduateImport');
      if (!request.isMultipart()) {
        throw new UnsupportedMediaTypeError('Send the CSV file as multipart/form-data with the one part `file`.');
      }
      const parts = request.parts({ limits: { fileSize: maxBytes } });
      const file = await filePart(parts);
      const stored = await store(request, file);
      try {
        const extra = await nextPart(parts);
        if (extra !== undefined) throw unexpectedPart(extra.fieldname);
        const id = await app.db.transaction().execute(async (trx) => {
          await lockStorageKey(trx, stored.key);
          if (!(await app.storage.exists(stored.key))) {
            throw new ConflictError(
              'upload-interrupted',
              'A parallel upload of the same file was refused; send it again.',
            );
          }
          let delimiter: Delimiter = ',';
          const records = readCsv(await app.storage.open(stored.key), (found) => {
            delimiter = found;
          });
          let importId = '';
          const counts = await dryRun(
            trx,
            records,
            async (columns) => {
              const created = await insertImport(trx, {
                fileName: fileNameOf(file.filename),
                storageKey: stored.key,
                sha256: stored.sha256,
                sizeBytes: stored.size,
                delimiter,
                columns: JSON.stringify(columns),
                createdBy: request.user!.id,
              });
              importId = created.id;
              return importId;
            },
            todayInTehran(),
          );
          await trx
            .updateTable('graduateImports')
            .set({
              rowsTotal: counts.total,
              rowsNew: counts.new,
              rowsUnchanged: counts.unchanged,
              rowsConflict: counts.conflict,
              rowsInvalid: counts.invalid,
              rowsWarned: counts.warned,
            })
            .where('id', '=', importId)
            .execute();
          await audit(trx, request, {
            action: 'graduate_import.upload',
            subjectType: 'graduate_import',
            subjectId: importId,
            after: { fileName: fileNameOf(file.filename), sha256: stored.sha256, sizeBytes: stored.size, rows: counts },
          });
          return importId;
        });
        return reply.status(201).send(toImportDto(await visibleImport(request, id)));
      } catch (error) {
        await discard(request, stored);
        throw error;
      }
    },
  );

  app.get(
    '/api/graduate-imports',
    {
      schema: {
        tags: ['graduate-imports'],
        summary: 'Graduate imports, newest first',
        description: 'Filter fields: status (one or a list), id (one or a list).',
        querystring: ListQuery,
        response: { 200: Type.Array(GraduateImport), ...problemResponses(400, 401, 403) },
      },
    },
    async (request, reply) => {
      const params = parseListQuery<ImportListFilter, (typeof IMPORT_SORTABLE)[number]>(request.query, {
        filter: ImportListFilterSchema,
        sortable: IMPORT_SORTABLE,
        defaultSort: { field: 'createdAt', order: 'desc' },
      });
      const visible = visibleWhere(request.ability);
      if (!visible) throw new ForbiddenError();
      const { rows, total } = await listImports(app.db, visible, params);
      return sendList(reply, 'graduate-imports', params.offset, rows.map(toImportDto), total);
    },
  );

  app.get(
    '/api/graduate-imports/:id',
    {
      schema: {
        tags: ['graduate-imports'],
        summary: 'One import: its counts per status and, while it is committed, its progress',
        params: IdParams,
        response: { 200: GraduateImport, ...problemResponses(400, 401, 404) },
      },
    },
    async (request) => toImportDto(await visibleImport(request, request.params.id)),
  );

  app.get(
    '/api/graduate-imports/:id/rows',
    {
      schema: {
        tags: ['graduate-imports'],
        summary: 'The dry run’s report, line by line',
        description: 'Filter fields: status (one or a list), warned (true: lines with a warning), id (line numbers).',
        params: IdParams,
        querystring: ListQuery,
        response: { 200: Type.Array(GraduateImportLine), ...problemResponses(400, 401, 404) },
      },
    },
    async (request, reply) => {
      const found = await visibleImport(request, request.params.id);
      const params = parseListQuery<ImportLineListFilter, (typeof IMPORT_LINE_SORTABLE)[number]>(request.query, {
        filter: ImportLineListFilterSchema,
        sortable: IMPORT_LINE_SORTABLE,
        defaultSort: { field: 'line', order: 'asc' },
      });
      const { rows, total } = await listLines(app.db, found.id, params);
      return sendList(reply, 'rows', params.offset, rows.map(toLineDto), total);
    },
  );

  app.post(
    '/api/graduate-imports/:id/commit',
    {
      schema: {
        tags: ['graduate-imports'],
        summary: 'Create the graduates of the import’s new lines, batch by batch',
        description: `Each batch of ${app.config.importBatchRows} lines is one transaction, which writes one \`graduate.import\` event per graduate; GET /api/graduate-imports/:id shows the progress meanwhile. Idempotent: calling it again (after a crash, or while it runs) carries on from the lines without a graduate; with nothing left it changes nothing. A national ID or student number recorded since the dry run is never duplicated: its line becomes unchanged or conflict. Answers the import when every new line has its graduate.`,
        params: IdParams,
        response: { 200: GraduateImport, ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const found = await visibleImport(request, request.params.id);
      CaslForbiddenError.from(request.ability).throwUnlessCan('update', importSubject(found.id));
      CaslForbiddenError.from(request.ability).throwUnlessCan('create', 'Graduate');
      await commitImport(app.db, request, found.id, app.config.importBatchRows);
      return toImportDto(await visibleImport(request, found.id));
    },
  );
};

export default graduateImports;
