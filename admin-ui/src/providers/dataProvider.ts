import simpleRestProvider from 'ra-data-simple-rest';
import type { DataProvider, Identifier } from 'react-admin';
import { toApiFilter } from '../audit-events/apiFilter.ts';
import { downloadAuditCsv, type ExportOptions, type ExportResult } from '../audit-events/csvDownload.ts';
import type { AuditFilter, ChainVerification } from '../audit-events/types.ts';
import type { TickKind, WorkflowAction } from '../common/domain.ts';
import type { DocumentRecord, InPersonCheck } from '../documents/types.ts';
import {
  downloadListExport,
  type ExportFormat,
  type ListExportOptions,
  type ListExportRequest,
  type ListExportResult,
} from '../exports/listDownload.ts';
import type { GraduateImport } from '../graduate-imports/types.ts';
import type { Correction } from '../graduates/types.ts';
import type { BulkAction, BulkItem, BulkResult } from '../requests/bulk/types.ts';
import type { CancellationCase, RequestDetail, WelfareRecord } from '../requests/types.ts';
import { toHolidayApiFilter } from '../working-calendar/holidayDates.ts';
import type { StageTarget } from '../working-calendar/types.ts';
import { httpClient } from './httpClient.ts';
import { updateBody } from './updateBody.ts';

const rest = simpleRestProvider('/api', httpClient);

const path = (...parts: (string | Identifier)[]) => `/api/${parts.map((part) => encodeURIComponent(part)).join('/')}`;

/** Lists whose filters the UI keeps in its own terms: a day typed as text, a Solar Hijri year. */
const LIST_FILTERS: Record<string, (filter: Record<string, unknown>) => Record<string, unknown>> = {
  'audit-events': (filter) => toApiFilter(filter),
  holidays: toHolidayApiFilter,
};

const send = async <T>(url: string, body: unknown, method = 'POST'): Promise<T> => {
  const { json } = await httpClient(url, { method, body: JSON.stringify(body) });
  return json;
};

export interface ReviewBody {
  decision: 'accepted' | 'rejected';
  note?: string;
  inPerson?: InPersonCheck;
}

export interface AppDataProvider extends DataProvider {
  openRequest: (body: { graduateId?: Identifier }) => Promise<RequestDetail>;
  requestAction: (
    id: Identifier,
    action: WorkflowAction,
    body: { version: number; note?: string },
  ) => Promise<RequestDetail>;
  setTick: (id: Identifier, kind: TickKind, body: { set: boolean; reason?: string }) => Promise<RequestDetail>;
  bulkRequests: (action: BulkAction, items: BulkItem[]) => Promise<BulkResult>;
  updateCancellation: (id: Identifier, body: CancellationCase & { version: number }) => Promise<RequestDetail>;
  updateWelfare: (id: Identifier, body: WelfareRecord & { version: number }) => Promise<RequestDetail>;
  claimRequest: (id: Identifier) => Promise<RequestDetail>;
  releaseRequest: (id: Identifier) => Promise<RequestDetail>;
  assignRequest: (
    id: Identifier,
    body: { userId: Identifier; currentAssigneeId: Identifier | null },
  ) => Promise<RequestDetail>;
  uploadDocument: (requestId: Identifier, kind: string, file: File) => Promise<DocumentRecord>;
  uploadGraduateImport: (file: File) => Promise<GraduateImport>;
  commitGraduateImport: (id: Identifier) => Promise<GraduateImport>;
  reviewDocument: (id: Identifier, body: ReviewBody) => Promise<DocumentRecord>;
  requestCorrection: (graduateId: Identifier, changes: Record<string, string>, note?: string) => Promise<Correction>;
  reviewCorrection: (id: Identifier, body: Omit<ReviewBody, 'inPerson'>) => Promise<Correction>;
  verifyAuditChain: () => Promise<ChainVerification>;
  endUserSessions: (id: Identifier) => Promise<{ endedSessions: number }>;
  changeOwnPassword: (body: { currentPassword: string; newPassword: string }) => Promise<{ endedSessions: number }>;
  exportAuditEvents: (filter: AuditFilter, options?: ExportOptions) => Promise<ExportResult>;
  updateStageTargets: (
    targets: Array<Pick<StageTarget, 'office' | 'stage' | 'targetDays' | 'version'>>,
  ) => Promise<StageTarget[]>;
  exportList: (
    resource: string,
    format: ExportFormat,
    request: ListExportRequest,
    options?: ListExportOptions,
  ) => Promise<ListExportResult>;
}

export const documentFileUrl = (id: Identifier) => `${path('documents', id)}/file`;

export const dataProvider: AppDataProvider = {
  ...rest,
  getList: (resource, params) => {
    const toApi = LIST_FILTERS[resource];
    return rest.getList(resource, toApi ? { ...params, filter: toApi(params.filter) } : params);
  },
  // The working week is one record at one address: react-admin names it `current`.
  getOne: async (resource, params) =>
    resource === 'working-week'
      ? { data: { ...(await httpClient(path(resource))).json, id: params.id } }
      : rest.getOne(resource, params),
  update: async (resource, params) => {
    const data = updateBody(resource, params.data, params.previousData);
    if (resource !== 'working-week') return rest.update(resource, { ...params, data });
    const { json } = await httpClient(path(resource), { method: 'PUT', body: JSON.stringify(data) });
    return { data: { ...json, id: params.id } };
  },
  // The version the caller saw goes as If-Match: deleting what someone else changed meanwhile is a 409.
  delete: async (resource, params) => {
    const version = params.previousData?.version;
    const headers = new Headers(typeof version === 'number' ? { 'If-Match': `"${version}"` } : {});
    const { json } = await httpClient(path(resource, params.id), { method: 'DELETE', headers });
    return { data: json };
  },
  openRequest: (body) => send(path('requests'), body),
  requestAction: (id, action, body) => send(path('requests', id, 'actions', action), body),
  setTick: (id, kind, body) => send(path('requests', id, 'ticks', kind), body),
  bulkRequests: (action, items) => send(path('requests', 'bulk'), { action, items }),
  updateCancellation: (id, body) => send(path('requests', id, 'cancellation'), body, 'PUT'),
  updateWelfare: (id, body) => send(path('requests', id, 'welfare'), body, 'PUT'),
  claimRequest: (id) => send(path('requests', id, 'claim'), {}),
  releaseRequest: (id) => send(path('requests', id, 'release'), {}),
  assignRequest: (id, body) => send(path('requests', id, 'assign'), body),
  uploadDocument: async (requestId, kind, file) => {
    const body = new FormData();
    body.append('kind', kind);
    body.append('file', file);
    const { json } = await httpClient(path('requests', requestId, 'documents'), { method: 'POST', body });
    return json;
  },
  uploadGraduateImport: async (file) => {
    const body = new FormData();
    body.append('file', file);
    const { json } = await httpClient(path('graduate-imports'), { method: 'POST', body });
    return json;
  },
  commitGraduateImport: (id) => send(`${path('graduate-imports', id)}/commit`, {}),
  reviewDocument: (id, body) => send(`${path('documents', id)}/review`, body),
  requestCorrection: (graduateId, changes, note) =>
    send(`${path('graduates', graduateId)}/corrections`, { changes, ...(note ? { note } : {}) }),
  reviewCorrection: (id, body) => send(`${path('corrections', id)}/review`, body),
  verifyAuditChain: async () => (await httpClient(path('audit-events', 'verify'))).json,
  endUserSessions: async (id) => (await httpClient(`${path('users', id)}/sessions`, { method: 'DELETE' })).json,
  changeOwnPassword: (body) => send(path('auth', 'password'), body),
  updateStageTargets: (targets) => send(path('stage-targets'), { targets }, 'PUT'),
  exportAuditEvents: (filter, options = {}) =>
    downloadAuditCsv(path('audit-events', 'export.csv'), toApiFilter(filter), options),
  exportList: (resource, format, request, options = {}) =>
    downloadListExport(path(resource, `export.${format}`), format, request, options),
};
