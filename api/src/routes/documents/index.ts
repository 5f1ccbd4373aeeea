import type { Readable } from 'node:stream';
import { ForbiddenError as CaslForbiddenError, subject } from '@casl/ability';
import {
  DOCUMENT_KINDS,
  type DocumentKind,
  type DocumentRow,
  detectContentType,
  FileTooLargeError,
  type Role,
  type Stage,
  type StoredContentType,
  type StoredFile,
} from '@diploma-desk/db';
import type { Multipart, MultipartFile } from '@fastify/multipart';
import { type FastifyPluginAsyncTypebox, TypeBoxValidatorCompiler } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import Type from 'typebox';
import { accessibleWhere } from '../../auth/abilities-sql.ts';
import {
  AppError,
  ConflictError,
  ForbiddenError,
  NotFoundError,
  PayloadTooLargeError,
  UnsupportedMediaTypeError,
  ValidationError,
  VersionConflictError,
  WorkflowBlockedError,
} from '../../errors.ts';
import { audit } from '../../lib/audit.ts';
import { parseListQuery, sendList } from '../../lib/simple-rest.ts';
import { FILE_CSP } from '../../plugins/app/security-headers.ts';
import { IdParams, ListQuery, problemResponses } from '../../schemas/common.ts';
import {
  DOCUMENT_SORTABLE,
  Document,
  type DocumentListFilter,
  DocumentListFilter as DocumentListFilterSchema,
  DocumentWithRequestVersion,
  ReviewDocumentBody,
  UploadDocumentBody,
  UploadDocumentHeaders,
} from '../../schemas/documents.ts';
import { reviewRules, ticksStillStand, uploadRules } from '../../workflow/workflow.ts';
import {
  bumpRequestVersion,
  factsIfTicked,
  findRequestById,
  loadFacts,
  lockRequest,
} from '../requests/requests.repository.ts';
import {
  auditedDocument,
  DOCUMENT_COLUMNS,
  findDocumentById,
  insertDocument,
  listDocuments,
  lockStorageKey,
  recordReview,
  storageKeyInUse,
  supersedeCurrent,
  toDocumentDto,
} from './documents.repository.ts';

/** Who looked at whose identity papers is a question auditors ask: every view of these is logged. */
const IDENTITY_KINDS: ReadonlySet<DocumentKind> = new Set([
  'national_id_card',
  'birth_certificate',
  'non_employment_letter',
]);
const EXTENSIONS: Record<StoredContentType, string> = {
  'application/pdf': 'pdf',
  'image/jpeg': 'jpg',
  'image/png': 'png',
};

const incompleteUpload = () =>
  new AppError(400, 'bad-request', 'Bad request', 'The upload ended before the multipart body was complete.');

const BIDI_CONTROLS = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/gu;
const UNSAFE_IN_NAMES = /[\p{Cc}"\\/:*?<>|]/gu;
const LONE_SURROGATES = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** The client's file name, kept for people to read: no path, no control or bidi characters, at most 255. */
function sanitiseFileName(name: string | undefined): string {
  const base = (name ?? '').split(/[\\/]/).pop() ?? '';
  const cleaned = base
    .replace(LONE_SURROGATES, '\ufffd')
    .normalize('NFC')
    .replace(BIDI_CONTROLS, '')
    .replace(UNSAFE_IN_NAMES, '_')
    .trim()
    .replace(/^\.+/, '');
  return Array.from(cleaned).slice(0, 255).join('').trim() || 'document';
}

/** RFC 8187 / 5987 encoding for `filename*`: everything but attr-chars percent-encoded. */
const encodeExtValue = (s: string) =>
  encodeURIComponent(s).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/** The extensions a file of each stored type may already carry (compared in lower case). */
const EXTENSION_ALIASES: Record<StoredContentType, readonly string[]> = {
  'application/pdf': ['pdf'],
  'image/jpeg': ['jpg', 'jpeg', 'jfif'],
  'image/png': ['png'],
};

/**
 * The name a browser saves the file under: the client's, ending in the extension of the type its bytes are.
 * The type is decided by the bytes alone, so a PDF sent as `report.exe` is served as `report.exe.pdf`.
 */
function servedName(row: DocumentRow): string {
  const name = sanitiseFileName(row.originalName);
  const dot = name.lastIndexOf('.');
  const extension = dot > 0 ? name.slice(dot + 1).toLowerCase() : '';
  if (EXTENSION_ALIASES[row.contentType].includes(extension)) return name;
  const suffix = `.${EXTENSIONS[row.contentType]}`;
  return `${Array.from(name)
    .slice(0, 255 - suffix.length)
    .join('')}${suffix}`;
}

function contentDisposition(row: DocumentRow): string {
  const ascii = `document.${EXTENSIONS[row.contentType]}`;
  return `inline; filename="${ascii}"; filename*=UTF-8''${encodeExtValue(servedName(row))}`;
}

const documentSubject = (row: { graduateId: string; kind: DocumentKind }) =>
  subject('Document', { graduateId: row.graduateId, kind: row.kind });

function parseKind(value: unknown, truncated: boolean): DocumentKind {
  if (truncated || typeof value !== 'string' || !(DOCUMENT_KINDS as readonly string[]).includes(value)) {
    throw new ValidationError(`kind must be one of: ${DOCUMENT_KINDS.join(', ')}.`, [
      { field: 'kind', message: 'is not a document kind', code: 'enum' },
    ]);
  }
  return value as DocumentKind;
}

/** Malformed multipart bodies are the client's fault; the plugin's own limit errors carry their status. */
function multipartError(error: unknown): unknown {
  if ((error as { code?: string }).code === 'FST_FILES_LIMIT') {
    return new ValidationError('Send one file only.', [
      { field: 'file', message: 'only one file is accepted', code: 'maxItems' },
    ]);
  }
  if (error instanceof AppError || (error as { statusCode?: number }).statusCode !== undefined) return error;
  return incompleteUpload();
}

type Parts = AsyncIterableIterator<Multipart>;

async function nextPart(parts: Parts): Promise<Multipart | undefined> {
  try {
    const next = await parts.next();
    return next.done ? undefined : next.value;
  } catch (error) {
    throw multipartError(error);
  }
}

const unexpectedPart = (name: string) =>
  new ValidationError(`Unexpected part \`${name.slice(0, 64)}\`: send \`kind\`, then \`file\`, and nothing else.`, [
    { field: name.slice(0, 64), message: 'is not an accepted field', code: 'additionalProperties' },
  ]);

/**
 * Reads the fields up to the file part, whose bytes are left unread for the caller to stream.
 * `kind` must come first, so that it is checked before a byte of the file is stored.
 */
async function readUploadParts(parts: Parts): Promise<{ kind: DocumentKind; file: MultipartFile }> {
  let kind: DocumentKind | undefined;
  for (let part = await nextPart(parts); part !== undefined; part = await nextPart(parts)) {
    if (part.type === 'file') {
      if (part.fieldname !== 'file') throw unexpectedPart(part.fieldname);
      if (kind === undefined) {
        throw new ValidationError('The field `kind` must come before `file`.', [
          { field: 'kind', message: 'must come before file', code: 'order' },
        ]);
      }
      return { kind, file: part };
    }
    if (part.fieldname !== 'kind' || kind !== undefined) throw unexpectedPart(part.fieldname);
    kind = parseKind(part.value, part.valueTruncated);
  }
  throw new ValidationError('The part `file` is missing.', [
    { field: 'file', message: 'is required', code: 'required' },
  ]);
}

/**
 * An upload may name the request version it was made against in `If-Match` (API.md: a write sends the
 * version, a stale one gets 409); without it, or with `*`, the upload is checked against the current state.
 */
function ifMatchVersion(header: string | undefined): number | undefined {
  if (header === undefined || header.trim() === '*') return undefined;
  const match = /^\s*(?:W\/)?"?([1-9][0-9]{0,9})"?\s*$/.exec(header);
  if (!match) {
    throw new ValidationError('If-Match must be the request’s version, e.g. "7".', [
      { field: 'if-match', message: 'is not a request version', code: 'pattern' },
    ]);
  }
  return Number(match[1]);
}

function checkVersion(expected: number | undefined, current: number) {
  if (expected !== undefined && expected !== current) throw new VersionConflictError(current);
}

function checkUploadStage(role: Role, stage: Stage) {
  const unmet = uploadRules(role, stage);
  if (unmet.length > 0) throw new WorkflowBlockedError(409, unmet);
}

const documents: FastifyPluginAsyncTypebox = async (app) => {
  const maxBytes = app.config.uploadMaxBytes;

  /** Removes a file this upload created, unless a row (from a parallel upload of the same bytes) uses it. */
  async function discard(request: FastifyRequest, stored: StoredFile) {
    if (!stored.created) return;
    try {
      await app.db.transaction().execute(async (trx) => {
        await lockStorageKey(trx, stored.key);
        if (!(await storageKeyInUse(trx, stored.key))) await app.storage.remove(stored.key);
      });
    } catch (error) {
      request.log.error({ err: error, key: stored.key }, 'could not remove a refused upload');
    }
  }

  /** Streams the file part to storage, then refuses (and removes) what is truncated, empty or of another type. */
  async function store(request: FastifyRequest, file: MultipartFile) {
    let stored: StoredFile;
    try {
      stored = await app.storage.put(file.file, { maxBytes });
    } catch (error) {
      if (error instanceof FileTooLargeError) throw new PayloadTooLargeError(maxBytes);
      // Errors of the client's stream (a body cut off) carry no syscall; the disk's own failures do.
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
    const contentType = detectContentType(stored.head);
    if (contentType === null) {
      await discard(request, stored);
      throw new UnsupportedMediaTypeError('Only PDF, JPEG and PNG files are accepted; this file is none of them.');
    }
    return { stored, contentType };
  }

  app.post(
    '/api/requests/:id/documents',
    {
      schema: {
        tags: ['documents'],
        summary: 'Upload a document to a request (multipart: `kind`, then `file`)',
        description: `The file is streamed to storage and its type detected from its first bytes: PDF, JPEG or PNG (else 415), at most ${maxBytes} bytes (else 413). A newer upload of a kind supersedes the current one. A graduate uploads to their own request while it is a draft or returned; the Graduate Office to any request before approval. With If-Match (the request’s version), a stale version answers 409.`,
        consumes: ['multipart/form-data'],
        headers: UploadDocumentHeaders,
        params: IdParams,
        body: UploadDocumentBody,
        response: { 201: DocumentWithRequestVersion, ...problemResponses(400, 401, 403, 404, 409, 413, 415) },
      },
      // The body is a stream the handler reads part by part; its schema above only documents it.
      validatorCompiler: (route) => (route.httpPart === 'body' ? () => true : TypeBoxValidatorCompiler(route)),
    },
    async (request, reply) => {
      if (!request.isMultipart()) {
        throw new UnsupportedMediaTypeError('Send the document as multipart/form-data with the fields kind and file.');
      }
      const role = request.user!.role;
      const target = await findRequestById(app.db, request.params.id);
      if (!target || !request.ability.can('read', subject('Request', { graduateId: target.graduateId }))) {
        throw new NotFoundError('The request');
      }
      if (!request.ability.can('create', 'Document')) throw new ForbiddenError();
      const expectedVersion = ifMatchVersion(request.headers['if-match']);
      checkVersion(expectedVersion, target.version);
      checkUploadStage(role, target.stage);
      const parts = request.parts();
      const { kind, file } = await readUploadParts(parts);
      CaslForbiddenError.from(request.ability).throwUnlessCan(
        'create',
        documentSubject({ graduateId: target.graduateId, kind }),
      );
      const { stored, contentType } = await store(request, file);

      try {
        const extra = await nextPart(parts);
        if (extra !== undefined) throw unexpectedPart(extra.fieldname);
        const { row, requestVersion } = await app.db.transaction().execute(async (trx) => {
          const locked = await lockRequest(trx, target.id);
          if (!locked) throw new NotFoundError('The request');
          // The request (its version, its stage) may have moved while the file streamed in.
          checkVersion(expectedVersion, locked.version);
          checkUploadStage(role, locked.stage);
          await lockStorageKey(trx, stored.key);
          if (!(await app.storage.exists(stored.key))) {
            throw new ConflictError(
              'upload-interrupted',
              'A parallel upload of the same file was refused; send it again.',
            );
          }
          const now = new Date();
          const ticked = await factsIfTicked(trx, locked);
          const supersedes = await supersedeCurrent(trx, locked.id, kind, now);
          const inserted = await insertDocument(trx, {
            requestId: locked.id,
            graduateId: locked.graduateId,
            kind,
            storageKey: stored.key,
            sha256: stored.sha256,
            sizeBytes: stored.size,
            contentType,
            originalName: sanitiseFileName(file.filename),
            uploadedBy: request.user!.id,
            uploadedAt: now,
          });
          // Replacing a document that a set tick rests on would leave the tick standing on nothing.
          const fallen = ticked ? ticksStillStand(ticked, await loadFacts(trx, locked)) : [];
          if (fallen.length > 0) throw new WorkflowBlockedError(409, fallen);
          const version = await bumpRequestVersion(trx, locked.id);
          await audit(trx, request, {
            action: 'document.upload',
            subjectType: 'document',
            subjectId: inserted.id,
            requestId: locked.id,
            after: { ...auditedDocument(inserted), supersedes },
          });
          return { row: inserted, requestVersion: version };
        });
        return reply.status(201).send({ ...toDocumentDto(row), requestVersion });
      } catch (error) {
        await discard(request, stored);
        throw error;
      }
    },
  );

  app.get(
    '/api/documents',
    {
      schema: {
        tags: ['documents'],
        summary: 'List documents the caller may see, e.g. a request’s (filter {"requestId": …})',
        description:
          'Filter fields: id (one or a list), requestId, graduateId, kind (one or a list), reviewStatus, includeSuperseded. Superseded documents are left out unless includeSuperseded is true or ids are asked for.',
        querystring: ListQuery,
        response: { 200: Type.Array(Document), ...problemResponses(400, 401, 403) },
      },
    },
    async (request, reply) => {
      const params = parseListQuery<DocumentListFilter, (typeof DOCUMENT_SORTABLE)[number]>(request.query, {
        filter: DocumentListFilterSchema,
        sortable: DOCUMENT_SORTABLE,
        defaultSort: { field: 'uploadedAt', order: 'desc' },
      });
      const visible = accessibleWhere<'documents'>(request.ability, 'read', 'Document', DOCUMENT_COLUMNS);
      if (!visible) throw new ForbiddenError();
      const { rows, total } = await listDocuments(app.db, visible, params);
      return sendList(reply, 'documents', params.offset, rows.map(toDocumentDto), total);
    },
  );

  async function visibleDocument(request: FastifyRequest, id: string): Promise<DocumentRow> {
    const row = await findDocumentById(app.db, id);
    if (!row || !request.ability.can('read', documentSubject(row))) throw new NotFoundError('The document');
    return row;
  }

  app.get(
    '/api/documents/:id',
    {
      schema: {
        tags: ['documents'],
        params: IdParams,
        response: { 200: Document, ...problemResponses(400, 401, 404) },
      },
    },
    async (request) => toDocumentDto(await visibleDocument(request, request.params.id)),
  );

  app.get(
    '/api/documents/:id/file',
    {
      schema: {
        tags: ['documents'],
        summary: 'The stored file, with its detected content type',
        description:
          'Views of national ID cards, birth certificates and non-employment letters are written to the audit log.',
        params: IdParams,
        response: {
          200: {
            description: 'The file',
            content: Object.fromEntries(
              Object.keys(EXTENSIONS).map((type) => [
                type,
                { schema: Type.Unsafe<Readable>(Type.String({ format: 'binary' })) },
              ]),
            ),
          },
          ...problemResponses(400, 401, 404),
        },
      },
    },
    async (request, reply) => {
      const row = await visibleDocument(request, request.params.id);
      const stream = await app.storage.open(row.storageKey);
      // HEAD shows only the headers: nothing was viewed.
      if (IDENTITY_KINDS.has(row.kind) && request.method === 'GET') {
        try {
          await app.db.transaction().execute((trx) =>
            audit(trx, request, {
              action: 'document.view',
              subjectType: 'document',
              subjectId: row.id,
              requestId: row.requestId,
              after: { kind: row.kind, graduateId: row.graduateId, sha256: row.sha256 },
            }),
          );
        } catch (error) {
          stream.destroy();
          throw error;
        }
      }
      reply
        .type(row.contentType)
        .header('Content-Length', String(row.sizeBytes))
        .header('Content-Disposition', contentDisposition(row))
        .header('X-Content-Type-Options', 'nosniff')
        .header('Cache-Control', 'private, no-store');
      // A file opened in the browser runs as an opaque origin: no scripts with the app's cookies.
      reply.header('Content-Security-Policy', FILE_CSP);
      return reply.send(stream);
    },
  );

  app.post(
    '/api/documents/:id/review',
    {
      schema: {
        tags: ['documents'],
        summary: 'Accept or reject a document: only the office that owns its kind',
        description:
          'A rejection needs a note. `inPerson` records originals seen in person and is accepted only for a non_employment_letter. Not possible once the request is approved (409), nor on a superseded document (409). With `version`, a stale request version answers 409.',
        params: IdParams,
        body: ReviewDocumentBody,
        response: { 200: DocumentWithRequestVersion, ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => {
      const { decision, inPerson, version } = request.body;
      const note = request.body.note?.trim() || null;
      const found = await visibleDocument(request, request.params.id);
      CaslForbiddenError.from(request.ability).throwUnlessCan('review', documentSubject(found));
      if (decision === 'rejected' && note === null) {
        throw new ValidationError('A rejection needs a note telling the graduate what to fix.', [
          { field: 'note', message: 'is required when rejecting', code: 'required' },
        ]);
      }
      if (inPerson !== undefined && found.kind !== 'non_employment_letter') {
        throw new ValidationError('inPerson is recorded only for a non_employment_letter.', [
          { field: 'inPerson', message: 'is only accepted for a non_employment_letter', code: 'forbidden_field' },
        ]);
      }
      const { row, requestVersion } = await app.db.transaction().execute(async (trx) => {
        const locked = await lockRequest(trx, found.requestId);
        if (!locked) throw new NotFoundError('The document');
        if (version !== undefined && locked.version !== version) throw new VersionConflictError(locked.version);
        const current = await findDocumentById(trx, found.id, true);
        if (!current) throw new NotFoundError('The document');
        if (current.supersededAt !== null) {
          throw new ConflictError('document-superseded', 'A newer upload has replaced this document; review that one.');
        }
        const closed = reviewRules(locked.stage);
        if (closed.length > 0) throw new WorkflowBlockedError(409, closed);
        const ticked = await factsIfTicked(trx, locked);
        const updated = await recordReview(trx, current.id, {
          decision,
          note,
          // Leaving inPerson out keeps what was recorded: a fact seen at the counter is not lost by omission.
          inPerson: inPerson ?? current.inPerson,
          reviewedBy: request.user!.id,
        });
        const fallen = ticked ? ticksStillStand(ticked, await loadFacts(trx, locked)) : [];
        if (fallen.length > 0) throw new WorkflowBlockedError(409, fallen);
        const newVersion = await bumpRequestVersion(trx, locked.id);
        await audit(trx, request, {
          action: 'document.review',
          subjectType: 'document',
          subjectId: current.id,
          requestId: locked.id,
          before: auditedDocument(current),
          after: auditedDocument(updated),
        });
        return { row: updated, requestVersion: newVersion };
      });
      return { ...toDocumentDto(row), requestVersion };
    },
  );
};

export default documents;
