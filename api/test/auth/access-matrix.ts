/**
 * Who may call which route: the outcome each kind of caller must get from every route in Fastify's route
 * table, read by `access-matrix.test.ts` (which fails when a route is missing here, or an entry here names a
 * route that no longer exists). It says what `src/auth/abilities.ts` and DOMAIN.md intend, written out call by
 * call, so that a route that forgets its check, or checks the wrong thing, shows up as one cell.
 *
 * The callers: nobody (no cookie), each staff role, and two graduates. Every `:id` names a record of
 * graduate A (their account, graduate record, request, documents, correction, audit events), so `own` is
 * graduate A on their own records and `other` is graduate B on A's.
 *
 * The outcome classes:
 * - `allow`: 2xx (or a redirect). The test sends realistic, schema-valid bodies against records it has just
 *   put in a state where the call can succeed, so an authorised caller has no excuse for a 4xx: a 400, 409,
 *   413 or 415 in the matrix is a failure, never read as "authorised, body refused". (Fastify checks a body
 *   against the route's schema before the handler's authorisation; that 400 depends on the body alone and
 *   says nothing about any record, so it is tested apart, with the fields each role may not write.)
 * - `unauthenticated`: 401 problem+json, type `unauthorized`.
 * - `forbidden`: 403 problem+json (`forbidden`, or `workflow-blocked` when the workflow refuses the role):
 *   the caller may see the record, or there is no record, but may not do this.
 * - `hidden`: 404 problem+json, type `not-found`: the caller may not see the record, so it must look absent.
 *   A 403 where this says `hidden` tells the caller that the record exists.
 *
 * A refusal changes nothing: no audit event, no row, no file (the test compares before and after).
 */

export const CALLERS = [
  'anonymous',
  'admin',
  'graduate_officer',
  'free_education_officer',
  'welfare_officer',
  'auditor',
  'own',
  'other',
] as const;
export type Caller = (typeof CALLERS)[number];
export type Outcome = 'allow' | 'unauthenticated' | 'forbidden' | 'hidden';
export type Row = Readonly<Record<Caller, Outcome>>;
/** `METHOD url` as in the route table → a variant of the call (a path parameter's value, a kind of record) → row. */
export type AccessTable = Readonly<Record<string, Readonly<Record<string, Row>>>>;

const A = 'allow';
const U = 'unauthenticated';
const F = 'forbidden';
const H = 'hidden';

/** One row, its cells in the order of CALLERS: anonymous, admin, graduate office, free-education office, welfare office, auditor, own graduate, other graduate. */
function r(...cells: [Outcome, Outcome, Outcome, Outcome, Outcome, Outcome, Outcome, Outcome]): Row {
  return Object.fromEntries(CALLERS.map((caller, i) => [caller, cells[i]])) as Row;
}

/** The only variant of a route whose path parameters have one meaning. */
const only = (row: Row) => ({ '': row });
/** A GET route and the HEAD route Fastify adds beside it, answered alike. */
const getAndHead = (url: string, variants: Readonly<Record<string, Row>>) => ({
  [`GET ${url}`]: variants,
  [`HEAD ${url}`]: variants,
});

const everyone = r(A, A, A, A, A, A, A, A);
const loggedIn = r(U, A, A, A, A, A, A, A);
const adminOnly = r(U, A, F, F, F, F, F, F);
const adminAccounts = r(U, A, H, H, H, H, H, H);
const auditorOnly = r(U, F, F, F, F, A, F, F);
/** Staff who work on cases, the auditor, and graduates (lists show a graduate their own records only). */
const caseReaders = r(U, F, A, A, A, A, A, A);
/** One of graduate A's records that every case office, the auditor and A may read. */
const caseRecord = r(U, H, A, A, A, A, A, H);
/** Graduate A's documents: not the Welfare Office's (it reads requests, not their papers). */
const documentRecord = r(U, H, A, A, H, A, A, H);
/** The office lists' exports: the staff who read them, not the admin, not graduates (not even their own rows). */
const listExporters = r(U, F, A, A, A, A, F, F);
/** A workflow action of the Graduate Office on A's request. */
const officeAction = r(U, H, A, F, F, F, F, H);
/** A holding of A's request by one of the three offices, each for itself. */
const officeHolding = r(U, H, A, A, A, F, F, H);
/** A workflow action of the graduate on their own request. */
const graduateAction = r(U, H, F, F, F, F, A, H);
/** A graduate import of the Graduate Office: it names no graduate, so to those who may not read imports it does not exist. */
const importRecord = r(U, H, A, H, H, A, H, H);

export const ACCESS: AccessTable = {
  // The API's documentation and health are public.
  ...getAndHead('/api/docs', only(everyone)),
  'HEAD /api/docs/': only(everyone),
  ...getAndHead('/api/docs/static/index.html', only(everyone)),
  ...getAndHead('/api/docs/static/swagger-initializer.js', only(everyone)),
  ...getAndHead('/api/docs/json', only(everyone)),
  ...getAndHead('/api/docs/yaml', only(everyone)),
  ...getAndHead('/api/docs/static/*', only(everyone)),
  ...getAndHead('/api/openapi.json', only(everyone)),
  ...getAndHead('/api/health', only(everyone)),

  'POST /api/auth/login': only(everyone),
  'POST /api/auth/logout': only(loggedIn),
  // Everyone changes their own password (with the current one); there is no one else's to name.
  'POST /api/auth/password': only(loggedIn),
  ...getAndHead('/api/auth/session', only(loggedIn)),

  // Accounts are the admin's alone; to anyone else an account does not exist.
  ...getAndHead('/api/users', only(adminOnly)),
  ...getAndHead('/api/users/:id', only(adminAccounts)),
  'POST /api/users': only(adminOnly),
  'PUT /api/users/:id': only(adminAccounts),
  'DELETE /api/users/:id/sessions': only(adminAccounts),

  ...getAndHead('/api/graduates', only(caseReaders)),
  ...getAndHead('/api/graduates/export.csv', only(listExporters)),
  ...getAndHead('/api/graduates/export.xlsx', only(listExporters)),
  ...getAndHead('/api/graduates/:id', only(caseRecord)),
  'POST /api/graduates': only(r(U, F, A, F, F, F, F, F)),
  // The graduate asks for a correction of their own details; the Graduate Office reviews it.
  'POST /api/graduates/:id/corrections': only(r(U, H, F, F, F, F, A, H)),
  'POST /api/corrections/:id/review': only(r(U, H, A, H, H, F, F, H)),

  ...getAndHead('/api/requests', only(caseReaders)),
  ...getAndHead('/api/requests/export.csv', only(listExporters)),
  ...getAndHead('/api/requests/export.xlsx', only(listExporters)),
  ...getAndHead('/api/requests/:id', only(caseRecord)),
  // Opened by the graduate for themselves or by the Graduate Office on their behalf (the body names A).
  'POST /api/requests': only(r(U, H, A, F, F, F, A, H)),
  'POST /api/requests/:id/actions/:action': {
    'confirm-details': graduateAction,
    submit: graduateAction,
    'start-review': officeAction,
    return: officeAction,
    approve: officeAction,
    'start-printing': officeAction,
    'send-for-signature': officeAction,
    'mark-ready': officeAction,
    deliver: officeAction,
    withdraw: r(U, H, A, F, F, F, A, H),
  },
  // Each office sets only its own tick.
  'POST /api/requests/:id/ticks/:kind': {
    cancellation: r(U, H, F, A, F, F, F, H),
    welfare: r(U, H, F, F, A, F, F, H),
  },
  // Each office holds a request apart from the others (the record: A's request, in every office's queue); only
  // the holder releases; assigning names a colleague, whose office (the variant) must be the caller's.
  'POST /api/requests/:id/claim': only(officeHolding),
  'POST /api/requests/:id/release': only(officeHolding),
  'POST /api/requests/:id/assign': {
    graduate_officer: r(U, H, A, F, F, F, F, H),
    free_education_officer: r(U, H, F, A, F, F, F, H),
    welfare_officer: r(U, H, F, F, A, F, F, H),
  },
  // The names of one's own office's officers, to assign to: no office, no colleagues.
  ...getAndHead('/api/colleagues', only(r(U, F, A, A, A, F, F, F))),
  // An office's figures: each office its own (the default), the auditor and the admin any; no graduate.
  ...getAndHead('/api/dashboard', only(r(U, A, A, A, A, A, F, F))),
  'PUT /api/requests/:id/cancellation': only(r(U, H, F, A, F, F, F, H)),
  'PUT /api/requests/:id/welfare': only(r(U, H, F, F, A, F, F, H)),
  // One action on many requests (the body names A's): a role that may never take it is refused as a whole,
  // whatever the requests, so the refusal says nothing about them; each row then answers as the single route.
  'POST /api/requests/bulk': {
    'start-review': r(U, F, A, F, F, F, F, F),
    'mark-ready': r(U, F, A, F, F, F, F, F),
    deliver: r(U, F, A, F, F, F, F, F),
    'set-cancellation-tick': r(U, F, F, A, F, F, F, F),
    'set-welfare-tick': r(U, F, F, F, A, F, F, F),
  },

  'POST /api/requests/:id/documents': only(r(U, H, A, F, F, F, A, H)),
  ...getAndHead('/api/documents', only(r(U, F, A, A, F, A, A, A))),
  ...getAndHead('/api/documents/:id', only(documentRecord)),
  ...getAndHead('/api/documents/:id/file', { transcript: documentRecord, national_id_card: documentRecord }),
  // Only the office that owns a kind of document reviews it.
  'POST /api/documents/:id/review': {
    provisional_certificate: r(U, H, A, F, H, F, F, H),
    insurance_record: r(U, H, F, A, H, F, F, H),
  },

  // The audit log: auditors see it all; others the events of records they may read, and their own account's.
  ...getAndHead('/api/audit-events', only(loggedIn)),
  ...getAndHead('/api/audit-events/verify', only(auditorOnly)),
  ...getAndHead('/api/audit-events/export.csv', only(auditorOnly)),
  ...getAndHead('/api/audit-events/:id', {
    'graduate.create': caseRecord,
    'request.open': caseRecord,
    'document.upload': documentRecord,
    // A correction is the Graduate Office's and the graduate's; its events show what was asked.
    'correction.request': r(U, H, A, H, H, A, A, H),
    // An event about A's account: the admin's, and A's own.
    'user.create': r(U, A, H, H, H, A, A, H),
  }),

  // Saved views: staff keep views of the lists they read (the admin: the audit log's), graduates none. A view's
  // `:id` names a view of the Graduate Office's officer, or of a second officer of that office (a colleague):
  // shared with the office, colleagues read it and only its owner changes it; private, it is its owner's alone.
  ...getAndHead('/api/saved-views', only(r(U, A, A, A, A, A, F, F))),
  'POST /api/saved-views': {
    requests: r(U, F, A, A, A, A, F, F),
    'audit-events': r(U, A, A, A, A, A, F, F),
  },
  ...getAndHead('/api/saved-views/:id', {
    own: r(U, H, A, H, H, H, H, H),
    'shared by a colleague': r(U, H, A, H, H, H, H, H),
    'private of a colleague': r(U, H, H, H, H, H, H, H),
  }),
  'PUT /api/saved-views/:id': {
    own: r(U, H, A, H, H, H, H, H),
    'shared by a colleague': r(U, H, F, H, H, H, H, H),
  },
  'DELETE /api/saved-views/:id': {
    own: r(U, H, A, H, H, H, H, H),
    'shared by a colleague': r(U, H, F, H, H, H, H, H),
  },

  // Graduate imports (the portal's CSV export) are the Graduate Office's, which records graduates; auditors
  // read them.
  ...getAndHead('/api/graduate-imports', only(r(U, F, A, F, F, A, F, F))),
  'POST /api/graduate-imports': only(r(U, F, A, F, F, F, F, F)),
  ...getAndHead('/api/graduate-imports/:id', only(importRecord)),
  ...getAndHead('/api/graduate-imports/:id/rows', only(importRecord)),
  'POST /api/graduate-imports/:id/commit': only(r(U, H, A, H, H, F, H, H)),

  // The working calendar decides who is overdue: the admin keeps it, the offices and the auditor read it, and to
  // graduates it does not exist (a holiday answers 404; the lists and the week, which name none, 403).
  ...getAndHead('/api/holidays', only(r(U, A, A, A, A, A, F, F))),
  ...getAndHead('/api/holidays/:id', only(r(U, A, A, A, A, A, H, H))),
  'POST /api/holidays': only(adminOnly),
  'PUT /api/holidays/:id': only(r(U, A, F, F, F, F, H, H)),
  'DELETE /api/holidays/:id': only(r(U, A, F, F, F, F, H, H)),
  ...getAndHead('/api/working-week', only(r(U, A, A, A, A, A, F, F))),
  'PUT /api/working-week': only(adminOnly),
  ...getAndHead('/api/stage-targets', only(r(U, A, A, A, A, A, F, F))),
  'PUT /api/stage-targets': only(adminOnly),
};
