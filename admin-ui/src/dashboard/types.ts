import type { Queue } from '../common/domain.ts';

/** GET /api/dashboard (api/src/schemas/dashboard.ts). */
export interface DashboardFigures {
  office: Queue;
  asOf: string;
  queue: {
    size: number;
    overdue: number;
    oldest: { id: string; name: string | null; stage: string; daysInStage: number } | null;
  };
  stages: { stage: string; count: number }[];
  throughput: { week: string; delivered: number }[];
  leadTimes: { stage: string; count: number; median: number; p90: number }[];
  waiting: { cancellationTick: number; welfareTick: number; graduate: number; documentReview: number } | null;
}

/** The request list filtered as a figure counts (react-admin's list address: `#/requests?filter=…`). */
export const listPath = (filter: Record<string, unknown>) =>
  `/requests?${new URLSearchParams({ filter: JSON.stringify(filter) }).toString()}`;
