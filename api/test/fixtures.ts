import { type DocumentKind, generateNationalId } from '@diploma-desk/db';
import type { TestApp } from './helpers.ts';

let counter = 0;

/** A graduate recorded through the API by the Graduate Office, with a graduate account of their own. */
export async function createGraduate(
  h: TestApp,
  officer: string,
  admin: string,
  over: Record<string, unknown> = {},
): Promise<{ id: string; cookie: string; username: string }> {
  counter += 1;
  const res = await h.call(officer, {
    method: 'POST',
    url: '/api/graduates',
    payload: {
      studentNumber: `40${String(Date.now()).slice(-6)}${counter}`,
      nationalId: generateNationalId(),
      firstName: 'سارا',
      lastName: `کریمی ${counter}`,
      fatherName: 'علی',
      birthDate: '1996-03-21',
      gender: 'female',
      degreeLevel: 'masters',
      faculty: 'دانشکده مهندسی کامپیوتر',
      program: 'هوش مصنوعی',
      ...over,
    },
  });
  if (res.statusCode !== 201) throw new Error(`graduate: ${res.statusCode} ${res.body}`);
  const id = res.json().id as string;
  const username = `grad.${counter}.${Date.now().toString(36)}`;
  const user = await h.call(admin, {
    method: 'POST',
    url: '/api/users',
    payload: {
      username,
      password: 'a long graduate passphrase',
      role: 'graduate',
      displayName: 'سارا',
      graduateId: id,
    },
  });
  if (user.statusCode !== 201) throw new Error(`graduate user: ${user.statusCode} ${user.body}`);
  return { id, username, cookie: await h.login(username, 'a long graduate passphrase') };
}

/** Stands in for uploads and reviews (which have their own tests): a current document of a kind. */
export async function putDocument(
  h: TestApp,
  requestId: string,
  graduateId: string,
  kind: DocumentKind,
  reviewStatus: 'pending' | 'accepted' | 'rejected' = 'accepted',
  inPerson: object | null = null,
) {
  await h.t.db
    .insertInto('documents')
    .values({
      requestId,
      graduateId,
      kind,
      storageKey: `sha256/00/${'0'.repeat(64)}`,
      sha256: '0'.repeat(64),
      sizeBytes: 1,
      contentType: 'application/pdf',
      originalName: `${kind}.pdf`,
      uploadedBy: null,
      reviewStatus,
      reviewNote: null,
      reviewedBy: null,
      reviewedAt: null,
      inPerson: inPerson ? JSON.stringify(inPerson) : null,
      supersededAt: null,
    })
    .execute();
}

/** A multipart/form-data body with `kind`, then `file`, as the upload route expects them. */
export function uploadBody(kind: string, data: Buffer, filename = 'scan.pdf', type = 'application/pdf') {
  const boundary = `----dd${Math.random().toString(16).slice(2)}`;
  const payload = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="kind"\r\n\r\n${kind}\r\n`),
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: ${type}\r\n\r\n`,
    ),
    data,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

/** A small PDF, different each time so that content-addressed storage never shares it. */
export const pdfBytes = () =>
  Buffer.from(`%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n% ${Math.random()}\ntrailer << /Root 1 0 R >>\n%%EOF\n`);

/** The educational portal's header line, in Persian as it writes it. */
export const PORTAL_HEADER = [
  'شماره دانشجویی',
  'کد ملی',
  'نام',
  'نام خانوادگی',
  'نام پدر',
  'تاریخ تولد',
  'جنسیت',
  'مقطع',
  'دانشکده',
  'رشته',
  'بورسیه',
] as const;

export interface CsvGraduate {
  studentNumber: string;
  nationalId: string;
  firstName?: string;
  lastName?: string;
  fatherName?: string;
  /** Solar Hijri, as the portal writes it. */
  birthDate?: string;
  gender?: string;
  degreeLevel?: string;
  faculty?: string;
  program?: string;
  scholarship?: string;
}

/** A graduate CSV as the portal exports it: a BOM, the Persian header, one line per graduate, CRLF. */
export function graduateCsv(rows: readonly CsvGraduate[], delimiter: ',' | ';' = ','): Buffer {
  const cell = (v: string) => (/[",;\r\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v);
  const lines = rows.map((g) =>
    [
      g.studentNumber,
      g.nationalId,
      g.firstName ?? 'سارا',
      g.lastName ?? 'کریمی',
      g.fatherName ?? 'علی',
      g.birthDate ?? '1375/01/01',
      g.gender ?? 'زن',
      g.degreeLevel ?? 'کارشناسی ارشد',
      g.faculty ?? 'دانشکده مهندسی کامپیوتر',
      g.program ?? 'هوش مصنوعی',
      g.scholarship ?? 'خیر',
    ]
      .map(cell)
      .join(delimiter),
  );
  return Buffer.from(`\ufeff${[PORTAL_HEADER.join(delimiter), ...lines].join('\r\n')}\r\n`, 'utf8');
}

/** A multipart/form-data body with the one part `file`, as the graduate import takes it. */
export function importBody(data: Buffer, filename = 'graduates.csv', type = 'text/csv') {
  const boundary = `----dd${Math.random().toString(16).slice(2)}`;
  const payload = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: ${type}\r\n\r\n`,
    ),
    data,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}
