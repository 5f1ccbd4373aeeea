import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  announce,
  anyText,
  type Case,
  controlText,
  createWorld,
  expectRefused,
  fuzz,
  hostileValidText,
  MIXED_SCRIPT,
  report,
  type Who,
  type World,
} from './support.ts';
import { ROUTES } from './targets.ts';

/**
 * The upload route (`POST /api/requests/:id/documents`, multipart: `kind`, then `file`) with bodies broken on
 * purpose: no boundary or the wrong one, a body cut off, endless parts and thousands of fields, a file field
 * with no file, the file before `kind`, two files, an empty file, a file too large or of a type that is not a
 * document, an unknown kind, a stale If-Match; sent by callers who may not upload there. Dressed up on top: double
 * extensions, a PDF named .jpg, a PDF behind a JPEG header, lying part types, bidi and path tricks in file
 * names, huge part headers. Refusals after the file reached storage must leave nothing behind in files/ or
 * files/tmp.
 */
const MAX_BYTES = 20_000;
let w: World;
beforeAll(async () => {
  announce('uploads');
  w = await createWorld({ UPLOAD_MAX_BYTES: String(MAX_BYTES) });
});
afterAll(async () => {
  report('uploads');
  await w?.h.close();
});

interface Part {
  name: string;
  filename?: string;
  type?: string;
  data: Buffer;
  headers?: string[];
}
interface Upload {
  boundary: string;
  parts: Part[];
  /** The boundary named in the Content-Type, when it is not the body's. */
  typeBoundary?: string;
  contentType?: string;
  preamble?: string;
  epilogue?: string;
  /** Cut the body off after this many bytes. */
  cutAt?: (length: number) => number;
  headers?: Record<string, string>;
}

/** A small PDF, its bytes fixed by `n` (so that a replay sends the same bytes), never one already stored. */
const PDF = (n = 0) =>
  Buffer.from(`%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n% fuzz ${n}\ntrailer << /Root 1 0 R >>\n%%EOF\n`);
const JPEG_HEADER = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00]);
const PNG_HEADER = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function encode(u: Upload): Pick<Case, 'payload' | 'headers'> {
  const chunks: Buffer[] = [Buffer.from(u.preamble ?? '')];
  for (const p of u.parts) {
    const disposition = `Content-Disposition: form-data; name="${p.name}"${p.filename === undefined ? '' : `; filename="${p.filename}"`}`;
    const lines = [disposition, ...(p.type ? [`Content-Type: ${p.type}`] : []), ...(p.headers ?? [])];
    chunks.push(Buffer.from(`--${u.boundary}\r\n${lines.join('\r\n')}\r\n\r\n`), p.data, Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${u.boundary}--\r\n${u.epilogue ?? ''}`));
  let payload = Buffer.concat(chunks);
  if (u.cutAt) payload = payload.subarray(0, u.cutAt(payload.length));
  const contentType = u.contentType ?? `multipart/form-data; boundary=${u.typeBoundary ?? u.boundary}`;
  return { payload, headers: { 'content-type': contentType, ...u.headers } };
}

const kindPart = (value = 'transcript'): Part => ({ name: 'kind', data: Buffer.from(value) });
const filePart = (data: Buffer = PDF(), filename = 'scan.pdf', type = 'application/pdf'): Part => ({
  name: 'file',
  filename,
  type,
  data,
});

// ---- What is broken: every case has at least one of these ---------------------------------------------------

interface Break {
  why: string;
  apply(u: Upload): Upload;
}

const structure: Break[] = [
  { why: 'no boundary', apply: (u) => ({ ...u, contentType: 'multipart/form-data' }) },
  { why: 'an empty boundary', apply: (u) => ({ ...u, contentType: 'multipart/form-data; boundary=' }) },
  { why: 'the wrong boundary', apply: (u) => ({ ...u, typeBoundary: `${u.boundary}x` }) },
  { why: 'a boundary of another part of the body', apply: (u) => ({ ...u, typeBoundary: 'form-data' }) },
  { why: 'a body cut off before its last boundary', apply: (u) => ({ ...u, cutAt: (n) => n - u.boundary.length - 8 }) },
  { why: 'a body cut off in its headers', apply: (u) => ({ ...u, cutAt: () => u.boundary.length + 20 }) },
  { why: 'an empty body', apply: (u) => ({ ...u, cutAt: () => 0 }) },
  { why: 'no parts', apply: (u) => ({ ...u, parts: [] }) },
  {
    why: 'thousands of fields before the file',
    apply: (u) => ({
      ...u,
      parts: [...Array.from({ length: 3_000 }, (_, i) => ({ name: `f${i}`, data: Buffer.from('x') })), ...u.parts],
    }),
  },
  {
    why: 'thousands of kind fields',
    apply: (u) => ({ ...u, parts: [...Array.from({ length: 2_000 }, () => kindPart()), ...u.parts.slice(1)] }),
  },
  {
    why: 'endless parts after the file',
    apply: (u) => ({
      ...u,
      parts: [...u.parts, ...Array.from({ length: 1_000 }, (_, i) => ({ name: `x${i}`, data: Buffer.from('y') }))],
    }),
  },
  { why: 'a file field with no file', apply: (u) => ({ ...u, parts: [u.parts[0]!, { name: 'file', data: PDF() }] }) },
  { why: 'the file before kind', apply: (u) => ({ ...u, parts: [...u.parts].reverse() }) },
  { why: 'two files', apply: (u) => ({ ...u, parts: [...u.parts, filePart(PDF(), 'second.pdf')] }) },
  { why: 'no file', apply: (u) => ({ ...u, parts: u.parts.filter((p) => p.name !== 'file') }) },
  { why: 'no kind', apply: (u) => ({ ...u, parts: u.parts.filter((p) => p.name !== 'kind') }) },
  {
    why: 'a field after the file',
    apply: (u) => ({ ...u, parts: [...u.parts, { name: 'note', data: Buffer.from('x') }] }),
  },
  {
    why: 'kind sent as a file',
    apply: (u) => ({ ...u, parts: [{ ...kindPart(), filename: 'kind.txt' }, ...u.parts.slice(1)] }),
  },
  {
    why: 'the file under another name',
    apply: (u) => ({ ...u, parts: u.parts.map((p) => (p.name === 'file' ? { ...p, name: 'document' } : p)) }),
  },
  { why: 'multipart/mixed', apply: (u) => ({ ...u, contentType: `multipart/mixed; boundary=${u.boundary}` }) },
  { why: 'JSON instead of multipart', apply: (u) => ({ ...u, contentType: 'application/json' }) },
  { why: 'a form instead of multipart', apply: (u) => ({ ...u, contentType: 'application/x-www-form-urlencoded' }) },
];

/** A body cut off anywhere before its closing boundary. */
const cutOff = fc.double({ min: 0, max: 0.999, noNaN: true }).map(
  (f): Break => ({
    why: `a body cut off at ${Math.round(f * 100)}%`,
    apply: (u) => ({ ...u, cutAt: (n) => Math.floor(f * (n - u.boundary.length - 8)) }),
  }),
);

const content: Break[] = [
  { why: 'zero bytes', apply: (u) => withFile(u, Buffer.alloc(0)) },
  { why: 'a GIF', apply: (u) => withFile(u, Buffer.from('GIF89a\x01\x00\x01\x00')) },
  { why: 'an executable', apply: (u) => withFile(u, Buffer.concat([Buffer.from('MZ\x90\x00'), PDF()])) },
  { why: 'HTML', apply: (u) => withFile(u, Buffer.from('<html><script>alert(document.cookie)</script>')) },
  { why: 'SVG', apply: (u) => withFile(u, Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>')) },
  { why: 'a ZIP', apply: (u) => withFile(u, Buffer.from('PK\x03\x04 not a document')) },
  { why: 'a PDF with a space before its magic', apply: (u) => withFile(u, Buffer.concat([Buffer.from(' '), PDF()])) },
  { why: 'two bytes of a PDF', apply: (u) => withFile(u, Buffer.from('%P')) },
  { why: 'a JPEG header alone, cut short', apply: (u) => withFile(u, JPEG_HEADER.subarray(0, 2)) },
  {
    why: 'a file over the size limit',
    apply: (u) => withFile(u, Buffer.concat([PDF(), Buffer.alloc(MAX_BYTES, 0x20)])),
  },
  { why: 'a stale If-Match', apply: (u) => ({ ...u, headers: { 'if-match': '"999999"' } }) },
  { why: 'a malformed If-Match', apply: (u) => ({ ...u, headers: { 'if-match': "1' OR 1=1" } }) },
  { why: 'If-Match zero', apply: (u) => ({ ...u, headers: { 'if-match': '0' } }) },
];

function withFile(u: Upload, data: Buffer): Upload {
  return { ...u, parts: u.parts.map((p) => (p.name === 'file' ? { ...p, data } : p)) };
}

/** Kinds that are not document kinds. */
const badKind = fc.oneof(
  hostileValidText,
  controlText,
  anyText,
  fc.constantFrom(
    '',
    'TRANSCRIPT',
    'transcript ',
    ' transcript',
    'transcript\u0000',
    'diploma_photo',
    'k'.repeat(2_000),
  ),
);

// ---- What is hostile but allowed: decorations that never fix a broken case ----------------------------------

const filename = fc.oneof(
  fc.constantFrom(
    'scan.pdf.exe',
    'scan.jpg',
    'photo.png.pdf.exe',
    '../../etc/passwd',
    '..\\..\\boot.ini',
    'scan%00.pdf',
    'scan\u0000.pdf',
    '\u202egpj.exe',
    'گواهی\u200cموقت.pdf',
    '.htaccess',
    'CON',
    '',
    `${'ی'.repeat(3_000)}.pdf`,
  ),
  fc.constantFrom(...MIXED_SCRIPT).map((s) => `${s}.pdf`),
);
const claimedType = fc.constantFrom(
  'application/pdf',
  'image/jpeg',
  'image/png',
  'text/html',
  'application/x-msdownload',
  'image/svg+xml',
  '',
);
const fileBytes = fc.constantFrom<(n: number) => Buffer>(
  PDF,
  (n) => Buffer.concat([JPEG_HEADER, PDF(n)]),
  (n) => Buffer.concat([PNG_HEADER, PDF(n)]),
);
const partHeaders = fc.constantFrom<string[]>(
  [],
  [`X-Pad: ${'a'.repeat(50_000)}`],
  ['Content-Transfer-Encoding: base64'],
  ['Content-Type: application/pdf; charset=utf-16'],
  Array.from({ length: 200 }, (_, i) => `X-H${i}: v`),
);

const dressed = fc
  .tuple(
    filename,
    claimedType,
    fileBytes,
    partHeaders,
    fc.constantFrom('', 'preamble\r\n', '\r\n\r\n'),
    fc.constantFrom('', 'epilogue', '\r\n--x--'),
    fc.nat(),
  )
  .map(
    ([name, type, bytes, headers, preamble, epilogue, n]): Upload => ({
      boundary: `----dd${n.toString(16)}`,
      parts: [kindPart(), { ...filePart(bytes(n), name.replace(/[\r\n"]/g, ''), type), headers }],
      preamble,
      epilogue,
    }),
  );

/** The caller: the graduate on their own draft, or the Graduate Office. */
const uploader = fc.constantFrom<Who>('graduate', 'office');

function call(who: Who | undefined, requestId: string, u: Upload, why: string): Case {
  return {
    method: 'POST',
    url: `/api/requests/${requestId}/documents`,
    cookie: who === undefined ? undefined : w.cookie[who],
    ...encode(u),
    why: `${why} (as ${who ?? 'nobody'})`,
  };
}

describe('POST /api/requests/:id/documents refuses hostile multipart bodies with a 4xx problem, leaving nothing behind', () => {
  it('aims at the upload route', () => {
    expect(ROUTES['POST /api/requests/:id/documents']?.surfaces).toContain('multipart');
  });

  it('broken structure', async () => {
    await fuzz(
      w,
      'upload structure',
      fc
        .tuple(
          uploader,
          dressed,
          fc.array(fc.oneof(fc.constantFrom(...structure), cutOff), { minLength: 1, maxLength: 2 }),
        )
        .map(([who, u, breaks]) =>
          call(
            who,
            w.graduate.requestId,
            breaks.reduce((x, b) => b.apply(x), u),
            breaks.map((b) => b.why).join(', '),
          ),
        ),
    );
  });

  it('broken content: the kind, the file’s bytes and size, If-Match', async () => {
    const kindBroken = badKind.map(
      (value): Break => ({
        why: `kind ${JSON.stringify(value.slice(0, 40))}`,
        apply: (u) => ({ ...u, parts: u.parts.map((p) => (p.name === 'kind' ? kindPart(value) : p)) }),
      }),
    );
    await fuzz(
      w,
      'upload content',
      fc
        .tuple(uploader, dressed, fc.oneof(fc.constantFrom(...content), kindBroken))
        .map(([who, u, b]) => call(who, w.graduate.requestId, b.apply(u), b.why)),
    );
  });

  it('callers who may not upload there', async () => {
    const callers = fc.oneof(
      fc
        .constantFrom<Who>('freeEd', 'welfare', 'auditor', 'admin')
        .map((who) => ({ who, requestId: w.graduate.requestId, why: 'an office that may not upload' })),
      fc.constant({ who: 'graduate' as Who, requestId: w.other.requestId, why: 'another graduate’s request' }),
      uploader.map((who) => ({ who, requestId: '00000000-0000-4000-8000-000000000000', why: 'an unknown request' })),
      fc.constant({ who: undefined, requestId: w.graduate.requestId, why: 'no session' }),
    );
    await fuzz(
      w,
      'upload callers',
      fc.tuple(callers, dressed).map(([c, u]) => call(c.who, c.requestId, u, c.why)),
    );
  });

  it('each named break once, undressed', async () => {
    for (const b of [...structure, ...content]) {
      for (const who of ['graduate', 'office'] as const) {
        const u = b.apply({ boundary: '----ddfuzz', parts: [kindPart(), filePart()] });
        await expectRefused(w, call(who, w.graduate.requestId, u, b.why));
      }
    }
  });
});
