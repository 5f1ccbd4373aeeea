import { ForbiddenError as CaslForbiddenError } from '@casl/ability';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import {
  AppError,
  type FieldError,
  problemOf,
  problemType,
  RateLimitedError,
  ServiceUnavailableError,
} from '../../errors.ts';

const DB_UNAVAILABLE = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  '57P01',
  '57P02',
  '57P03',
  '08000',
  '08001',
  '08003',
  '08006',
]);

export function isDbUnavailable(error: unknown): boolean {
  const e = error as { code?: string; message?: string };
  return (
    (typeof e.code === 'string' && DB_UNAVAILABLE.has(e.code)) ||
    /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error/.test(
      e.message ?? '',
    )
  );
}

function fieldErrors(error: FastifyError): FieldError[] {
  return (error.validation ?? []).map((v) => {
    const params = v.params as Record<string, unknown>;
    const base = v.instancePath.replace(/^\//, '').replaceAll('/', '.');
    const extra = (params.missingProperty ?? params.additionalProperty) as string | undefined;
    const field = [base, extra].filter(Boolean).join('.') || (error.validationContext ?? 'body');
    const message = params.additionalProperty ? 'is not an accepted field' : (v.message ?? 'is invalid');
    return { field, message, code: v.keyword };
  });
}

function send(
  reply: FastifyReply,
  status: number,
  kind: string,
  title: string,
  detail: string,
  more: Record<string, unknown> = {},
) {
  return reply
    .status(status)
    .type('application/problem+json')
    .send({ type: problemType(kind), title, status, detail, instance: reply.request.url.split('?')[0], ...more });
}

/**
 * Errors Fastify meets while routing, before any hook or handler: a path that does not percent-decode (400)
 * or a path parameter longer than the router takes (414). Without this as its `frameworkErrors` option,
 * Fastify answers them with JSON of its own shape instead of a problem.
 */
export function frameworkErrors(error: FastifyError, _request: FastifyRequest, reply: FastifyReply) {
  if (error.code === 'FST_ERR_BAD_URL') {
    return send(reply, 400, 'bad-request', 'Bad request', 'The URL is not valid percent-encoded UTF-8.');
  }
  if (error.code === 'FST_ERR_MAX_PARAM_LENGTH') {
    return send(reply, 414, 'uri-too-long', 'URI too long', 'A part of the path is longer than any valid value.');
  }
  reply.log.error({ err: error }, 'routing error');
  return send(reply, 500, 'internal-error', 'Internal error', 'Something went wrong on our side. It has been logged.');
}

/** The one place where errors become application/problem+json; 5xx details go to the log only. */
export default fp(async (app) => {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof AppError || error instanceof CaslForbiddenError) {
      if (error instanceof RateLimitedError || error instanceof ServiceUnavailableError) {
        reply.header('Retry-After', String(error.retryAfterSeconds));
      }
      const problem = problemOf(error, reply.request.url.split('?')[0] ?? '');
      return reply.status(problem.status).type('application/problem+json').send(problem);
    }
    if (error.validation) {
      const errors = fieldErrors(error);
      const detail = errors.map((e) => `${e.field}: ${e.message}`).join('; ');
      return send(reply, 400, 'validation-error', 'Invalid request', detail, { errors });
    }
    if (isDbUnavailable(error)) {
      request.log.error({ err: error }, 'database unavailable');
      const unavailable = new ServiceUnavailableError();
      reply.header('Retry-After', String(unavailable.retryAfterSeconds));
      return send(reply, 503, unavailable.kind, unavailable.title, unavailable.message);
    }
    const status = error.statusCode ?? 500;
    if (status >= 400 && status < 500) {
      const kinds: Record<number, [string, string]> = {
        400: ['bad-request', 'Bad request'],
        404: ['not-found', 'Not found'],
        405: ['method-not-allowed', 'Method not allowed'],
        406: ['not-acceptable', 'Not acceptable'],
        413: ['payload-too-large', 'Payload too large'],
        415: ['unsupported-media-type', 'Unsupported media type'],
      };
      const [kind, title] = kinds[status] ?? ['client-error', 'Request refused'];
      return send(reply, status, kind, title, error.message);
    }
    request.log.error({ err: error }, 'unhandled error');
    return send(
      reply,
      500,
      'internal-error',
      'Internal error',
      'Something went wrong on our side. It has been logged.',
    );
  });
});
