import auditEvents from './audit-events/index.ts';
import { screenForRoute } from './common/screenForRoute.ts';
import { Dashboard } from './dashboard/index.ts';
import graduateImports from './graduate-imports/index.ts';
import graduates from './graduates/index.ts';
import requests from './requests/index.ts';
import users from './users/index.ts';
import { holidays, stageTargets } from './working-calendar/index.ts';

/**
 * Starts fetching the chunk of the screen the page was opened on while the app starts and checks the
 * session, instead of after: a bookmark of the request queue gets its list no later for the list being a
 * chunk of its own. A failure is left to the screen's own render, which tries again.
 */
export function preloadScreenFor(hash: string): void {
  screenForRoute(hash, Dashboard, {
    requests,
    graduates,
    users,
    'audit-events': auditEvents,
    'graduate-imports': graduateImports,
    holidays,
    'stage-targets': stageTargets,
  })
    ?.preload()
    .catch(() => undefined);
}
