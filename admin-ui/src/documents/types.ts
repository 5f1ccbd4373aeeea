import type { Identifier } from 'react-admin';
import type { DocumentKind, ReviewStatus } from '../common/domain.ts';

export interface InPersonCheck {
  presentedByGraduate: boolean;
  originalNationalIdChecked: boolean;
  originalSeen: boolean;
}

export interface DocumentRecord {
  id: Identifier;
  requestId: string;
  graduateId: string;
  kind: DocumentKind;
  contentType: 'application/pdf' | 'image/jpeg' | 'image/png';
  originalName: string;
  sizeBytes: number;
  uploadedAt: string;
  reviewStatus: ReviewStatus;
  reviewNote: string | null;
  reviewedAt: string | null;
  inPerson: Partial<InPersonCheck> | null;
  office: 'graduate_officer' | 'free_education_officer';
}

export const IN_PERSON_CHECKS = ['presentedByGraduate', 'originalNationalIdChecked', 'originalSeen'] as const;
