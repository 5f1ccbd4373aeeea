import type { AnyAbility, ForbiddenError as CaslForbiddenError } from '@casl/ability';

/** Named application errors. One error handler turns each into application/problem+json (RFC 9457). */
export interface FieldError {
  field: string;
  message: string;
  code: string;
}

export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly kind: string,
    readonly title: string,
    detail: string,
    readonly errors?: FieldError[],
    readonly extra?: Record<string, unknown>,
  ) {
    super(detail);
  }
}

export class ValidationError extends AppError {
  constructor(detail: string, errors?: FieldError[]) {
    super(400, 'validation-error', 'Invalid request', detail, errors);
  }
}

export class UnauthorizedError extends AppError {
  constructor(detail = 'You need to log in.') {
    super(401, 'unauthorized', 'Not logged in', detail);
  }
}

export class InvalidCredentialsError extends AppError {
  constructor() {
    super(401, 'invalid-credentials', 'Login failed', 'The username or password is incorrect.');
  }
}

export class ForbiddenError extends AppError {
  constructor(detail = 'You are not allowed to do this.') {
    super(403, 'forbidden', 'Not allowed', detail);
  }
}

export class CsrfError extends AppError {
  constructor() {
    super(403, 'csrf-rejected', 'Cross-site request refused', 'This request did not come from the application.');
  }
}

export class NotFoundError extends AppError {
  constructor(what = 'The resource') {
    super(404, 'not-found', 'Not found', `${what} was not found.`);
  }
}

export class ConflictError extends AppError {
  constructor(kind: string, detail: string, errors?: FieldError[]) {
    super(409, kind, 'Conflict', detail, errors);
  }
}

export class VersionConflictError extends ConflictError {
  constructor(currentVersion: number) {
    super('stale-version', 'The record was changed by someone else; reload it and try again.');
    Object.assign(this, { extra: { currentVersion } });
  }
}

export class RateLimitedError extends AppError {
  constructor(readonly retryAfterSeconds: number) {
    super(429, 'too-many-attempts', 'Too many attempts', 'Too many attempts. Try again later.');
  }
}

/** The database is down or restarting: clients should retry (Retry-After), not report a bug. */
export class ServiceUnavailableError extends AppError {
  readonly retryAfterSeconds = 5;
  constructor() {
    super(503, 'service-unavailable', 'Service unavailable', 'The database is not answering. Try again shortly.');
  }
}

export class PayloadTooLargeError extends AppError {
  constructor(limitBytes: number) {
    super(413, 'payload-too-large', 'Payload too large', `The file is larger than ${limitBytes} bytes.`, undefined, {
      limitBytes,
    });
  }
}

export class UnsupportedMediaTypeError extends AppError {
  constructor(detail: string) {
    super(415, 'unsupported-media-type', 'Unsupported media type', detail);
  }
}

/** The workflow's refusals: every unmet rule, as a code the UI translates plus English text. */
export class WorkflowBlockedError extends AppError {
  constructor(status: 403 | 409, unmet: Array<{ code: string; message: string; params?: Record<string, string> }>) {
    super(status, 'workflow-blocked', 'Not possible now', unmet.map((u) => u.message).join(' '), undefined, { unmet });
  }
}

export const problemType = (kind: string) => `/api/problems/${kind}`;

/**
 * The problem details an application error is answered with (CASL's refusal is a plain 403). The error
 * handler sends it; a bulk call reports each refused row with it, as the single call would have answered.
 */
export function problemOf(error: AppError | CaslForbiddenError<AnyAbility>, instance: string) {
  const e = error instanceof AppError ? error : new ForbiddenError();
  return {
    type: problemType(e.kind),
    title: e.title,
    status: e.status,
    detail: e.message,
    instance,
    ...(e.errors ? { errors: e.errors } : {}),
    ...e.extra,
  };
}

/**
 * An office's holding of a request is not as the call needs it: held already (a claim), held by someone else
 * than the caller saw (an assignment), held by nobody (a release), or the request is not in the office's queue.
 * `holder` names who holds it now (null: nobody), so that the caller can tell whom to talk to.
 */
export class AssignmentConflictError extends ConflictError {
  constructor(
    kind: 'assignment-held' | 'assignment-changed' | 'not-assigned' | 'not-in-queue',
    detail: string,
    holder: { id: string; displayName: string } | null,
  ) {
    super(kind, detail);
    Object.assign(this, { extra: { holder } });
  }
}
