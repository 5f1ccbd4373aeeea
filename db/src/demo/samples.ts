import { Readable } from 'node:stream';
import { DOCUMENT_KINDS, type DocumentKind } from '../domain.ts';
import { detectContentType } from '../storage/detect-type.ts';
import type { FileStorage } from '../storage/storage.ts';
import type { StoredContentType } from '../tables/documents.table.ts';
import { sampleJpeg, samplePdf, samplePng } from './sample-files.ts';

/** A PDF per document kind (its title printed on it), and two generic scans: a JPEG and a PNG. */
export type SampleKey = DocumentKind | 'jpeg' | 'png';

const TITLES: Readonly<Record<DocumentKind, string>> = {
  cancellation_sheet: 'Commitment-cancellation sheet (Sajad system printout)',
  lower_degree_diploma: 'Diploma of the lower degree',
  provisional_certificate: 'Provisional certificate of the current degree',
  military_status: 'Military-service completion or exemption card',
  national_id_card: 'National ID card, front and back',
  birth_certificate: 'Birth certificate: first page and notes page',
  transcript: 'Transcript of the degree (Persian transcript)',
  employment_certificate: 'Certificate of full-time employment, addressed to the university',
  insurance_record: 'Insurance record printout (Social Security Organization)',
  employment_decree: 'Employment decree (government employee)',
  non_employment_letter: 'Non-employment letter, Ministry of Labour',
  scholarship_release: "Sponsor's letter cancelling the scholarship commitment",
  payment_receipt: 'Receipt of the online payment of the free-education cost',
};

export function sampleFileContents(): Record<SampleKey, Buffer> {
  const files = {} as Record<SampleKey, Buffer>;
  for (const kind of DOCUMENT_KINDS) {
    files[kind] = samplePdf([
      'Diploma Desk - sample document',
      TITLES[kind],
      `Document kind: ${kind}`,
      'DEMO DATA: not a real record. One file is shared by many demo requests.',
    ]);
  }
  files.jpeg = sampleJpeg();
  files.png = samplePng();
  return files;
}

export interface StoredSample {
  storageKey: string;
  sha256: string;
  sizeBytes: number;
  contentType: StoredContentType;
}

/** Stores every sample once (content-addressed: a second run finds them in place). */
export async function storeSampleFiles(storage: FileStorage): Promise<Record<SampleKey, StoredSample>> {
  const stored = {} as Record<SampleKey, StoredSample>;
  for (const [key, bytes] of Object.entries(sampleFileContents()) as [SampleKey, Buffer][]) {
    const file = await storage.put(Readable.from([bytes]), { maxBytes: 1024 * 1024 });
    const contentType = detectContentType(file.head);
    if (!contentType) throw new Error(`demo sample ${key} has no recognised content type`);
    stored[key] = { storageKey: file.key, sha256: file.sha256, sizeBytes: file.size, contentType };
  }
  return stored;
}
