import type { Identifier } from 'react-admin';

export interface Correction {
  id: Identifier;
  graduateId: string;
  changes: Record<string, unknown>;
  status: 'pending' | 'accepted' | 'rejected';
  requestedBy: string | null;
  requestedAt: string;
  reviewedBy: string | null;
  reviewedAt: string | null;
  reviewNote: string | null;
}

export interface Graduate {
  id: Identifier;
  studentNumber: string;
  nationalId: string;
  firstName: string;
  lastName: string;
  fatherName: string;
  birthDate: string;
  gender: 'male' | 'female';
  degreeLevel: 'masters' | 'phd';
  faculty: string;
  program: string;
  scholarship: boolean;
  version: number;
  createdAt: string;
  updatedAt: string;
  pendingCorrections?: Correction[];
}

export const CORRECTABLE_FIELDS = ['firstName', 'lastName', 'fatherName', 'birthDate'] as const;
export type CorrectableField = (typeof CORRECTABLE_FIELDS)[number];
