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
